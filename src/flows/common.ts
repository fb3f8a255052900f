import { renderCard } from '../cards/render.js';
import type { CardJson, TurnResult } from './types.js';

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
