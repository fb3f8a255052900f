import { createHash } from 'node:crypto';
import { formatDutch } from '../../domain/format.js';
import { planTimers } from '../../domain/reminders.js';
import { roleLabel } from '../../domain/route.js';
import { renderCard } from '../../cards/render.js';
import { peopleWithRole } from '../../flows/handling/access.js';
import { JOB } from '../../flows/handling/effects.js';
import { targetKey } from '../../flows/handling/ports.js';
import { PlanSchema, SignaalSchema, TERMIJN_JOB, TermijnBerichtSchema, type DueSource, type Signaal } from '../../flows/handling/termijnen.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { defineJob, type JobRegistry } from '../../shared/jobs.js';
import { loadIncident } from '../../store/load-incident.js';
import type { TimerRepository } from '../../store/timer-repository.js';
import { sendToPerson, viaRef, type HandlingJobContext } from './context.js';

export interface TermijnJobContext extends HandlingJobContext {
  timers: TimerRepository;
  due: DueSource;
}

const t = nl.termijnen;
const short = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Arms a timer for every moment of every deadline; reminders only for what is still open. */
function planJob(c: TermijnJobContext) {
  return defineJob({
    type: TERMIJN_JOB.plannen,
    schema: PlanSchema,
    async handle({ orgId, incidentId }) {
      const found = await c.services.store.incidents.get(orgId, incidentId);
      if (!found || found.value.state === 'afgesloten') return;
      const incident = found.value;
      let armed = 0;
      for (const item of await c.due.dueFor(incident)) {
        for (const timer of planTimers(item, incident.occurredAt, c.now())) {
          if (timer.phase === 'herinnering' && !item.open) continue;
          if (await c.timers.arm({ orgId, incidentId, ...timer })) armed += 1;
        }
      }
      c.services.logger.info({ incident: incidentId, armed }, 'deadline timers planned');
    },
  });
}

/** The key of what a fired timer asks for: one per deadline, moment and due time. */
const signalKey = (m: Signaal): string => `${m.incidentId}:${m.kind}:${m.phase}:${m.dueBy}`;

/**
 * A timer fired: ask again whether the deadline is still open (it may have been met a minute
 * ago), then remind its owners or tell the coordinator, and bring the posted cards up to date.
 */
function signalJob(c: TermijnJobContext) {
  return defineJob({
    type: TERMIJN_JOB.signaal,
    schema: SignaalSchema,
    async handle(m) {
      const found = await c.services.store.incidents.get(m.orgId, m.incidentId);
      if (!found) return;
      const item = (await c.due.dueFor(found.value)).find((i) => i.kind === m.kind);
      // a deadline that moved has its own timer for the new moment
      if (!item || item.dueBy !== m.dueBy) return;
      if (m.phase !== 'herinnering') {
        for (const post of await c.deps.posts.list(m.orgId, m.incidentId)) {
          await c.services.effects.enqueue({
            type: JOB.bijwerken,
            idempotencyKey: `update:${m.incidentId}:${targetKey(post.target)}:termijn-${short(signalKey(m))}`,
            payload: { orgId: m.orgId, incidentId: m.incidentId, target: post.target },
          });
        }
      }
      if (!item.open || m.phase === 'kaart' || m.phase === 'venster') return;
      // a scheduler that was down past the deadline: its escalation says it all
      if (m.phase === 'herinnering' && c.now().getTime() >= new Date(m.dueBy).getTime()) return;
      const escalatie = m.phase === 'verlopen';
      // a coordinator called in on request only hears of this melding once called in: then the handlers are told
      const escalateTo = found.value.routing.coordinator ? peopleWithRole(c.services, 'coordinator') : found.value.handlerIds;
      const people = escalatie ? escalateTo : item.owners;
      for (const aadObjectId of people) {
        await c.services.effects.enqueue({
          type: TERMIJN_JOB.bericht,
          idempotencyKey: `termijn-bericht:${short(signalKey(m))}:${aadObjectId}`,
          payload: { orgId: m.orgId, incidentId: m.incidentId, kind: m.kind, dueBy: m.dueBy, aadObjectId, escalatie },
        });
      }
      c.services.logger.info({ incident: m.incidentId, kind: m.kind, phase: m.phase, people: people.length }, 'deadline signalled');
    },
  });
}

/** The 1:1 reminder or escalation: number, what is due and when, and a button that opens the melding. */
function berichtJob(c: TermijnJobContext) {
  return defineJob({
    type: TERMIJN_JOB.bericht,
    schema: TermijnBerichtSchema,
    async handle(m, job) {
      const { value: incident } = await loadIncident(c.services.store.incidents, m.orgId, m.incidentId);
      const base = { number: incident.number, wat: t.wat[m.kind], wanneer: formatDutch(m.dueBy) };
      const primary = incident.routing.handlers[0];
      const text = m.escalatie
        ? fmt(t.escalatie, { ...base, behandelaar: primary ? roleLabel(c.services.profile, primary) : '' })
        : fmt(t.herinnering, base);
      const card = renderCard('termijn-bericht', { text, incidentId: incident.id, color: m.escalatie ? 'Attention' : 'Default' });
      await sendToPerson(c, { job, incidentId: m.incidentId }, m.orgId, m.aadObjectId, { type: 'card', card }, () => viaRef(c, m.orgId, incident));
    },
  });
}

export function registerTermijnJobs(worker: JobRegistry, context: TermijnJobContext): void {
  worker.register(planJob(context));
  worker.register(signalJob(context));
  worker.register(berichtJob(context));
}
