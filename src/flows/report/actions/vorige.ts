import { nl } from '../../../shared/i18n/nl.js';
import { refuse } from '../../common.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { previousStep } from '../draft.js';
import { StepRefSchema, type ReportContext } from './context.js';

/** Vorige: back one step, what was typed on this one not saved. */
export async function previous(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = StepRefSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await ctx.loadOwn(actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  if (loaded.draft.step !== parsed.data.step) return ctx.stale(input, actor, loaded.draft);
  return ctx.goTo(input, actor, loaded.draft, loaded.etag, previousStep(loaded.draft, parsed.data.step));
}
