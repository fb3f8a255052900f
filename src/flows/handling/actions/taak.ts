import type { TaakResult } from '../../../domain/tasks.js';
import type { Actor } from '../../types.js';
import type { Mutation } from './act.js';

/** Who recorded a task or the "strafbaar feit vermoed" answer, as stored with the melding. */
export function personOf(actor: Actor): { aadObjectId: string; name: string } {
  return { aadObjectId: actor.aadObjectId, name: actor.name.slice(0, 200) };
}

/** A change to the checklist: nothing follows from it but the updated cards. */
export function taakMutation(result: TaakResult, banner: string, subject?: string): Mutation {
  if (!result.ok) return { ok: false, outcome: 'ongeldig', errors: [result.message] };
  return { ok: true, incident: result.incident, events: [], banner, ...(subject ? { subject } : {}) };
}
