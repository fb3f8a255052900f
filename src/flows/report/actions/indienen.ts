import { renderCard } from '../../../cards/render.js';
import { deadlineStatus } from '../../../domain/deadlines.js';
import { formatDutch, formatDutchDate } from '../../../domain/format.js';
import type { Incident } from '../../../domain/incident-schema.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import { AlreadyExistsError } from '../../../store/errors.js';
import type { Versioned } from '../../../store/ports.js';
import { refuse, show } from '../../common.js';
import { enqueueNewMelding } from '../../handling/effects.js';
import type { Actor, CardJson, TurnInput, TurnResult } from '../../types.js';
import { buildIncident, firstMissing, reserveNumber } from '../submit.js';
import { DraftRefSchema, type ReportContext } from './context.js';

const m = nl.melding;

/** The melder's receipt: number, who handles it, the deadlines that concern them, the hulplijnen. */
function confirmation(ctx: ReportContext, incident: Incident, now: Date): CardJson {
  const p = ctx.services.profile;
  const handlers = incident.routing.handlers.map((role) => ctx.roleWithNames(role));
  const deadlines = incident.deadlines
    .filter((d) => d.kind !== 'herstelgesprek')
    .filter((d) => incident.impact.nazorgGewenst || !d.kind.startsWith('nazorg'))
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
    nazorgDeclined: !incident.impact.nazorgGewenst,
    hulplijnen: p.hulplijnen,
  });
}

/** Melden on the summary: the draft becomes a melding once, however often the button is pressed. */
export async function submit(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const { services, org } = ctx;
  const ref = DraftRefSchema.safeParse(data);
  if (!ref.success) return refuse(nl.errors.invalidPayload);
  const found = await ctx.drafts.get(org, actor.aadObjectId);
  if (!found || found.value.id !== ref.data.draftId) {
    // Melden pressed twice, or Teams retried: the melding already exists under the draft's id.
    const done = await services.store.incidents.get(org, ref.data.draftId);
    if (done && done.value.melder.aadObjectId === actor.aadObjectId) return show(confirmation(ctx, done.value, input.now));
    return found ? refuse(nl.errors.notYourDraft) : refuse(nl.errors.draftGone);
  }
  let draft = found.value;
  if (draft.step !== 'samenvatting') return ctx.stale(input, actor, draft);
  const missing = firstMissing(draft);
  if (missing) return ctx.goTo(input, actor, draft, found.etag, missing);
  const reserved = await reserveNumber(services, actor, draft, found.etag, input.now);
  if (!reserved) {
    // The other click won the race and already finished: show its melding.
    const done = await services.store.incidents.get(org, draft.id);
    return done ? show(confirmation(ctx, done.value, input.now)) : ctx.stale(input, actor, draft);
  }
  draft = reserved.draft;
  const built = buildIncident(draft, actor, draft.number ?? '', input.now, services);
  if (!built.ok) return ctx.goTo(input, actor, draft, reserved.etag, built.missing);
  let stored: Versioned<Incident> | undefined;
  try {
    stored = await services.store.incidents.create(built.incident);
  } catch (err) {
    if (!(err instanceof AlreadyExistsError)) throw err;
    stored = await services.store.incidents.get(org, built.incident.id);
  }
  const incident = stored?.value ?? built.incident;
  await enqueueNewMelding(services, incident);
  await services.store.audit.append({
    orgId: org, incidentId: incident.id, actorId: actor.aadObjectId, verb: 'melding.indienen', outcome: 'ok', at: input.now.toISOString(),
  });
  await ctx.drafts.delete(org, actor.aadObjectId);
  services.logger.info({ actor: actor.aadObjectId, incident: incident.id, number: incident.number }, 'melding stored');
  return show(confirmation(ctx, incident, input.now));
}
