import { createHash } from 'node:crypto';
import { bookHerstelgesprek, bookIncidentgesprek, type BookingChange } from '../../agenda/index.js';
import type { ChangeEvent } from '../../domain/incident.js';
import type { Incident } from '../../domain/incident-schema.js';
import type { Services } from '../services.js';
import { isNazorgKind } from '../../agenda/bookings.js';
import { nazorgReceiverId } from '../../agenda/people.js';
import { peopleWithRole } from './access.js';
import { enqueueBericht, enqueuePost, JOB } from './effects.js';
import { targetKey, type HandlingDeps } from './ports.js';

/**
 * The gesprekken a stored decision sets going (the domain says which), as booking jobs. Only
 * with an agenda in this deployment.
 */
export async function enqueueGesprekken(services: Services, deps: HandlingDeps, incident: Incident, events: readonly ChangeEvent[]): Promise<void> {
  const decision = incident.decision;
  if (!deps.agenda || !decision) return;
  for (const event of events) {
    if (event.kind === 'incidentgesprek-plannen') await services.effects.enqueue(bookIncidentgesprek(incident, decision));
    const herstel = event.kind === 'herstelgesprek-plannen' ? bookHerstelgesprek(incident, { ...decision, endDate: event.endDate }) : undefined;
    if (herstel) await services.effects.enqueue(herstel);
  }
}

/**
 * The agenda's onBooked: every posted card of the melding is updated in place (keyed by the
 * bookings' version, so each change is its own update, the nazorg receiver's own card included),
 * and the first nazorg booking posts that card to the receiver.
 */
export function agendaChanged(services: Services, deps: HandlingDeps) {
  return async (incidentId: string, change: BookingChange): Promise<void> => {
    const bookings = await deps.agenda?.bookingsFor(incidentId);
    const version = createHash('sha256').update(bookings?.updatedAt ?? change.change).digest('hex').slice(0, 16);
    for (const post of await deps.posts.list(services.orgId, incidentId)) {
      await services.effects.enqueue({
        type: JOB.bijwerken,
        idempotencyKey: `update:${incidentId}:${targetKey(post.target)}:agenda-${version}`,
        payload: { orgId: services.orgId, incidentId, target: post.target },
      });
    }
    if (change.change !== 'geboekt') return;
    // the first booking puts the receiver's own nazorg card in their chat; later changes update it (above)
    if (change.kinds.some(isNazorgKind)) {
      const incident = await services.store.incidents.get(services.orgId, incidentId);
      if (incident) await enqueuePost(services, incidentId, { kind: 'nazorg', aadObjectId: nazorgReceiverId(services.people, incident.value) });
    }
    // no free moment inside the protocol's window: the coordinator is told, not only shown on the card
    const late = (bookings?.items ?? []).filter((i) => change.kinds.includes(i.kind) && i.buitenTermijn && i.status === 'geboekt').map((i) => i.kind);
    if (late.length > 0) {
      for (const aadObjectId of peopleWithRole(services, 'coordinator')) await enqueueBericht(services, { incidentId, aadObjectId, kind: 'buiten-termijn', kinds: late });
    }
  };
}
