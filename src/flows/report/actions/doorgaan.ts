import { personalOnly, show } from '../../common.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { confirmation, filedMelding } from '../confirmation.js';
import { stepCard } from '../view.js';
import type { ReportContext } from './context.js';
import { start } from './start.js';

/** Verder met melden: the open draft at its step, a new one when it is gone, the receipt when it was filed. */
export async function resume(ctx: ReportContext, input: TurnInput, actor: Actor): Promise<TurnResult> {
  const blocked = personalOnly(input);
  if (blocked) return blocked;
  const found = await ctx.drafts.get(ctx.org, actor.aadObjectId);
  if (!found) return start(ctx, input, actor, false);
  const filed = await filedMelding(ctx, actor, found.value);
  if (filed) return show(confirmation(ctx, filed, input.now));
  return show(stepCard(found.value, found.value.step, ctx.stepContext(input, actor)));
}
