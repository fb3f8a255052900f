import { z } from 'zod';
import { hulplijnenOp } from '../../../domain/hulplijnen.js';
import { nl } from '../../../shared/i18n/nl.js';
import { refuse, show } from '../../common.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { unsafeCard } from '../view.js';
import { DraftRefSchema, type ReportContext } from './context.js';

const SafetySchema = DraftRefSchema.extend({ veilig: z.enum(['ja', 'nee']) });

/** The first question: not safe now shows the hulplijnen and keeps the draft where it is. */
export async function answerSafety(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = SafetySchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await ctx.loadOwn(actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  if (parsed.data.veilig === 'nee') return show(unsafeCard(loaded.draft, hulplijnenOp(ctx.services.profile.hulplijnen, input.now)));
  if (loaded.draft.step !== 'veiligheid') return ctx.stale(input, actor, loaded.draft);
  return ctx.goTo(input, actor, { ...loaded.draft, safe: true }, loaded.etag, 'wie');
}
