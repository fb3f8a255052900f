import type { OutboxEntry } from '../../store/incident-outbox.js';
import type { Services } from '../services.js';
import { enqueueChange, enqueueNewMelding, etagVersion, gemeldKey } from './effects.js';
import type { HandlingDeps } from './ports.js';
import { planKey } from './termijnen.js';

/**
 * The work of one outbox row (store/incident-outbox.ts), for a melding whose writer may have died
 * before it enqueued that work: the jobs of a new melding, or of a change. `seen` tells whether the
 * worker already has a job key, so a writer that finished costs one read, not a second round of
 * jobs; when unsure the jobs are enqueued again, under the same keys, which is harmless. A change
 * is enqueued for the melding as it is now: the cards show the latest state, whichever change it was.
 * Returns whether anything had to be enqueued.
 */
export async function recoverOutboxEntry(
  services: Services,
  deps: HandlingDeps,
  entry: Pick<OutboxEntry, 'incidentId' | 'gemeld' | 'gewijzigd'>,
  seen: (jobKey: string) => Promise<boolean>,
): Promise<boolean> {
  const found = await services.store.incidents.get(services.orgId, entry.incidentId);
  if (!found) return false;
  let enqueued = false;
  // past gemeld, someone acted on it: that change is the outbox's to carry (gewijzigd), not the filing
  if (entry.gemeld && found.value.state === 'gemeld' && !(await seen(gemeldKey(found.value.id)))) {
    await enqueueNewMelding(services, found.value);
    enqueued = true;
  }
  if (entry.gewijzigd && !(await seen(planKey(found.value.id, etagVersion(found.etag))))) {
    await enqueueChange(services, deps, found.value, found.etag);
    enqueued = true;
  }
  return enqueued;
}
