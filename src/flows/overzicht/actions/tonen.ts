import type { CommandHandler } from '../../flow-module.js';
import type { Services } from '../../services.js';
import { viewerOf } from '../access.js';
import { overzichtCard } from '../card.js';

/** `overzicht`: every open melding the person may see, most urgent first. */
export function tonen(services: Services): CommandHandler {
  return async (input, actor) => {
    const access = await viewerOf(services, input, actor);
    return access.ok ? overzichtCard(services, access.viewer, 'alle', input.now) : access.answer;
  };
}
