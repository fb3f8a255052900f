import { nazorgReceiverId } from '../../../agenda/people.js';
import { renderCard } from '../../../cards/render.js';
import { aanvullingNodig } from '../../../domain/aanvulling.js';
import { categoryTexts } from '../../../domain/classify.js';
import { formatDutchDate } from '../../../domain/format.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import { personalOnly, show } from '../../common.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import type { ReportContext } from './context.js';

/** The melder's own meldingen with their status, and a way to their nazorg. */
export async function myReports(ctx: ReportContext, input: TurnInput, actor: Actor): Promise<TurnResult> {
  const blocked = personalOnly(input);
  if (blocked) return blocked;
  const { services } = ctx;
  const list = await services.store.incidents.listByMelder(ctx.org, actor.aadObjectId);
  const items = list.map(({ value: i }) => ({
    title: fmt(nl.melding.mijn.item, { number: i.number, date: formatDutchDate(i.occurredAt), status: nl.incident.status[i.state] }),
    detail: categoryTexts(i.chosenCategory, services.profile.reportingRule).label,
    incidentId: i.id,
    // a short melding, open: the melder can still add the rest
    aanvullen: i.state !== 'afgesloten' && aanvullingNodig(i),
    // their own nazorg card; a melding "namens" someone else is that person's nazorg
    nazorg: i.impact?.nazorgGewenst === true && nazorgReceiverId(services.people, i).toLowerCase() === actor.aadObjectId.toLowerCase(),
  }));
  return show(renderCard('mijn-meldingen', { items }));
}
