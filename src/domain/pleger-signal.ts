import type { IncidentState } from './incident-schema.js';
import type { FunctionarisRole } from './types.js';

/**
 * Another melding that names the same pleger, as the pleger index keeps it: enough to count it,
 * to decide who may open it, and to see a toegangsontzegging that runs; no content, no names.
 */
export interface PlegerMatch {
  incidentId: string;
  number: string;
  reportedAt: string;
  state: IncidentState;
  /** the Entra object id of the ambtsdrager it is about, lowercased */
  ambtsdragerId: string;
  handlerIds: string[];
  /** the roles that act on it (its handlers, and those of a council meeting) */
  rollen: FunctionarisRole[];
  /** whether its coordinator was informed of it */
  coordinator: boolean;
  /** the end of a toegangsontzegging decided on it */
  toegangTot?: string | undefined;
}

/** How often a pleger appears beside this melding: in other meldingen, and about other ambtsdragers. */
export interface PlegerCount {
  andereMeldingen: number;
  andereAmbtsdragers: number;
}

export function plegerCount(ambtsdragerId: string, others: readonly Pick<PlegerMatch, 'ambtsdragerId'>[]): PlegerCount {
  const own = ambtsdragerId.toLowerCase();
  const ambtsdragers = new Set(others.map((o) => o.ambtsdragerId).filter((a) => a !== own && a !== ''));
  return { andereMeldingen: others.length, andereAmbtsdragers: ambtsdragers.size };
}

/** How many ambtsdragers a group of meldingen is about: a row that lost its ambtsdrager's id counts for none. */
export function ambtsdragersIn(group: readonly Pick<PlegerMatch, 'ambtsdragerId'>[]): number {
  return new Set(group.map((m) => m.ambtsdragerId).filter((a) => a !== '')).size;
}

/** One key of one melding in the index. */
export interface KeyedMatch {
  key: string;
  match: PlegerMatch;
}

/**
 * The plegers of an organisation who appear in meldingen about more than one ambtsdrager: the
 * meldingen that share a key are one pleger, and so are meldingen joined through another
 * melding (a name in one, the same name and an e-mail address in the next, that e-mail address
 * in a third). Newest melding first within a group, the group with the newest melding first.
 */
export function plegersBijMeerdereAmbtsdragers(rows: readonly KeyedMatch[]): PlegerMatch[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const byId = new Map<string, PlegerMatch>();
  const firstOfKey = new Map<string, string>();
  for (const { key, match } of rows) {
    byId.set(match.incidentId, match);
    if (!parent.has(match.incidentId)) parent.set(match.incidentId, match.incidentId);
    const first = firstOfKey.get(key);
    if (first === undefined) firstOfKey.set(key, match.incidentId);
    else parent.set(find(match.incidentId), find(first));
  }
  const groups = new Map<string, PlegerMatch[]>();
  for (const [id, match] of byId) groups.set(find(id), [...(groups.get(find(id)) ?? []), match]);
  const newest = (g: readonly PlegerMatch[]): string => g[0]?.reportedAt ?? '';
  return [...groups.values()]
    .filter((g) => ambtsdragersIn(g) > 1)
    .map((g) => [...g].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt)))
    .sort((a, b) => newest(b).localeCompare(newest(a)));
}
