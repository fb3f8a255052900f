import { z } from 'zod';
import type { Incident } from '../../domain/incident-schema.js';
import { InstantSchema } from '../../domain/types.js';
import type { Services } from '../services.js';

/** The AVG's jobs: the daily look for meldingen past their term, and the erasure of one melding. */
export const AVG_JOB = {
  bewaartermijn: 'avg.bewaartermijn',
  wissen: 'avg.wissen',
} as const;

/** The verb of the one audit entry an erasure leaves. */
export const WISSEN_VERB = 'avg.wissen';

export const BewaartermijnSchema = z.object({ orgId: z.string().min(1).max(100), dag: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
export type Bewaartermijn = z.infer<typeof BewaartermijnSchema>;

export const WissenSchema = z.object({
  orgId: z.string().min(1).max(100),
  incidentId: z.uuid(),
  reden: z.enum(['bewaartermijn', 'verzoek']),
  /** when it was asked for: the moment the melding is marked erased */
  at: InstantSchema,
});
export type Wissen = z.infer<typeof WissenSchema>;

/** One key per melding, ever: whichever asks first (the term or the coordinator), the erasure runs once. */
export const wissenKey = (incidentId: string): string => `${AVG_JOB.wissen}:${incidentId}`;

/** A day's look for meldingen past their term: one per organisation and day, whoever enqueues it. */
export const bewaartermijnKey = (orgId: string, dag: string): string => `${AVG_JOB.bewaartermijn}:${orgId}:${dag}`;

export function enqueueWissen(services: Pick<Services, 'effects'>, incident: Incident, reden: Wissen['reden'], at: Date): Promise<void> {
  const payload: Wissen = { orgId: incident.organisationId, incidentId: incident.id, reden, at: at.toISOString() };
  return services.effects.enqueue({ type: AVG_JOB.wissen, idempotencyKey: wissenKey(incident.id), payload });
}
