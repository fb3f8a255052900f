import { z } from 'zod';

/** What travels in a queue message: ids and small facts, never a whole melding. */
export const JobEnvelopeSchema = z.object({
  v: z.literal(1),
  type: z.string().min(1).max(100),
  key: z.string().min(1).max(400),
  payload: z.unknown(),
  enqueuedAt: z.iso.datetime({ offset: true }),
});
export type JobEnvelope = z.infer<typeof JobEnvelopeSchema>;

/** Base64 so that any JSON is a valid queue message (the service expects XML-safe text). */
export function encodeEnvelope(envelope: JobEnvelope): string {
  return Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64');
}

export function decodeEnvelope(text: string): JobEnvelope | undefined {
  try {
    const json = Buffer.from(text, 'base64').toString('utf8');
    const result = JobEnvelopeSchema.safeParse(JSON.parse(json));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
