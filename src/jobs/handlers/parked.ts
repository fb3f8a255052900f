import { createHash } from 'node:crypto';
import { z } from 'zod';
import { peopleWithRole } from '../../flows/handling/access.js';
import { JOB } from '../../flows/handling/effects.js';
import { meldingSuffix, taskLabel } from '../../flows/handling/failed.js';
import { TargetSchema, targetKey, type Target } from '../../flows/handling/ports.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { defineJob, PermanentError } from '../../shared/jobs.js';
import type { ParkedJob } from '../job-state.js';
import { anyRef, postTo, sendToPerson, type HandlingJobContext } from './context.js';

/** Only what the coordinator may read: the kind of task, the melding it concerns and a code. */
const NoticeSchema = z.object({
  orgId: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  code: z.string().min(1).max(100),
  incidentId: z.string().min(1).max(100).optional(),
  target: TargetSchema,
});
type Notice = z.infer<typeof NoticeSchema>;

/**
 * The notice's own retry budget: it must outlast the outage that parked the work it tells of
 * (the other jobs get the worker's default). A notice parked even so shows in `mislukt` and
 * makes /healthz say `notice-parked`.
 */
export const NOTICE_RETRY_BUDGET_MS = 48 * 3600_000;

/**
 * The worker's onParked hook: queues a short notice to the coordinator's channel, or to each
 * coordinator 1:1 when no channel is linked. Through the queue, so a Teams outage delays the
 * notice instead of losing it; a parked notice itself is only logged, or one outage would
 * notice about notices without end.
 */
export function announceParked(c: HandlingJobContext): (job: ParkedJob) => Promise<void> {
  return async (job) => {
    if (job.type === JOB.mislukt) return;
    const { orgId } = c.services;
    const linked = await c.services.store.channelLinks.get(orgId, 'coordinator');
    const targets: Target[] = linked
      ? [{ kind: 'channel', role: 'coordinator' }]
      : peopleWithRole(c.services, 'coordinator').map((id) => ({ kind: 'person', aadObjectId: id }));
    // one notice per parking: a job retried and parked again is told again
    const parking = createHash('sha256').update(`${job.key}\n${job.parkedAt}`).digest('hex').slice(0, 24);
    for (const target of targets) {
      const payload: Notice = {
        orgId,
        type: job.type.slice(0, 100),
        code: job.lastError.slice(0, 100),
        ...(job.incidentId ? { incidentId: job.incidentId } : {}),
        target,
      };
      await c.services.effects.enqueue({ type: JOB.mislukt, idempotencyKey: `mislukt:${parking}:${targetKey(target)}`, payload });
    }
    if (targets.length === 0) c.services.logger.error({ key: job.key }, 'parked job: no coordinator to tell');
  };
}

export function parkedNoticeJob(c: HandlingJobContext) {
  return defineJob({
    type: JOB.mislukt,
    schema: NoticeSchema,
    async handle(n, job) {
      const text = fmt(nl.afhandeling.mislukt.bericht, {
        task: taskLabel(n.type),
        melding: await meldingSuffix(c.services, n.incidentId),
        code: n.code,
      });
      const reply = { type: 'text' as const, text };
      if (n.target.kind === 'channel') {
        const link = await c.services.store.channelLinks.get(n.orgId, n.target.role);
        if (!link) throw new PermanentError('channel-not-linked');
        await postTo(c, { job, incidentId: n.incidentId }, link.value.conversationRef, reply, n.target.role);
        return;
      }
      await sendToPerson(c, { job, incidentId: n.incidentId }, n.orgId, n.target.aadObjectId, reply, () => anyRef(c, n.orgId));
    },
  });
}
