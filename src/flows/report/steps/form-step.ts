import type { AmbtsdragerRole } from '../../../domain/types.js';
import type { Services } from '../../services.js';
import type { Actor } from '../../types.js';
import type { Draft } from '../draft.js';
import type { Errors, FieldDef, Values } from '../fields.js';

export interface StepContext {
  services: Services;
  actor: Actor;
  now: Date;
}

export type Applied = { ok: true; draft: Draft } | { ok: false; errors: Errors };

/** One form step of the melding: what its card asks, and how its answers change the draft. */
export interface FormStep {
  title: string;
  intro?(draft: Draft, ctx: StepContext): string;
  notes?(draft: Draft, ctx: StepContext): string[];
  fields(draft: Draft, ctx: StepContext): FieldDef[];
  values(draft: Draft): Values;
  apply(draft: Draft, values: Values, ctx: StepContext): Applied;
}

export const fail = (errors: Errors): Applied => ({ ok: false, errors });

/** The ambtsdrager role this person holds in the profile, when exactly one: then we don't ask. */
export function knownRole(ctx: StepContext): AmbtsdragerRole | undefined {
  const person = ctx.services.people.get(ctx.actor.aadObjectId);
  const roles = (person?.roles ?? []).filter((r): r is AmbtsdragerRole =>
    (ctx.services.profile.roles as readonly string[]).includes(r),
  );
  return roles.length === 1 ? roles[0] : undefined;
}
