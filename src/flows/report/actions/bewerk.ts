import { nl } from '../../../shared/i18n/nl.js';
import { refuse } from '../../common.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { countedSteps, StepSchema } from '../draft.js';
import { DraftRefSchema, type ReportContext } from './context.js';

const EditSchema = DraftRefSchema.extend({ part: StepSchema });

/** Wijzigen on the summary: that part's step, and Volgende returns to the summary. */
export async function editPart(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = EditSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await ctx.loadOwn(actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  const part = parsed.data.part;
  if (loaded.draft.step !== 'samenvatting' || !countedSteps(loaded.draft).includes(part) || part === 'samenvatting') {
    return ctx.stale(input, actor, loaded.draft);
  }
  return ctx.goTo(input, actor, { ...loaded.draft, returnToSummary: true }, loaded.etag, part);
}
