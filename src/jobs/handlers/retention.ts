import { z } from 'zod';
import type { AgendaErasure } from '../../agenda/index.js';
import { isPastRetention, redact, retentionYears } from '../../domain/retention.js';
import { AVG_JOB, BewaartermijnSchema, bewaartermijnKey, enqueueWissen, WISSEN_VERB, WissenSchema, type Wissen } from '../../flows/avg/index.js';
import { enqueueChange } from '../../flows/handling/effects.js';
import { defineJob, type EffectQueue, type JobRegistry } from '../../shared/jobs.js';
import type { ErasureStore } from '../../store/erasure.js';
import { PollLoop } from '../poll-loop.js';
import type { Logger } from '../logger.js';
import type { HandlingJobContext } from './context.js';

/** The moments between the steps of an erasure, where a test injects a crash. */
export type ErasureStep = 'agenda' | 'persoon' | 'document' | 'opgeruimd';

export interface AvgJobContext extends HandlingJobContext {
  erasure: ErasureStore;
  /** absent without an agenda: there are no bookings to cancel */
  agenda: AgendaErasure | undefined;
  /** tests only: called after each step, may throw to stand for a crash there */
  fault?: (step: ErasureStep, incidentId: string) => void;
}

/** A draft of any shape: only its id (the melding it becomes) matters here. */
const DraftIdSchema = z.looseObject({ id: z.string() });

/** Once a day: every closed melding past the profile's term gets its erasure job (one key per melding, so once ever). */
function bewaartermijnJob(c: AvgJobContext) {
  return defineJob({
    type: AVG_JOB.bewaartermijn,
    schema: BewaartermijnSchema,
    async handle({ orgId }) {
      const years = retentionYears(c.services.profile);
      const now = c.now();
      let due = 0;
      for (const { value } of await c.services.store.incidents.listByOrganisation(orgId)) {
        if (!isPastRetention(value, years, now)) continue;
        await enqueueWissen(c.services, value, 'bewaartermijn', now);
        due += 1;
      }
      c.services.logger.info({ years, due }, 'retention checked');
    },
  });
}

/**
 * Erases one melding's personal data. Every step can be repeated, so a run after a crash anywhere
 * ends where an unbroken run ends: first what needs the people's ids (their draft, their audit
 * entries) and the calendar, then the melding's own document (redacted in place under its ETag:
 * the mark that it is erased), then what only needs its id (timers, pleger index rows), then the one audit entry (looked for
 * first) and the cards. The job's key is one per melding, so it runs once, whoever asked.
 */
async function wissen(c: AvgJobContext, p: Wissen): Promise<void> {
  const { store } = c.services;
  const found = await store.incidents.get(p.orgId, p.incidentId);
  if (!found) return;
  const fault = (step: ErasureStep): void => c.fault?.(step, p.incidentId);
  let incident = found.value;
  if (!incident.gewist) {
    const afspraken = (await c.agenda?.moments(incident.id)) ?? [];
    await c.agenda?.cancelAll(incident.id);
    fault('agenda');
    const drafts = store.drafts(DraftIdSchema);
    const draft = await drafts.get(p.orgId, incident.melder.aadObjectId);
    if (draft?.value.id === incident.id) await drafts.delete(p.orgId, incident.melder.aadObjectId, draft.etag);
    await c.erasure.pseudonymiseAudit(p.orgId, incident.id, [incident.melder.aadObjectId, incident.ambtsdrager.aadObjectId]);
    fault('persoon');
    // a melding changed meanwhile (a late click) fails with a ConflictError: the retry reads it again and erases that
    incident = (await store.incidents.update(redact(incident, { at: p.at, reden: p.reden, afspraken }), found.etag)).value;
  }
  fault('document');
  await c.agenda?.forget(incident.id);
  await c.erasure.deleteTimers(p.orgId, incident.id);
  // the redacted melding names no pleger: its index rows (tombstones since the redaction) go
  await store.plegers.deleteFor(p.orgId, incident.id);
  fault('opgeruimd');
  if (!(await store.audit.list(p.orgId, incident.id)).some((e) => e.verb === WISSEN_VERB)) {
    await store.audit.append({ orgId: p.orgId, incidentId: incident.id, actorId: 'system', verb: WISSEN_VERB, outcome: 'ok', at: p.at, subject: p.reden });
  }
  // the cards show that it was erased, as after any change (the outbox sweep then knows it was enqueued)
  const current = await store.incidents.get(p.orgId, incident.id);
  if (current) await enqueueChange(c.services, c.deps, current.value, current.etag);
  c.services.logger.info({ incident: incident.id, reden: p.reden, afspraken: incident.gewist?.afspraken.length ?? 0 }, 'personal data erased');
}

export function registerRetentionJobs(worker: JobRegistry, c: AvgJobContext): void {
  worker.register(bewaartermijnJob(c));
  worker.register(defineJob({ type: AVG_JOB.wissen, schema: WissenSchema, handle: (p) => wissen(c, p) }));
}

/**
 * Asks for the day's retention check: at start and then every hour, enqueued under the day's
 * key, so of all instances and restarts the check runs once a day (the worker drops a key done).
 */
export function retentionLoop(options: { queue: EffectQueue; orgId: string; logger: Logger; now: () => Date; intervalMs?: number }): PollLoop {
  let asked = '';
  return new PollLoop(
    async () => {
      const dag = options.now().toISOString().slice(0, 10);
      if (dag !== asked) {
        await options.queue.enqueue({ type: AVG_JOB.bewaartermijn, idempotencyKey: bewaartermijnKey(options.orgId, dag), payload: { orgId: options.orgId, dag } });
        asked = dag;
      }
      return 0;
    },
    { intervalMs: options.intervalMs ?? 60 * 60_000, logger: options.logger, what: 'retention' },
  );
}
