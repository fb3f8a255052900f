import type { PlegerMatch } from '../../domain/pleger-signal.js';
import { ambtsdragersIn, plegersBijMeerdereAmbtsdragers } from '../../domain/pleger-signal.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { isHandlerOf } from '../handling/access.js';
import type { Services } from '../services.js';
import { OPEN_VERB, type Viewer } from './rows.js';

const t = nl.plegerSignaal.overzicht;
/** a card of the overview stays under Teams' size limit with its open meldingen beside these */
export const MAX_PLEGERS = 5;
const MAX_MELDINGEN = 4;

export interface PlegerRow {
  title: string;
  meldingen: { incidentId: string; title: string; verb: string }[];
}

/** The overview's own rule (rows.ts maySee) on what the index keeps of a melding. */
function maySeeMatch(services: Services, viewer: Viewer, m: PlegerMatch): boolean {
  return (viewer.scope === 'alles' && m.coordinator) || isHandlerOf(services, m.handlerIds, m.rollen, viewer.aadObjectId);
}

/**
 * The coordinator's list of plegers who appear in meldingen about more than one ambtsdrager,
 * from the pleger index alone. Counted over the meldingen the coordinator may see, so that the
 * overview tells nothing of a melding they were not shown (a profile that calls them in on
 * request); no pleger's name, only a number per pleger and the meldingen to open.
 */
export async function plegerRows(services: Services, viewer: Viewer): Promise<{ rows: PlegerRow[]; more: number }> {
  if (viewer.scope !== 'alles') return { rows: [], more: 0 };
  // filtered before grouping: a melding the viewer was not shown may join two she was shown
  // (it names both their keys), and that link is something only the hidden melding proves
  const visible = (await services.store.plegers.all(services.orgId)).filter((r) => maySeeMatch(services, viewer, r.match));
  const groups = plegersBijMeerdereAmbtsdragers(visible);
  const rows = groups.slice(0, MAX_PLEGERS).map((g, i) => ({
    title: fmt(t.regel, { n: i + 1, meldingen: g.length, ambtsdragers: ambtsdragersIn(g) }),
    meldingen: g.slice(0, MAX_MELDINGEN).map((m) => ({ incidentId: m.incidentId, title: fmt(nl.plegerSignaal.bekijken, { number: m.number }), verb: OPEN_VERB })),
  }));
  return { rows, more: Math.max(0, groups.length - MAX_PLEGERS) };
}
