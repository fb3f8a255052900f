import { z } from 'zod';
import { literal, renderCard } from '../../cards/render.js';
import type { Evidence, EvidenceAttachment } from '../../domain/evidence-schema.js';
import { formatDutch } from '../../domain/format.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { CardJson } from '../types.js';

const b = nl.bericht.bewijs;

/** One line of the evidence as the cards show it: plain text in a TextRun, never markdown. */
export interface EvidenceLine {
  text: string;
  /** the sender's own words (shown set apart), or the bot's note about them */
  quoted: boolean;
}

function attachmentLine(a: EvidenceAttachment): string {
  const type = a.contentType || '?';
  switch (a.kind) {
    case 'bestand':
      return fmt(b.bestand, { name: a.name || '?', type });
    case 'kaart':
      return a.text ? fmt(b.kaart, { type }) : fmt(b.kaartLeeg, { type });
    case 'citaat':
      return fmt(b.citaat, { type });
    case 'overig':
      return fmt(b.overig, { name: a.name || '?', type });
  }
}

/**
 * The evidence line by line, for the summary, the handler's card and the 1:1 chat: who sent it,
 * when, what happened to it, its text and its attachments, with a clear word for what was not kept.
 * Every text goes through literal(); the templates put them in TextRuns, so nothing is rendered.
 */
export function evidenceLines(e: Evidence): EvidenceLine[] {
  const note = (text: string): EvidenceLine => ({ text: literal(text), quoted: false });
  const quote = (text: string): EvidenceLine => ({ text: literal(text), quoted: true });
  const lines: EvidenceLine[] = [note(fmt(b.afzender, { name: e.senderName || '?' }))];
  if (e.sentAt) lines.push(note(fmt(b.verzonden, { date: formatDutch(e.sentAt) })));
  if (e.editedAt) lines.push(note(fmt(b.bewerkt, { date: formatDutch(e.editedAt) })));
  if (e.deleted || e.deletedAt) lines.push(note(e.deletedAt ? fmt(b.verwijderdOp, { date: formatDutch(e.deletedAt) }) : b.verwijderd));
  if (e.link) lines.push(note(fmt(b.link, { link: e.link })));
  lines.push(note(b.tekst));
  lines.push(e.text ? quote(e.text) : note(b.geenTekst));
  if (e.omittedChars > 0) lines.push(note(fmt(b.ingekort, { kept: Array.from(e.text).length })));
  for (const a of e.attachments) {
    lines.push(note(attachmentLine(a)));
    if (a.kind === 'kaart' && a.text) lines.push(quote(a.text));
  }
  if (e.omittedAttachments > 0) lines.push(note(fmt(b.meer, { count: e.omittedAttachments })));
  return lines;
}

/** The first message of the melding in the 1:1 chat: the message the person reported, as kept. */
export function evidenceCard(e: Evidence): CardJson {
  return renderCard('bericht-bewijs', { lines: evidenceLines(e) });
}

/** The dialog Teams shows where the person chose the message; its only button opens the 1:1 chat. */
export function dialogCard(messages: string[], chatLink: string | undefined): CardJson {
  return renderCard('bericht-dialoog', { messages: messages.map((text) => ({ text })), chatLink: chatLink ?? '' });
}

/**
 * The dialog's question for a person in several organisations: one choice each and a submit, which
 * Teams sends back as a submitAction with the same message and the choice in `organisatie`.
 */
export function organisationDialogCard(options: readonly { id: string; name: string }[]): CardJson {
  return renderCard('bericht-organisatie', { keuzes: options.map((o) => ({ id: o.id, naam: o.name })) });
}

/** The data of that submit: an organisation's id as the card offered it, still to be checked against the person's. */
export const OrganisationChoiceSchema = z.object({ organisatie: z.string().min(1).max(100) }).loose();
