import { UnknownRoleError } from './errors.js';
import { counterpartOf, type Profile } from './profiles/schema.js';
import type { AmbtsdragerRole, FunctionarisRole, Kanaal, Role } from './types.js';
import type { Routing } from './incident-schema.js';

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * Who handles a melding and who is informed, by the role of the ambtsdrager the incident is
 * about. A melding "namens" (reported by someone else) routes by the ambtsdrager's role, never
 * the melder's; a former office holder ("oud-") routes like the current one. The coordinator is
 * informed of every incident, so it is a flag, not a name in `informed`. An informed party that
 * already handles the melding is not listed twice. Whether the coordinator gets the card follows
 * the profile. A melding from a council meeting adds the roles that decide on the aangifte of the
 * ordeverstoring (the voorzitter, unless the voorzitter is the one it happened to, and the griffier).
 */
export function route(profile: Profile, ambtsdragerRole: AmbtsdragerRole, kanaal?: Kanaal): Routing {
  if (!profile.roles.includes(ambtsdragerRole)) throw new UnknownRoleError(profile.id, ambtsdragerRole);
  const base = counterpartOf(ambtsdragerRole);
  const entry = profile.routing[ambtsdragerRole] ?? profile.routing[base];
  const nazorg = profile.nazorgGivers[ambtsdragerRole] ?? profile.nazorgGivers[base];
  // The schema guarantees both for every listed role; this guards a profile built around it.
  if (!entry || !nazorg) throw new UnknownRoleError(profile.id, ambtsdragerRole);
  const handlers = unique(entry.handlers);
  const vergadering = kanaal === 'vergadering' ? vergaderingRoles(profile, base, handlers) : [];
  const acting: Role[] = [...handlers, ...vergadering];
  const notHandling: Role[] = unique(entry.informed).filter((r) => !acting.includes(r));
  const withConsent = (r: Role): boolean => profile.informedWithConsent.includes(r);
  return {
    handlers,
    informed: notHandling.filter((r) => !withConsent(r)),
    informedWithConsent: notHandling.filter(withConsent),
    coordinator: profile.coordinatorInformed !== 'op-verzoek',
    nazorgGivers: unique(nazorg),
    ...(vergadering.length > 0 ? { vergadering } : {}),
  };
}

function vergaderingRoles(profile: Profile, ambtsdragerRole: AmbtsdragerRole, handlers: readonly FunctionarisRole[]): FunctionarisRole[] {
  const rule = profile.vergadering;
  if (!rule) return [];
  const voorzitter: FunctionarisRole[] = (rule.voorzitter as Role) === ambtsdragerRole ? [] : [rule.voorzitter];
  return unique([...voorzitter, ...rule.samenMet]).filter((r) => !handlers.includes(r));
}

/** The roles that act on this melding: its handlers and, for a council meeting, the voorzitter and griffier. */
export function actingRoles(routing: Routing): FunctionarisRole[] {
  return unique([...routing.handlers, ...(routing.vergadering ?? [])]);
}

/** Whom an ambtsdrager in doubt may consult: the profile's contacts, else his handlers. */
export function doubtContactsFor(profile: Profile, ambtsdragerRole: AmbtsdragerRole): FunctionarisRole[] {
  return profile.doubtContacts.length > 0 ? [...profile.doubtContacts] : route(profile, ambtsdragerRole).handlers;
}

/** The roles a channel can be linked to (`koppel <rol>`): every handler role of the profile, and the coordinator. */
export function channelRoles(profile: Profile): FunctionarisRole[] {
  const roles = new Set<FunctionarisRole>();
  for (const entry of Object.values(profile.routing)) for (const r of entry.handlers) roles.add(r);
  roles.add('coordinator');
  return [...roles];
}

/** The Dutch label of a role in this profile (the coordinator carries the profile's own title). */
export function roleLabel(profile: Profile, role: Role): string {
  if (role === 'coordinator') return profile.coordinatorLabel;
  return profile.roleLabels[role] ?? role;
}
