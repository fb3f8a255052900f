import { renderCard } from '../cards/render.js';
import { nl } from '../shared/i18n/nl.js';
import type { ActionHandler } from './flow-module.js';
import type { CardJson, TurnInput, TurnResult } from './types.js';

export type MessageStyle = 'default' | 'good' | 'attention' | 'warning' | 'emphasis' | 'accent';

export function messageCard(message: string, options: { title?: string; style?: MessageStyle; home?: boolean } = {}): CardJson {
  return renderCard('message', {
    title: options.title ?? '',
    message,
    style: options.style ?? 'default',
    showHome: options.home ?? true,
  });
}

/** A refusal: shown in place of the clicked card (invoke) or as a reply (message). */
export function refuse(message: string): TurnResult {
  return { card: messageCard(message, { style: 'attention' }), replies: [] };
}

export function show(card: CardJson): TurnResult {
  return { card, replies: [] };
}

/** Meldingen and nazorg are shown only in the personal chat: anywhere else, others would read along. */
export function personalOnly(input: TurnInput): TurnResult | undefined {
  return input.conversation.kind === 'personal' ? undefined : refuse(nl.melding.privateOnly);
}

/** An action that runs only in the personal chat (see personalOnly). */
export function personalAction(handler: ActionHandler): ActionHandler {
  return (input, actor, raw) => Promise.resolve(personalOnly(input) ?? handler(input, actor, raw));
}
