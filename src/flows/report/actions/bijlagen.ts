import { LIMITS } from '../../../domain/incident-schema.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { stepCard } from '../view.js';
import type { ReportContext } from './context.js';

const m = nl.melding;

/** Files sent in the personal chat join the open draft, up to the limit; other messages are not ours. */
export async function addAttachments(ctx: ReportContext, input: TurnInput, actor: Actor): Promise<TurnResult | undefined> {
  if (input.event.kind !== 'message' || input.event.attachments.length === 0) return undefined;
  if (input.conversation.kind !== 'personal') return undefined;
  const found = await ctx.drafts.get(ctx.org, actor.aadObjectId);
  if (!found) return { replies: [{ type: 'text', text: m.attachmentNoDraft }] };
  const room = LIMITS.attachments - found.value.attachments.length;
  const added = input.event.attachments.slice(0, Math.max(0, room));
  if (added.length === 0) return { replies: [{ type: 'text', text: fmt(m.attachmentTooMany, { max: LIMITS.attachments }) }] };
  const saved = await ctx.save(actor, { ...found.value, attachments: [...found.value.attachments, ...added] }, found.etag, input.now);
  return {
    replies: [
      ...added.map((a) => ({ type: 'text' as const, text: fmt(m.attachmentSaved, { name: a.name }) })),
      { type: 'card' as const, card: stepCard(saved.value, saved.value.step, ctx.stepContext(input, actor)) },
    ],
  };
}
