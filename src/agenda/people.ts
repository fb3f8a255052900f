import type { Attendee } from '../calendar/port.js';
import type { Incident } from '../domain/incident-schema.js';
import type { Role } from '../domain/types.js';
import type { PeopleDirectory } from '../people/directory.js';

/** A person as a calendar needs them: a mailbox. People without an e-mail address cannot be invited. */
export function attendeeById(people: PeopleDirectory, aadObjectId: string): Attendee | undefined {
  const p = people.get(aadObjectId);
  return p?.email ? { email: p.email, name: p.name } : undefined;
}

/**
 * The first person with a mailbox holding one of the roles, in the order of the roles; never one
 * of `except` (a burgemeester who reports does not give himself nazorg).
 */
export function firstWithRole(people: PeopleDirectory, roles: readonly Role[], except: string[] = []): Attendee | undefined {
  const skip = new Set(except.map((e) => e.toLowerCase()));
  for (const role of roles) {
    const p = people.withRole(role).find((x) => x.email !== undefined && !skip.has(x.email.toLowerCase()));
    if (p?.email) return { email: p.email, name: p.name };
  }
  return undefined;
}

/** Everyone with a mailbox holding one of the roles, in the order of the roles; never one of `except`. */
export function allWithRoles(people: PeopleDirectory, roles: readonly Role[], except: string[] = []): Attendee[] {
  const seen = new Set(except.map((e) => e.toLowerCase()));
  const out: Attendee[] = [];
  for (const role of roles) {
    for (const p of people.withRole(role)) {
      if (!p.email || seen.has(p.email.toLowerCase())) continue;
      seen.add(p.email.toLowerCase());
      out.push({ email: p.email, name: p.name });
    }
  }
  return out;
}

/**
 * Whose nazorg it is: the ambtsdrager the melding is about when the directory knows them with a
 * mailbox, else the melder. Only this person may move or cancel their own nazorg conversations.
 */
export function nazorgReceiverId(people: PeopleDirectory, incident: Incident): string {
  return attendeeById(people, incident.ambtsdrager.aadObjectId) ? incident.ambtsdrager.aadObjectId : incident.melder.aadObjectId;
}
