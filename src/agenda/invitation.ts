import type { EventSubject } from '../calendar/port.js';
import { escapeHtml } from '../shared/html.js';
import { nl } from '../shared/i18n/nl.js';
import type { BookingKind } from './bookings.js';

const t = nl.agenda.uitnodiging;

/**
 * Subject and body of an invitation. A calendar is seen by assistants, delegates and phones on
 * the table: the subject is one fixed word and the body only the conversation's purpose from
 * the protocol. Nothing of the melding is passed in, so nothing of it can end up here.
 */
export function invitationFor(kind: BookingKind): { subject: EventSubject; bodyHtml: string } {
  const text = t[kind];
  const items = text.purpose.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  return {
    subject: kind.startsWith('nazorg') ? 'Nazorggesprek' : 'Gesprek',
    bodyHtml: `<p><strong>${escapeHtml(text.title)}</strong></p><ul>${items}</ul><p>${escapeHtml(t.footer)}</p>`,
  };
}
