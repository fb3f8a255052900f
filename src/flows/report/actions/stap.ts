import { nl } from '../../../shared/i18n/nl.js';
import { refuse, show } from '../../common.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { nextStep } from '../draft.js';
import { readFields } from '../fields.js';
import { FORM_STEPS } from '../steps/index.js';
import { stepCard } from '../view.js';
import { StepRefSchema, type ReportContext } from './context.js';

/** Volgende on a form step: its fields read and checked, the answers saved, the next step shown. */
export async function submitStep(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = StepRefSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await ctx.loadOwn(actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  const { draft, etag } = loaded;
  const step = parsed.data.step;
  const def = FORM_STEPS[step];
  if (draft.step !== step || !def) return ctx.stale(input, actor, draft);
  const stepContext = ctx.stepContext(input, actor);
  const read = readFields(def.fields(draft, stepContext), data);
  if (Object.keys(read.errors).length > 0) return show(stepCard(draft, step, stepContext, read));
  const applied = def.apply(draft, read.values, stepContext);
  if (!applied.ok) return show(stepCard(draft, step, stepContext, { values: read.values, errors: applied.errors }));
  return ctx.goTo(input, actor, applied.draft, etag, nextStep(applied.draft, step));
}
