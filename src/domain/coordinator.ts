import { toAmsterdam, type InstantInput } from './calendar.js';
import type { ChangeEvent } from './incident-events.js';
import type { Incident, PersonRef } from './incident-schema.js';
import { nl } from '../shared/i18n/nl.js';

export type CallInResult = { ok: true; incident: Incident; events: ChangeEvent[] } | { ok: false; message: string };

/**
 * A handler calls in the coordinator where the profile informs them only on request (Utrecht's
 * coördinator VPT "kan adviseren", "wordt betrokken indien ondersteuning gewenst is"): from then on
 * the coordinator gets the melding's card like in any other profile. Once in, always in.
 */
export function callInCoordinator(incident: Incident, by: PersonRef, now: InstantInput): CallInResult {
  if (incident.routing.coordinator) return { ok: false, message: nl.afhandeling.coordinatorAlIngelicht };
  const at = toAmsterdam(now).toUTC().toISO() ?? '';
  return {
    ok: true,
    incident: { ...incident, routing: { ...incident.routing, coordinator: true }, coordinatorIngeschakeld: { by, at } },
    events: [{ kind: 'coordinator-ingeschakeld' }],
  };
}
