import type { Incident } from '../../domain/incident-schema.js';
import { actingRoles } from '../../domain/route.js';
import type { Role } from '../../domain/types.js';
import type { Services } from '../services.js';

/**
 * Whether this person may act on the melding: named among the incident's handlers by Entra
 * object id, and still holding one of its handler roles in the people directory. The card a
 * person clicked never counts: it can be forged or forwarded.
 */
export function isHandler(services: Services, incident: Incident, aadObjectId: string): boolean {
  return isHandlerOf(services, incident.handlerIds, actingRoles(incident.routing), aadObjectId);
}

/** The same rule on what the pleger index keeps of a melding: its handlers' ids and acting roles. */
export function isHandlerOf(services: Services, handlerIds: readonly string[], acting: readonly string[], aadObjectId: string): boolean {
  const id = aadObjectId.toLowerCase();
  if (!handlerIds.some((h) => h.toLowerCase() === id)) return false;
  const person = services.people.get(aadObjectId);
  return person?.roles.some((r) => acting.includes(r)) ?? false;
}

/** Whether this person is a coordinator the melding was shown to: every melding, or only once called in (a profile that informs on request). */
export function isInformedCoordinator(services: Services, incident: Incident, aadObjectId: string): boolean {
  return incident.routing.coordinator && services.people.hasRole(aadObjectId, 'coordinator');
}

/**
 * Whether this person may evaluate a closed melding: one of its handlers, or the coordinator when
 * informed of it (the protocol has them evaluate together). The server's gate and the card's form ask here.
 */
export function mayEvaluate(services: Services, incident: Incident, aadObjectId: string): boolean {
  return isHandler(services, incident, aadObjectId) || isInformedCoordinator(services, incident, aadObjectId);
}

/** Handler persons of a role, by Entra object id. */
export function peopleWithRole(services: Services, role: Role): string[] {
  return services.people.idsWithAnyRole([role]);
}
