import type { Profile } from './profiles/schema.js';
import type { FunctionarisRole, Role } from './types.js';

/**
 * Who may read the channel linked to a role. A channel is confidential by who can read it, not
 * by its type: every member must be allowed to see every melding that lands there.
 */

/** What the rule needs of a person in the people file. */
export interface Reader {
  roles: readonly Role[];
  /** channels (by linked role) the administrator named this person as allowed to read */
  kanalen: readonly FunctionarisRole[];
}

/** How long a roster check is trusted before a post to the channel checks again. */
export const ROSTER_CHECK_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The roles whose holders may read the channel of `channelRole`: the roles that handle every
 * melding posted there (the intersection over the routing entries that name `channelRole`, so
 * a second handler of only some of those meldingen does not read the others), and the
 * coordinator when the profile informs them of all. The coordinator's own channel: coordinators only.
 */
export function readerRoles(profile: Profile, channelRole: FunctionarisRole): Role[] {
  if (channelRole === 'coordinator') return ['coordinator'];
  let shared: Set<Role> | undefined;
  for (const entry of Object.values(profile.routing)) {
    if (!entry.handlers.includes(channelRole)) continue;
    const handlers = new Set<Role>(entry.handlers);
    shared = shared ? new Set([...shared].filter((r) => handlers.has(r))) : handlers;
  }
  const handlers = [...(shared ?? new Set<Role>([channelRole]))];
  return profile.coordinatorInformed === 'op-verzoek' ? handlers : [...handlers, 'coordinator'];
}

/** Whether this person may read every melding in the channel of `channelRole`. */
export function mayReadChannel(profile: Profile, channelRole: FunctionarisRole, person: Reader | undefined): boolean {
  if (!person) return false;
  if (person.kanalen.includes(channelRole)) return true;
  const allowed = readerRoles(profile, channelRole);
  return person.roles.some((r) => allowed.includes(r));
}

/** A linked channel's roster is read again before a post once the last check is this old. */
export function rosterCheckDue(checkedAt: string | undefined, now: Date): boolean {
  if (!checkedAt) return true;
  const at = Date.parse(checkedAt);
  return Number.isNaN(at) || now.getTime() - at >= ROSTER_CHECK_MAX_AGE_MS;
}
