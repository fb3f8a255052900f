import type { Incident } from '../../domain/incident-schema.js';
import { ConflictError } from '../../store/errors.js';
import type { Versioned } from '../../store/ports.js';
import type { Services } from '../services.js';
import type { TurnResult } from '../types.js';
import type { Audit } from './admit.js';
import { enqueueChange } from './effects.js';
import type { HandlingDeps } from './ports.js';

/** A change decided on one version of the melding: the changed melding (`subject`: what in it, for the audit). */
export interface Change {
  incident: Incident;
  subject?: string | undefined;
}

export interface ChangeOptions {
  /** appends the stored change to the audit trail */
  audit: Audit;
  /** a conversation whose card the click itself replaces: the update job leaves it alone */
  clicked?: string | undefined;
  /** false for a change that excludes another (a decision): the change that won the race stands */
  retry?: boolean;
  /** the answer when the race is lost for good; without it the conflict is thrown */
  lost?: (mine: Incident, fresh: Versioned<Incident> | undefined, error: ConflictError) => Promise<TurnResult>;
}

/**
 * Decides a change on the melding and stores it with the ETag it was read with. When another
 * change came first, it is decided once more on the stored melding (unless `retry` is false);
 * the stored change is audited, and the posted cards and the timers follow it.
 */
export async function storeChange<C extends Change>(
  services: Services,
  deps: HandlingDeps,
  found: Versioned<Incident>,
  /** the change, or the answer to give instead (nothing is stored) */
  decide: (incident: Incident) => Promise<C | { answer: TurnResult }>,
  options: ChangeOptions,
): Promise<{ answer: TurnResult } | { saved: Versioned<Incident>; change: C }> {
  let current = found;
  for (let attempt = 1; ; attempt++) {
    const change = await decide(current.value);
    if ('answer' in change) return change;
    let saved: Versioned<Incident>;
    try {
      saved = await services.store.incidents.update(change.incident, current.etag);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const fresh = await services.store.incidents.get(services.orgId, current.value.id);
      if ((options.retry ?? true) && attempt === 1 && fresh) {
        current = fresh;
        continue;
      }
      if (!options.lost) throw err;
      return { answer: await options.lost(current.value, fresh, err) };
    }
    await options.audit(saved.value, 'ok', change.subject);
    await enqueueChange(services, deps, saved.value, saved.etag, options.clicked);
    return { saved, change };
  }
}
