import { renderCard } from '../../cards/render.js';
import { ontbrekend } from '../../domain/aanvulling.js';
import { deadlineStatus } from '../../domain/deadlines.js';
import { formatDutch, formatDutchDate } from '../../domain/format.js';
import type { Incident } from '../../domain/incident-schema.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { messageCard } from '../common.js';
import type { Actor, CardJson } from '../types.js';
import type { ReportContext } from './actions/context.js';
import type { Draft } from './draft.js';

const m = nl.melding;

/** The melder's receipt: number, who handles it, the deadlines that concern them, the hulplijnen. */
export function confirmation(ctx: ReportContext, incident: Incident, now: Date): CardJson {
  const p = ctx.services.profile;
  const handlers = incident.routing.handlers.map((role) => ctx.roleWithNames(role));
  const deadlines = incident.deadlines
    .filter((d) => d.kind !== 'herstelgesprek')
    .filter((d) => incident.impact?.nazorgGewenst || !d.kind.startsWith('nazorg'))
    .map((d) => {
      const overdue = deadlineStatus(d, now).state === 'overdue';
      const label = fmt(m.deadlineLabel[d.kind], { from: d.notBefore ? formatDutchDate(d.notBefore) : '' });
      return { label, value: `${formatDutch(d.dueBy)}${overdue ? ` ${m.bevestiging.overdue}` : ''}` };
    });
  return renderCard('melding-bevestiging', {
    numberText: fmt(m.bevestiging.number, { number: incident.number }),
    handlerText: fmt(m.bevestiging.handler, { handlers: handlers.join(' of ') }),
    coordinatorText: fmt(incident.routing.coordinator ? m.bevestiging.coordinator : m.bevestiging.coordinatorOpVerzoek, { coordinator: p.coordinatorLabel }),
    deadlines,
    nazorgDeclined: incident.impact !== undefined && !incident.impact.nazorgGewenst,
    hulplijnen: p.hulplijnen,
    incidentId: incident.id,
    aanvullenText: nogAanvullen(incident),
  });
}

/** What the melder can still add, in their words; empty when the melding is complete. */
export function nogAanvullen(incident: Incident): string {
  // the category follows from the answers about the behaviour: one part for the melder
  const delen = ontbrekend(incident).filter((d) => d !== 'categorie').map((d) => m.aanvullen.delen[d]);
  return delen.length > 0 ? fmt(m.aanvullen.nogAanvullen, { delen: delen.join(', ') }) : '';
}

/** Annuleren on a draft whose melding is filed already: nothing is withdrawn, and it says so. */
export function alreadyFiledCard(incident: Incident): CardJson {
  return messageCard(fmt(m.alIngediend, { number: incident.number }), { style: 'good' });
}

/**
 * The melding a draft became, when the instance that filed it stopped before it deleted the draft
 * (a crash between the two): the leftover draft is deleted, so nothing says it is unfinished.
 * Undefined for a draft that is still a draft. Costs one read, so it is asked where a draft is
 * shown as open or thrown away, not on every step; and only of a draft that can have been filed
 * (on the summary or the short card, or edited from the summary) unless `anyStep`, for a question that must be answered right.
 */
export async function filedMelding(ctx: ReportContext, actor: Actor, draft: Draft, options: { anyStep?: boolean } = {}): Promise<Incident | undefined> {
  if (!options.anyStep && draft.step !== 'samenvatting' && draft.step !== 'kort' && !draft.returnToSummary) return undefined;
  const stored = await ctx.services.store.incidents.get(ctx.org, draft.id);
  if (!stored || stored.value.melder.aadObjectId !== actor.aadObjectId) return undefined;
  await ctx.drafts.delete(ctx.org, actor.aadObjectId);
  ctx.services.logger.info({ actor: actor.aadObjectId, incident: draft.id }, 'leftover draft of a filed melding removed');
  return stored.value;
}
