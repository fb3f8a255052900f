import type { Incident } from '../../domain/incident-schema.js';
import { plegerCount, type PlegerMatch } from '../../domain/pleger-signal.js';
import { plegerMatchKeys } from '../../store/pleger-key.js';
import type { Services } from '../services.js';
import { isHandlerOf } from './access.js';
import { channelRef } from './links.js';
import type { PostRepository } from './ports.js';

/**
 * Who looks at a melding card: one person (by Entra object id), every reader of one channel (by
 * its conversation id: they may see what was posted there), or nobody known (no links).
 */
export type SignalViewer = { kind: 'persoon'; aadObjectId: string } | { kind: 'kanaal'; channelId: string } | { kind: 'niemand' };

/** One pleger, several ambtsdragers: the other meldingen that name this melding's pleger, counted, and those this viewer may open. */
export interface PlegerSignal {
  /** every other melding that names the pleger, by any key */
  others: PlegerMatch[];
  andereMeldingen: number;
  andereAmbtsdragers: number;
  /** the other meldingen the viewer may already open, newest first, at most MAX_LINKS: their number and id only */
  zichtbaar: { incidentId: string; number: string }[];
  /**
   * the other organisations of the deployment that know this pleger too, when both consented: their
   * names, which the card shows to the coordinator only (pleger-signal-view.ts); nothing of their meldingen
   */
  elders: string[];
}

export type MayOpen = (match: PlegerMatch) => Promise<boolean>;

/**
 * Whether the viewer may open another melding, by the rules of the melding card itself
 * (handling/admit.ts): its handler, its informed coordinator, or a reader of a channel it was
 * posted in. Checked on the server by Entra object id and stored posts; the click is checked again.
 */
export function mayOpenFor(services: Services, posts: Pick<PostRepository, 'list'>, viewer: SignalViewer): MayOpen {
  switch (viewer.kind) {
    case 'persoon':
      return (m) =>
        Promise.resolve(
          isHandlerOf(services, m.handlerIds, m.rollen, viewer.aadObjectId) || (m.coordinator && services.people.hasRole(viewer.aadObjectId, 'coordinator')),
        );
    case 'kanaal':
      return async (m) =>
        (await posts.list(services.orgId, m.incidentId)).some(
          (p) => p.target.kind === 'channel' && channelRef(p.conversationRef).conversation.id === viewer.channelId,
        );
    case 'niemand':
      return () => Promise.resolve(false);
  }
}

/**
 * The pleger signal of one melding: the one place it is computed, from the pleger index (one key
 * range per key, no document read). Across the organisations of a deployment it asks only the
 * count-only port of its services (store/pleger-elders.ts), which exists when this organisation
 * consented; the keys are not salted per organisation for that reason.
 */
export async function plegerSignal(services: Services, orgId: string, incident: Incident, mayOpen: MayOpen): Promise<PlegerSignal> {
  const keys = plegerMatchKeys(incident);
  const [others, elders] = await Promise.all([
    services.store.plegers.matches(orgId, keys, incident.id),
    services.plegerElders ? services.plegerElders.bekendBij(keys) : Promise.resolve([]),
  ]);
  others.sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  const count = plegerCount(incident.ambtsdrager.aadObjectId, others);
  const zichtbaar = count.andereAmbtsdragers > 0 ? await openable(others, mayOpen) : [];
  return { others, ...count, zichtbaar: zichtbaar.map((m) => ({ incidentId: m.incidentId, number: m.number })), elders };
}

/** the links a card shows: more make it long on a phone; each melding opened shows its own again */
export const MAX_LINKS = 5;
/** how many other meldingen one render asks about at most: a channel viewer's answer reads posts */
const MAX_CHECKED = 4 * MAX_LINKS;

/**
 * The newest other meldingen the viewer may open, at most MAX_LINKS, asked a batch at a time and
 * never about more than MAX_CHECKED: the card renders again with every update of the melding, for
 * every target. The rest are counted as not to be opened from this card, which is what it shows.
 */
async function openable(others: readonly PlegerMatch[], mayOpen: MayOpen): Promise<PlegerMatch[]> {
  const found: PlegerMatch[] = [];
  for (let i = 0; i < Math.min(others.length, MAX_CHECKED) && found.length < MAX_LINKS; i += MAX_LINKS) {
    const batch = others.slice(i, Math.min(i + MAX_LINKS, MAX_CHECKED));
    const open = await Promise.all(batch.map((m) => mayOpen(m)));
    found.push(...batch.filter((_, j) => open[j]));
  }
  return found.slice(0, MAX_LINKS);
}
