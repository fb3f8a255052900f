import { nl } from '../../../shared/i18n/nl.js';
import { messageCard, refuse, show } from '../../common.js';
import type { Actor, TurnResult } from '../../types.js';
import { alreadyFiledCard, filedMelding } from '../confirmation.js';
import { cancelCard } from '../view.js';
import { DraftRefSchema, type Loaded, type ReportContext } from './context.js';

/**
 * The draft to cancel, unless it became a melding: a draft left behind by a crash after its
 * melding was stored, or a card of a draft that is gone because it was filed. Then the answer
 * says the melding is filed, and nothing is withdrawn.
 */
async function loadUnfiled(ctx: ReportContext, actor: Actor, draftId: string): Promise<Loaded> {
  const loaded = await ctx.loadOwn(actor, draftId);
  const filed = loaded.ok
    ? await filedMelding(ctx, actor, loaded.draft, { anyStep: true })
    : (await ctx.services.store.incidents.get(ctx.org, draftId))?.value;
  if (filed && filed.melder.aadObjectId === actor.aadObjectId) return { ok: false, result: show(alreadyFiledCard(filed)) };
  return loaded;
}

/** Annuleren asks first: a draft is gone for good once deleted. */
export async function askCancel(ctx: ReportContext, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = DraftRefSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await loadUnfiled(ctx, actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  return show(cancelCard(loaded.draft));
}

/** Deletes the draft, unless it was filed already (a crash before its draft was cleared): then that is said. */
export async function confirmCancel(ctx: ReportContext, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = DraftRefSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await loadUnfiled(ctx, actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  await ctx.drafts.delete(ctx.org, actor.aadObjectId);
  ctx.services.logger.info({ actor: actor.aadObjectId, draft: loaded.draft.id }, 'draft cancelled');
  return show(messageCard(nl.melding.annuleren.done, { style: 'good' }));
}
