import type { Incident } from '../../domain/incident-schema.js';
import type { Services } from '../services.js';
import { isHandler, isInformedCoordinator } from './access.js';
import type { HandlingDeps } from './ports.js';

/** Teams takes at most 60 user ids in a card's refresh. */
const MAX_REFRESH_USERS = 60;

/**
 * The Teams user ids (29:...) that get their own view through Universal Actions' refresh: the
 * incident's handlers who still hold a handler role, and while a closed melding waits for its
 * evaluation the informed coordinators (the shared card shows nobody the form); only those we
 * have seen act (Teams gives no other way from an Entra object id to a Teams user id without
 * Graph). This only chooses who sees the forms; every action is still checked by Entra object id.
 */
export async function refreshTeamsUserIds(services: Services, deps: HandlingDeps, incident: Incident): Promise<string[]> {
  const handlers = incident.handlerIds.filter((id) => isHandler(services, incident, id));
  const evaluating = incident.state === 'afgesloten' && !incident.evaluatie;
  const coordinators = evaluating ? services.people.idsWithAnyRole(['coordinator']).filter((id) => isInformedCoordinator(services, incident, id)) : [];
  const found = await Promise.all(
    [...handlers, ...coordinators].map(async (id) => {
      const direct = await deps.conversations.getTeamsUserId(services.orgId, id);
      return direct ?? (await deps.conversations.getPerson(services.orgId, id))?.teamsUserId;
    }),
  );
  return [...new Set(found.filter((t): t is string => t !== undefined))].slice(0, MAX_REFRESH_USERS);
}
