import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Incident } from '../../domain/incident-schema.js';
import { BOOKING_KINDS, BookingKindSchema } from '../../agenda/bookings.js';
import { bookNazorg } from '../../agenda/jobs.js';
import type { Services } from '../services.js';
import { TargetSchema, targetKey, type HandlingDeps, type Target } from './ports.js';
import { enqueuePlan } from './termijnen.js';

/**
 * The afhandeling's side effects as queue jobs: one job per effect, keyed by what it does,
 * so a retry or a second enqueue never posts twice.
 */
export const JOB = {
  gemeld: 'melding.gemeld',
  plaatsen: 'afhandeling.plaatsen',
  bijwerken: 'afhandeling.bijwerken',
  bericht: 'afhandeling.bericht',
  /** tells the coordinator that a job was parked as failed */
  mislukt: 'afhandeling.mislukt',
} as const;

const ids = { orgId: z.string().min(1).max(100), incidentId: z.string().min(1).max(100) };
export const GemeldPayloadSchema = z.object(ids);
export const CardJobSchema = z.object({ ...ids, target: TargetSchema });
export type CardJob = z.infer<typeof CardJobSchema>;

export const BerichtSchema = z.object({
  ...ids,
  aadObjectId: z.string().min(1).max(100),
  kind: z.enum(['status', 'geinformeerd', 'kanaal-ontbreekt', 'kanaal-geschorst', 'buiten-termijn']),
  /** for 'kanaal-ontbreekt' and 'kanaal-geschorst': the role whose channel could not be used */
  role: z.string().max(50).optional(),
  /** for 'buiten-termijn': the conversations booked after their window */
  kinds: z.array(BookingKindSchema).max(BOOKING_KINDS.length).optional(),
  /** for 'status': the state the melder is told about */
  state: z.string().max(50).optional(),
});
export type Bericht = z.infer<typeof BerichtSchema>;

export const gemeldKey = (incidentId: string): string => `${JOB.gemeld}:${incidentId}`;

/**
 * The one job of a new melding on the melder's turn: the gemeld job, which fans out into the rest
 * (followUpNewMelding), so Melden costs one enqueue. Submit and the outbox sweep (recovery.ts) both
 * enqueue it under the same key, so a melding enqueued by both is handled once; once the worker
 * has seen that key, the sweep knows its work was enqueued.
 */
export async function enqueueNewMelding(services: Services, incident: Incident): Promise<void> {
  await services.effects.enqueue({
    type: JOB.gemeld,
    idempotencyKey: gemeldKey(incident.id),
    payload: { orgId: incident.organisationId, incidentId: incident.id },
  });
}

/** What the gemeld job sets going besides the cards: the nazorg booking when wanted, and the deadline timers. */
export async function followUpNewMelding(services: Services, incident: Incident): Promise<void> {
  if (incident.impact?.nazorgGewenst) await services.effects.enqueue(bookNazorg(incident));
  await enqueuePlan(services, incident, 'gemeld');
}

export const postKey = (incidentId: string, target: Target): string => `post:${incidentId}:${targetKey(target)}`;

export function enqueuePost(services: Services, incidentId: string, target: Target): Promise<void> {
  return services.effects.enqueue({
    type: JOB.plaatsen,
    idempotencyKey: postKey(incidentId, target),
    payload: { orgId: services.orgId, incidentId, target },
  });
}

export function enqueueBericht(services: Services, bericht: Omit<Bericht, 'orgId'>): Promise<void> {
  const detail = bericht.state ?? bericht.role ?? bericht.kinds?.join('+') ?? '';
  const key = `bericht:${bericht.incidentId}:${bericht.kind}:${detail}:${bericht.aadObjectId}`;
  return services.effects.enqueue({ type: JOB.bericht, idempotencyKey: key, payload: { ...bericht, orgId: services.orgId } });
}

export const etagVersion = (etag: string): string => createHash('sha256').update(etag).digest('hex').slice(0, 16);

/**
 * After a change: every card already posted about the melding is updated in place (the key
 * names the stored version, so each change is its own effect). The timers are planned last: once
 * the worker has seen that key, the outbox sweep knows the whole change was enqueued.
 */
export async function enqueueChange(
  services: Services,
  deps: HandlingDeps,
  incident: Incident,
  etag: string,
  /** a conversation whose card the actor's own click already replaced (see actions/openen.ts) */
  exceptConversation?: string,
): Promise<void> {
  const version = etagVersion(etag);
  for (const post of await deps.posts.list(services.orgId, incident.id)) {
    if (exceptConversation && post.conversationRef.conversation.id.split(';')[0] === exceptConversation) continue;
    await services.effects.enqueue({
      type: JOB.bijwerken,
      idempotencyKey: `update:${incident.id}:${targetKey(post.target)}:${version}`,
      payload: { orgId: services.orgId, incidentId: incident.id, target: post.target },
    });
  }
  // its deadlines may have moved or been met: the timers follow
  await enqueuePlan(services, incident, version);
}
