import { nl } from '../../../shared/i18n/nl.js';
import { refuse, show } from '../../common.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { readFields } from '../fields.js';
import { applyKort, kortFields } from '../steps/kort.js';
import { buildIncident } from '../submit.js';
import { shortCard } from '../view.js';
import { DraftRefSchema, type ReportContext } from './context.js';
import { file, pressedAt } from './indienen.js';

/** "Kort melden" on the safety card: safe, and the short path's one card. */
export async function chooseShort(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = DraftRefSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await ctx.loadOwn(actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  if (loaded.draft.step !== 'veiligheid') return ctx.stale(input, actor, loaded.draft);
  return ctx.goTo(input, actor, { ...loaded.draft, safe: true }, loaded.etag, 'kort');
}

/** "Volledig melden" on the short card: the long path from its first step; nothing typed on the short card is kept. */
export async function chooseFull(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const parsed = DraftRefSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const loaded = await ctx.loadOwn(actor, parsed.data.draftId);
  if (!loaded.ok) return loaded.result;
  if (loaded.draft.step !== 'kort') return ctx.stale(input, actor, loaded.draft);
  return ctx.goTo(input, actor, loaded.draft, loaded.etag, 'wie');
}

/**
 * Melden on the short card: the answers checked, then filed exactly as from the summary (same
 * build, same counter transaction, same jobs), so a retried press finds the melding it made.
 */
export async function submitShort(ctx: ReportContext, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const loaded = await pressedAt(ctx, input, actor, data, 'kort');
  if (!loaded.ok) return loaded.result;
  const { draft } = loaded;
  const stepContext = ctx.stepContext(input, actor);
  const read = readFields(kortFields(stepContext), data);
  if (Object.keys(read.errors).length > 0) return show(shortCard(draft, stepContext, read));
  const applied = applyKort(draft, read.values, stepContext);
  if (!applied.ok) return show(shortCard(draft, stepContext, { values: read.values, errors: applied.errors }));
  const built = buildIncident(applied.draft, actor, input.now, ctx.services);
  if (!built.ok) return show(shortCard(draft, stepContext, { values: read.values, banner: nl.errors.checkFields }));
  return file(ctx, input, actor, built.incident);
}
