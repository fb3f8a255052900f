import type { CommandName } from '../commands.js';
import type { ActionHandler, CommandHandler } from '../flow-module.js';
import type { HandlingDeps } from '../handling/ports.js';
import type { Services } from '../services.js';
import { filter } from './actions/filter.js';
import { openen } from './actions/openen.js';
import { tonen } from './actions/tonen.js';

const ACTIONS = [filter, openen];

/**
 * The overview of open meldingen (`overzicht`): the coordinator's, of all of them, and a
 * handler's, of their own; one action per file under actions/.
 */
export function overzichtFlow(
  services: Services,
  deps: HandlingDeps,
): { actions: Record<string, ActionHandler>; commands: Partial<Record<CommandName, CommandHandler>> } {
  const ctx = { services, deps };
  return {
    actions: Object.fromEntries(ACTIONS.map(({ verb, build }) => [verb, build(ctx)])),
    commands: { overzicht: tonen(ctx) },
  };
}
