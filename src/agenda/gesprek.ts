import { computeDeadlines } from '../domain/deadlines.js';
import type { Incident } from '../domain/incident-schema.js';
import { defineJob, PermanentError, type JobHandler } from '../shared/jobs.js';
import { loadIncident } from '../store/load-incident.js';
import type { Attendee } from '../calendar/port.js';
import { book, notifyBooked, type AgendaDeps, type BookingSpec } from './booker.js';
import {
  AGENDA_JOBS, HerstelgesprekPayloadSchema, IncidentgesprekPayloadSchema, type HerstelgesprekPayload, type IncidentgesprekPayload,
} from './jobs.js';
import { attendeeById, firstWithRole } from './people.js';

const HOUR_MS = 3_600_000;

/**
 * The handler's representative organises (the person who decided, else the first handler of
 * the routing), at the safe location, with the coordinator when configured. The pleger is
 * outside the organisation and is never put on the invitation here.
 */
function participants(deps: AgendaDeps, incident: Incident): { organisers: Attendee[]; attendees: Attendee[] } {
  const people = deps.services.people;
  const decidedBy = incident.decision?.decidedBy.aadObjectId;
  const organiser = (decidedBy ? attendeeById(people, decidedBy) : undefined) ?? firstWithRole(people, incident.routing.handlers);
  if (!organiser) throw new PermanentError('handler-unknown');
  const coordinator = deps.config.coordinatorAttendsGesprek ? firstWithRole(people, ['coordinator'], [organiser.email]) : undefined;
  return { organisers: [organiser], attendees: coordinator ? [coordinator] : [] };
}

function spec(deps: AgendaDeps, incident: Incident, kind: 'incidentgesprek' | 'herstelgesprek', window: BookingSpec['window']): BookingSpec {
  return {
    kind,
    idempotencyKey: `${kind}:${incident.id}`,
    ...participants(deps, incident),
    online: false,
    location: deps.config.safeLocation,
    window,
    allowOutsideHours: false,
  };
}

/** Within 72 hours of the incident (the incident's own deadline when stored). */
export function incidentgesprekSpec(deps: AgendaDeps, incident: Incident): BookingSpec {
  const stored = incident.deadlines.find((d) => d.kind === 'incidentgesprek');
  const dueBy = stored ? new Date(stored.dueBy) : new Date(new Date(incident.occurredAt).getTime() + 72 * HOUR_MS);
  return spec(deps, incident, 'incidentgesprek', { notBefore: deps.now(), dueBy });
}

/** Shortly before the restrictive measure ends: the profile's herstelgesprek window for that end. */
export function herstelgesprekSpec(deps: AgendaDeps, incident: Incident, endDate: string): BookingSpec {
  const deadline = computeDeadlines({
    occurredAt: incident.occurredAt, injury: false, restrictiveEnd: endDate, profile: deps.services.profile,
  }).find((d) => d.kind === 'herstelgesprek');
  const dueBy = new Date(deadline?.dueBy ?? endDate);
  const notBefore = deadline?.notBefore ? new Date(deadline.notBefore) : new Date(dueBy.getTime() - 7 * 24 * HOUR_MS);
  return spec(deps, incident, 'herstelgesprek', { notBefore, dueBy });
}

export function incidentgesprekJob(deps: AgendaDeps): JobHandler<IncidentgesprekPayload> {
  return defineJob({
    type: AGENDA_JOBS.incidentgesprek,
    schema: IncidentgesprekPayloadSchema,
    async handle({ orgId, incidentId }) {
      const { value: incident } = await loadIncident(deps.services.store.incidents, orgId, incidentId);
      await book(deps, orgId, incidentId, [incidentgesprekSpec(deps, incident)]);
      deps.services.logger.info({ incident: incidentId }, 'incidentgesprek booked');
      await notifyBooked(deps, incidentId, { kinds: ['incidentgesprek'], change: 'geboekt' });
    },
  });
}

export function herstelgesprekJob(deps: AgendaDeps): JobHandler<HerstelgesprekPayload> {
  return defineJob({
    type: AGENDA_JOBS.herstelgesprek,
    schema: HerstelgesprekPayloadSchema,
    async handle({ orgId, incidentId, endDate }) {
      const { value: incident } = await loadIncident(deps.services.store.incidents, orgId, incidentId);
      const end = endDate ?? incident.decision?.endDate;
      if (end === undefined) throw new PermanentError('no-end-date');
      await book(deps, orgId, incidentId, [herstelgesprekSpec(deps, incident, end)]);
      deps.services.logger.info({ incident: incidentId }, 'herstelgesprek booked');
      await notifyBooked(deps, incidentId, { kinds: ['herstelgesprek'], change: 'geboekt' });
    },
  });
}
