import { renderCard } from '../../cards/render.js';
import { OPEN_STATES } from '../../domain/incident-schema.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { show } from '../common.js';
import type { HandlingDeps } from '../handling/ports.js';
import type { Services } from '../services.js';
import type { TurnResult } from '../types.js';
import { plegerRows } from './plegers.js';
import { overzichtRows, type StatusFilter, type Viewer } from './rows.js';

const o = nl.overzicht;

/** The overview card for this viewer with this status filter, read fresh from the store. */
export async function overzichtCard(services: Services, deps: Pick<HandlingDeps, 'agenda'>, viewer: Viewer, filter: StatusFilter, now: Date): Promise<TurnResult> {
  const incidents = (await services.store.incidents.listOpen(services.orgId)).map((v) => v.value);
  const started = Date.now();
  const { rows, more } = await overzichtRows(services, deps.agenda, incidents, viewer, filter, now);
  // what reading each listed melding's bookings costs, to watch as an organisation's open meldingen grow
  const rowsMs = Date.now() - started;
  const plegers = await plegerRows(services, viewer);
  services.logger.info({ actor: viewer.aadObjectId, scope: viewer.scope, filter, shown: rows.length, more, rowsMs, plegers: plegers.rows.length }, 'overview');
  return show(
    renderCard('overzicht', {
      title: viewer.scope === 'alles' ? o.title : o.titleEigen,
      filter,
      filterChoices: [{ title: o.filter.alle, value: 'alle' }, ...OPEN_STATES.map((s) => ({ title: nl.incident.status[s], value: s }))],
      items: rows,
      more: more > 0 ? fmt(o.meer, { count: more }) : '',
      plegers: plegers.rows,
      plegersMeer: plegers.more > 0 ? fmt(nl.plegerSignaal.overzicht.meer, { count: plegers.more }) : '',
    }),
  );
}
