import { z } from 'zod';
import { LIMITS, ShortTextSchema } from './limits.js';
import { InstantSchema } from './types.js';

const shortText = ShortTextSchema;

/** Bounds of a Teams message kept as evidence: the first characters of its text, names of its attachments. */
export const EVIDENCE_LIMITS = { text: 4000, attachments: 10, cardText: 1000 } as const;

/** An attachment of the reported message: what it was, never the file itself. */
export const EvidenceAttachmentSchema = z.object({
  kind: z.enum(['bestand', 'kaart', 'citaat', 'overig']),
  name: shortText,
  contentType: shortText,
  /** the words a card showed, as plain text (a card's own content is not kept) */
  text: z.string().max(EVIDENCE_LIMITS.cardText).optional(),
});
export type EvidenceAttachment = z.infer<typeof EvidenceAttachmentSchema>;

/**
 * A Teams message the melder reported from the message itself ("Melden bij Weerbaar"): a copy as
 * Teams handed it over, kept with the melding. Its text is plain text (HTML removed), always
 * shown literally. Only the message the person chose; nothing else of that conversation.
 */
export const EvidenceSchema = z.object({
  source: z.literal('teams-bericht'),
  messageId: z.string().max(500),
  senderName: shortText,
  sentAt: InstantSchema.optional(),
  /** Teams says the message was edited after it was sent: this is the edited text */
  editedAt: InstantSchema.optional(),
  /** Teams says the message was deleted: its text may be gone */
  deleted: z.boolean(),
  deletedAt: InstantSchema.optional(),
  link: z.string().max(LIMITS.url).optional(),
  text: z.string().max(EVIDENCE_LIMITS.text),
  /** characters of the text beyond the limit, not kept */
  omittedChars: z.number().int().min(0),
  attachments: z.array(EvidenceAttachmentSchema).max(EVIDENCE_LIMITS.attachments),
  /** attachments beyond the limit, not listed */
  omittedAttachments: z.number().int().min(0),
  keptAt: InstantSchema,
});
export type Evidence = z.infer<typeof EvidenceSchema>;
