import { nl } from '../../../shared/i18n/nl.js';
import type { UnnumberedIncident, Versioned } from '../../../store/ports.js';
import { refuse, show } from '../../common.js';
import { enqueueNewMelding } from '../../handling/effects.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { confirmation } from '../confirmation.js';
import type { Draft, Step } from '../draft.js';
import { buildIncident, numberYear } from '../submit.js';
import { DraftRefSchema, type Loaded, type ReportContext } from './context.js';

/**
 * Melden on the summary: the draft becomes a melding once, however often the button is pressed,
 * and gets its number in the same write (CounterRepository.file). On the turn: the filing transaction, the audit entry, the draft's delete and the jobs; the draft
 * comes from memory when this instance showed the summary.
 */
export async function submit(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const loaded = await pressedAt(ctx, input, actor, data, 'samenvatting');
  if (!loaded.ok) return loaded.result;
  const built = buildIncident(loaded.draft, actor, input.now, ctx.services);
  if (!built.ok) return ctx.goTo(input, actor, loaded.draft, loaded.etag, built.missing);
  return file(ctx, input, actor, built.incident);
}

/**
 * The opening of a Melden press (on the summary, on the short card): the card's draft, the
 * actor's own open one, at `step`; else the answer, its receipt again for a press that already filed.
 */
export async function pressedAt(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown, step: Step): Promise<Loaded> {
  const ref = DraftRefSchema.safeParse(data);
  if (!ref.success) return { ok: false, result: refuse(nl.errors.invalidPayload) };
  const found = await ctx.drafts.recent(ctx.org, actor.aadObjectId);
  if (!found || found.value.id !== ref.data.draftId) return { ok: false, result: await notTheDraft(ctx, input, actor, ref.data.draftId, found) };
  if (found.value.step !== step) return { ok: false, result: ctx.stale(input, actor, found.value) };
  return { ok: true, draft: found.value, etag: found.etag };
}

/**
 * A Melden whose draft is not the open one: pressed twice, or Teams retried, and the melding
 * already exists under the draft's id (its receipt again); else someone else's or a gone draft.
 */
async function notTheDraft(ctx: ReportContext, input: TurnInput, actor: Actor, draftId: string, found: Versioned<Draft> | undefined): Promise<TurnResult> {
  if (found) ctx.drafts.assertStored(ctx.org, actor.aadObjectId, found.value);
  const done = await ctx.services.store.incidents.get(ctx.org, draftId);
  if (done && done.value.melder.aadObjectId === actor.aadObjectId) return show(confirmation(ctx, done.value, input.now));
  return found ? refuse(nl.errors.notYourDraft) : refuse(nl.errors.draftGone);
}

/** The one way a melding is filed, from the summary and from the short path alike. */
export async function file(ctx: ReportContext, input: TurnInput, actor: Actor, built: UnnumberedIncident): Promise<TurnResult> {
  const { services, org } = ctx;
  const filed = await services.store.counters.file(built, numberYear(input.now));
  const incident = filed.incident.value;
  if (incident.melder.aadObjectId !== actor.aadObjectId) return refuse(nl.errors.notYourDraft);
  // joined: the press this one waited for does the rest
  if (filed.outcome === 'joined') return show(confirmation(ctx, incident, input.now));
  // the audit entry once per melding (the handler's card shows one "gemeld"); side by side with the
  // jobs, and both before the draft goes, so that a press after a failure here finds the draft and
  // enqueues again
  const audited = filed.outcome === 'created'
    ? services.store.audit.append({ orgId: org, incidentId: incident.id, actorId: actor.aadObjectId, verb: 'melding.indienen', outcome: 'ok', at: input.now.toISOString() })
    : Promise.resolve();
  await Promise.all([
    enqueueNewMelding(services, incident),
    audited,
  ]);
  await ctx.drafts.delete(org, actor.aadObjectId);
  services.logger.info({ actor: actor.aadObjectId, incident: incident.id, number: incident.number, outcome: filed.outcome }, 'melding stored');
  return show(confirmation(ctx, incident, input.now));
}
