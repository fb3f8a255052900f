import type { CommandName } from '../commands.js';
import type { ActionHandler, CommandHandler } from '../flow-module.js';
import type { HandlingDeps } from '../handling/ports.js';
import type { Services } from '../services.js';
import { BRIEF_VERB, briefAction } from './brief-action.js';
import { inzageCommand } from './inzage.js';

export { withPlegerBrief } from './brief-card.js';

/**
 * Fair play for the pleger: the letter with the decision, made by a handler from the melding
 * card, and the pleger's inzage, handled by the coordinator (`pleger-inzage <naam>`).
 */
export function plegerFlow(services: Services, deps: HandlingDeps): { actions: Record<string, ActionHandler>; commands: Partial<Record<CommandName, CommandHandler>> } {
  return {
    actions: { [BRIEF_VERB]: briefAction(services, deps) },
    commands: { plegerInzage: inzageCommand(services) },
  };
}
