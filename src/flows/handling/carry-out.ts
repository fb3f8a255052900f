import type { ChangeEvent } from '../../domain/incident.js';
import type { Incident } from '../../domain/incident-schema.js';
import type { Services } from '../services.js';
import { enqueueGesprekken } from './agenda-effects.js';
import { enqueueBericht, enqueuePost } from './effects.js';
import type { HandlingDeps } from './ports.js';

/** Carries out, in order, what the domain says follows from a stored change: each event a queue job with its own key. */
export async function carryOut(services: Services, deps: HandlingDeps, incident: Incident, events: readonly ChangeEvent[]): Promise<void> {
  for (const event of events) {
    switch (event.kind) {
      case 'melder-informeren':
        await enqueueBericht(services, { incidentId: incident.id, aadObjectId: incident.melder.aadObjectId, kind: 'status', state: event.state });
        break;
      case 'overgedragen':
        await enqueuePost(services, incident.id, { kind: 'channel', role: event.role });
        break;
      case 'coordinator-ingeschakeld':
        await enqueuePost(services, incident.id, { kind: 'channel', role: 'coordinator' });
        break;
      case 'incidentgesprek-plannen':
      case 'herstelgesprek-plannen':
        await enqueueGesprekken(services, deps, incident, [event]);
        break;
    }
  }
}
