import { z } from 'zod';

/** Length limits shared by the cards (maxLength), the card parsers and the stored rows. */
export const LIMITS = {
  shortText: 200,
  description: 4000,
  comment: 1000,
  url: 2000,
  attachments: 10,
} as const;

export const ShortTextSchema = z.string().max(LIMITS.shortText);
