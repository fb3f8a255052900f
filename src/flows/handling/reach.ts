import type { Person } from '../../people/directory.js';
import type { Services } from '../services.js';
import type { HandlingDeps } from './ports.js';

/**
 * Whom the bot cannot write to 1:1. Teams delivers a proactive 1:1 message only to someone for
 * whom the app is installed (we then hold their personal conversation, captured on the install
 * or a turn) or who is a member of a team where the app is installed (read from the roster of
 * every team the bot was added to). Anyone else in the people file would miss a melding sent to
 * them when no channel is linked, a notice, or a nazorg invitation.
 */
export async function unreachablePeople(services: Services, deps: HandlingDeps): Promise<Person[]> {
  const reachable = new Set<string>();
  const teams = new Map<string, Parameters<HandlingDeps['roster']['teamMembers']>[0]>();
  for (const l of await services.store.channelLinks.list(services.orgId)) if (l.conversationRef.teamId) teams.set(l.conversationRef.teamId, l.conversationRef);
  for (const c of await deps.conversations.listChannels(services.orgId)) if (c.ref.teamId) teams.set(c.ref.teamId, c.ref);
  for (const ref of teams.values()) {
    try {
      const read = await deps.roster.teamMembers(ref);
      if ('members' in read) for (const m of read.members) if (m.aadObjectId) reachable.add(m.aadObjectId.toLowerCase());
    } catch {
      // a team we cannot read now proves nothing either way; its members count as not (yet) reachable
      services.logger.warn({ team: 'unreadable' }, 'team roster unreadable for the reach check');
    }
  }
  const out: Person[] = [];
  for (const p of services.people.people) {
    if (reachable.has(p.aadObjectId.toLowerCase())) continue;
    if (await deps.conversations.getPerson(services.orgId, p.aadObjectId)) continue;
    out.push(p);
  }
  return out;
}
