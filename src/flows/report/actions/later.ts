import { nl } from '../../../shared/i18n/nl.js';
import { messageCard, refuse, show } from '../../common.js';
import type { Actor, TurnResult } from '../../types.js';
import { DraftRefSchema, type ReportContext } from './context.js';

/** Later verder: nothing to save (every step saved the draft already); it says so, and how to come back. */
export async function later(ctx: ReportContext, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = DraftRefSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await ctx.loadOwn(actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  ctx.services.logger.info({ actor: actor.aadObjectId, draft: loaded.draft.id, step: loaded.draft.step }, 'draft left for later');
  return show(messageCard(nl.melding.later.done, { style: 'good' }));
}
