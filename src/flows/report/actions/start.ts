import { randomUUID } from 'node:crypto';
import { nl } from '../../../shared/i18n/nl.js';
import { personalOnly, show } from '../../common.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { filedMelding } from '../confirmation.js';
import { newDraft } from '../draft.js';
import { stepCard } from '../view.js';
import type { ReportContext } from './context.js';

/** A new draft (`overleg`: the melder first wants to talk it over); an open draft is resumed, never replaced. */
export async function start(ctx: ReportContext, input: TurnInput, actor: Actor, overleg: boolean): Promise<TurnResult> {
  const blocked = personalOnly(input);
  if (blocked) return blocked;
  const existing = await ctx.drafts.get(ctx.org, actor.aadObjectId);
  // a draft whose melding was filed is no open melding: a new one starts
  if (existing && !(await filedMelding(ctx, actor, existing.value))) return show(stepCard(existing.value, existing.value.step, ctx.stepContext(input, actor), { banner: nl.welcome.resumeNote }));
  const draft = newDraft(randomUUID(), actor.name, input.now, overleg);
  await ctx.save(actor, draft, undefined, input.now);
  ctx.services.logger.info({ actor: actor.aadObjectId, draft: draft.id, overleg }, 'draft started');
  return show(stepCard(draft, 'veiligheid', ctx.stepContext(input, actor)));
}
