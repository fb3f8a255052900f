import type { CommandHandler } from '../../flow-module.js';
import { viewerOf } from '../access.js';
import { overzichtCard } from '../card.js';
import type { OverzichtContext } from './context.js';

/** `overzicht`: every open melding the person may see, most urgent first. */
export function tonen({ services, deps }: OverzichtContext): CommandHandler {
  return async (input, actor) => {
    const access = await viewerOf(services, input, actor);
    return access.ok ? overzichtCard(services, deps, access.viewer, 'alle', input.now) : access.answer;
  };
}
