import type { Incident } from '../../domain/incident-schema.js';
import type { Services } from '../services.js';
import { isHandler } from './access.js';
import type { HandlingDeps } from './ports.js';

/** Teams takes at most 60 user ids in a card's refresh. */
const MAX_REFRESH_USERS = 60;

/**
 * The Teams user ids (29:...) that get the handler view through Universal Actions' refresh:
 * only the incident's handlers who still hold a handler role, and only those we have seen act
 * (Teams gives no other way from an Entra object id to a Teams user id without Graph). This
 * only chooses who sees the form; every action is still checked by Entra object id.
 */
export async function handlerTeamsUserIds(services: Services, deps: HandlingDeps, incident: Incident): Promise<string[]> {
  const handlers = incident.handlerIds.filter((id) => isHandler(services, incident, id));
  const found = await Promise.all(
    handlers.map(async (id) => {
      const direct = await deps.conversations.getTeamsUserId(services.orgId, id);
      return direct ?? (await deps.conversations.getPerson(services.orgId, id))?.teamsUserId;
    }),
  );
  return [...new Set(found.filter((t): t is string => t !== undefined))].slice(0, MAX_REFRESH_USERS);
}
