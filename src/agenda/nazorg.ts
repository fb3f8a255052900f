import type { Incident } from '../domain/incident-schema.js';
import { defineJob, PermanentError, type JobHandler } from '../shared/jobs.js';
import { loadIncident } from '../store/load-incident.js';
import { book, notifyBooked, type AgendaDeps, type BookingSpec } from './booker.js';
import type { BookingKind } from './bookings.js';
import { AGENDA_JOBS, NazorgBoekenPayloadSchema, type NazorgBoekenPayload } from './jobs.js';
import { allWithRoles, attendeeById, nazorgReceiverId } from './people.js';

const NAZORG: Array<{ kind: BookingKind; n: 1 | 2 | 3 }> = [
  { kind: 'nazorg-1', n: 1 },
  { kind: 'nazorg-2', n: 2 },
  { kind: 'nazorg-3', n: 3 },
];

/**
 * The three nazorg conversations of a melding: between the affected ambtsdrager (the melder
 * when reported "namens" someone unknown to the bot) and one nazorg giver, in the giver's
 * calendar: the first of the profile's roles found in the people directory, or the next one when
 * the first has no room inside the windows.
 */
export function nazorgSpecs(deps: AgendaDeps, incident: Incident): BookingSpec[] {
  const people = deps.services.people;
  const receiver = attendeeById(people, nazorgReceiverId(people, incident));
  if (!receiver) throw new PermanentError('nazorg-receiver-unknown');
  const givers = allWithRoles(people, incident.routing.nazorgGivers, [receiver.email]);
  if (givers.length === 0) throw new PermanentError('nazorg-giver-unknown');
  const occurred = new Date(incident.occurredAt);
  const notice = incident.impact?.nazorgZoSnel ? 0 : deps.config.nazorgNoticeMinutes;
  const earliest = deps.now().getTime() + notice * 60_000;
  return NAZORG.map(({ kind, n }) => {
    const deadline = incident.deadlines.find((d) => d.kind === kind);
    if (!deadline) throw new PermanentError('nazorg-deadline-missing');
    const location = deps.config.nazorgLocation;
    return {
      kind,
      idempotencyKey: `nazorg:${incident.id}:${n}`,
      organisers: givers,
      attendees: [receiver],
      online: location === undefined,
      ...(location !== undefined ? { location } : {}),
      window: { notBefore: new Date(Math.max((deadline.notBefore ? new Date(deadline.notBefore) : occurred).getTime(), earliest)), dueBy: new Date(deadline.dueBy) },
      allowOutsideHours: n === 1,
    };
  });
}

export function nazorgJob(deps: AgendaDeps): JobHandler<NazorgBoekenPayload> {
  return defineJob({
    type: AGENDA_JOBS.nazorg,
    schema: NazorgBoekenPayloadSchema,
    async handle({ orgId, incidentId }) {
      const { value: incident } = await loadIncident(deps.services.store.incidents, orgId, incidentId);
      // Declined in the melding: nothing is booked (the handler's card shows that from the incident).
      if (!incident.impact?.nazorgGewenst) return;
      const doc = await book(deps, orgId, incidentId, nazorgSpecs(deps, incident));
      const late = (doc?.items ?? []).filter((i) => i.kind.startsWith('nazorg') && i.buitenTermijn).map((i) => i.kind);
      if (late.length > 0) deps.services.logger.warn({ incident: incidentId, kinds: late }, 'nazorg booked outside its window');
      deps.services.logger.info({ incident: incidentId }, 'nazorg booked');
      await notifyBooked(deps, incidentId, { kinds: NAZORG.map((n) => n.kind), change: 'geboekt' });
    },
  });
}
