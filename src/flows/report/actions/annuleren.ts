import { nl } from '../../../shared/i18n/nl.js';
import { messageCard, refuse, show } from '../../common.js';
import type { Actor, TurnResult } from '../../types.js';
import { alreadyFiledCard, filedMelding } from '../confirmation.js';
import { cancelCard } from '../view.js';
import { DraftRefSchema, type ReportContext } from './context.js';

/** Annuleren asks first: a draft is gone for good once deleted. */
export async function askCancel(ctx: ReportContext, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = DraftRefSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await ctx.loadOwn(actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  const filed = await filedMelding(ctx, actor, loaded.draft, { anyStep: true });
  if (filed) return show(alreadyFiledCard(filed));
  return show(cancelCard(loaded.draft));
}

/** Deletes the draft, unless it was filed already (a crash before its draft was cleared): then that is said. */
export async function confirmCancel(ctx: ReportContext, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = DraftRefSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await ctx.loadOwn(actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  const filed = await filedMelding(ctx, actor, loaded.draft, { anyStep: true });
  if (filed) return show(alreadyFiledCard(filed));
  await ctx.drafts.delete(ctx.org, actor.aadObjectId);
  ctx.services.logger.info({ actor: actor.aadObjectId, draft: loaded.draft.id }, 'draft cancelled');
  return show(messageCard(nl.melding.annuleren.done, { style: 'good' }));
}
