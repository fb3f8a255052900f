import type { Incident } from '../domain/incident-schema.js';
import { PermanentError } from '../shared/jobs.js';
import type { IncidentRepository, Versioned } from './ports.js';

/**
 * The melding a job's payload names, with its ETag. One that is not stored (deleted, or a
 * payload from another deployment) will not appear by retrying: the job is parked.
 */
export async function loadIncident(incidents: Pick<IncidentRepository, 'get'>, orgId: string, incidentId: string): Promise<Versioned<Incident>> {
  const found = await incidents.get(orgId, incidentId);
  if (!found) throw new PermanentError('incident-not-found');
  return found;
}
