import { EVIDENCE_LIMITS, type Evidence, type EvidenceAttachment } from '../../domain/evidence-schema.js';
import { LIMITS } from '../../domain/limits.js';
import type { ChosenMessage } from '../types.js';
import { htmlToPlainText, tidy } from '../../shared/html.js';

/**
 * The copy of a chosen Teams message that is kept with the melding: plain text (HTML removed),
 * the first EVIDENCE_LIMITS.text characters, attachments by name and type only (a card by its
 * words), each cut to what the stored melding allows. Pure: the moment of keeping is a parameter.
 */
export function toEvidence(message: ChosenMessage, keptAt: Date): Evidence {
  const plain = message.body.contentType === 'html' ? htmlToPlainText(message.body.content) : tidy(message.body.content);
  const chars = Array.from(plain);
  const text = chars.slice(0, EVIDENCE_LIMITS.text).join('');
  const listed = message.attachments.filter((a) => !isInlineHtml(a));
  return {
    source: 'teams-bericht',
    messageId: message.id.slice(0, 500),
    senderName: message.senderName.slice(0, LIMITS.shortText),
    ...(message.sentAt ? { sentAt: message.sentAt } : {}),
    ...(message.editedAt ? { editedAt: message.editedAt } : {}),
    deleted: message.deleted,
    ...(message.deletedAt ? { deletedAt: message.deletedAt } : {}),
    ...(message.link && /^https:\/\/[^\s]+$/i.test(message.link) && message.link.length <= LIMITS.url ? { link: message.link } : {}),
    text,
    omittedChars: Math.max(0, chars.length - EVIDENCE_LIMITS.text) + message.omittedChars,
    attachments: listed.slice(0, EVIDENCE_LIMITS.attachments).map(describe),
    omittedAttachments: Math.max(0, listed.length - EVIDENCE_LIMITS.attachments),
    keptAt: keptAt.toISOString(),
  };
}

/** Some clients repeat the body as a text/html attachment: it is the text above, not an attachment. */
function isInlineHtml(a: ChosenMessage['attachments'][number]): boolean {
  return a.contentType === 'text/html';
}

const CARD = /^application\/vnd\.microsoft\.card\./;

function describe(a: ChosenMessage['attachments'][number]): EvidenceAttachment {
  const base = { name: (a.name ?? '').slice(0, LIMITS.shortText), contentType: a.contentType.slice(0, LIMITS.shortText) };
  if (a.contentType === 'messageReference') return { kind: 'citaat', ...base };
  if (CARD.test(a.contentType)) {
    const words = tidy(cardWords(a.content).join('\n'));
    return { kind: 'kaart', ...base, ...(words ? { text: Array.from(words).slice(0, EVIDENCE_LIMITS.cardText).join('') } : {}) };
  }
  if (a.contentType === 'reference' || a.name) return { kind: 'bestand', ...base };
  return { kind: 'overig', ...base };
}

/** The words a card shows (its `text`, `title` and `value` strings), at most a bounded walk deep. */
function cardWords(content: unknown): string[] {
  let card: unknown = content;
  if (typeof content === 'string') {
    try {
      card = JSON.parse(content) as unknown;
    } catch {
      return [];
    }
  }
  const words: string[] = [];
  let budget = 2000;
  const walk = (node: unknown, depth: number): void => {
    if (depth > 20 || budget-- <= 0 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') words.push(value);
      else walk(value, depth + 1);
    }
  };
  walk(card, 0);
  return words;
}
