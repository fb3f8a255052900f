import type { Services } from '../services.js';
import { enqueueNewMelding, etagVersion } from './effects.js';
import { enqueuePlan } from './termijnen.js';

/**
 * At start: a melding still 'gemeld' may have been stored by a process that died before its
 * jobs were enqueued: the post job, and the nazorg booking when the melder wants nazorg.
 * Enqueueing the same idempotency key again is harmless (a done key is dropped by the worker),
 * so every such melding is simply enqueued again. The deadline timers of every other open melding
 * are planned again the same way. Returns how many meldingen were recovered.
 */
export async function recoverMeldingen(services: Services): Promise<number> {
  let n = 0;
  for (const { value, etag } of await services.store.incidents.listByOrganisation(services.orgId)) {
    if (value.state !== 'gemeld') {
      // a change that died before its timers were planned: keyed like the change, so planned once
      if (value.state !== 'afgesloten' && value.state !== 'concept') await enqueuePlan(services, value, etagVersion(etag));
      continue;
    }
    await enqueueNewMelding(services, value);
    n += 1;
  }
  if (n > 0) services.logger.info({ count: n }, 'meldingen re-enqueued at start');
  return n;
}
