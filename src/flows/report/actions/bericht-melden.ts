import { randomUUID } from 'node:crypto';
import { nl } from '../../../shared/i18n/nl.js';
import { BERICHT_COMMAND_ID, BERICHT_START_JOB, type BerichtStart } from '../../bericht/effects.js';
import { toEvidence } from '../../bericht/evidence.js';
import { dialogCard } from '../../bericht/view.js';
import type { ConversationDirectory } from '../../handling/ports.js';
import type { Actor, ConversationRef, TurnInput, TurnResult } from '../../types.js';
import { filedMelding } from '../confirmation.js';
import { newDraft, type Draft } from '../draft.js';
import type { ReportContext } from './context.js';

const m = nl.bericht;
const YEAR_MS = 365 * 24 * 3_600_000;

function dialog(messages: string[], ref: ConversationRef): TurnResult {
  return { replies: [], dialog: { title: m.dialoogTitel, card: dialogCard(messages, chatLink(ref)) } };
}

/** Teams' deep link to the 1:1 chat with the bot, by the bot id (28:...) the invoke was addressed to. */
function chatLink(ref: ConversationRef): string | undefined {
  const botId = ref.bot?.id;
  return botId ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(botId)}` : undefined;
}

/**
 * "Melden bij Weerbaar" on a Teams message: a new draft with the message kept as evidence and the
 * kanaal answered, continued in the person's own 1:1 chat (a queued job sends it there when that
 * chat is known). The answer is only the dialog: the message may sit in a chat the bot is not in,
 * and nothing is ever posted where the message came from. The submit of a dialog (where a
 * deployment of several organisations asked which one) brings the same message and goes the same way.
 */
export async function reportMessage(
  ctx: ReportContext,
  input: TurnInput,
  actor: Actor,
  conversations: Pick<ConversationDirectory, 'getPerson'>,
): Promise<TurnResult> {
  const ref = input.conversation.ref;
  if (input.event.kind !== 'messageAction' || input.event.commandId !== BERICHT_COMMAND_ID || !input.event.message) {
    ctx.services.logger.warn({ actor: actor.aadObjectId }, 'message action without a readable message');
    return dialog([m.onleesbaar], ref);
  }
  const existing = await ctx.drafts.get(ctx.org, actor.aadObjectId);
  if (existing && !(await filedMelding(ctx, actor, existing.value))) return dialog([m.alBezig, m.nietsGeplaatst], ref);

  const evidence = toEvidence(input.event.message, input.now);
  const draft: Draft = { ...newDraft(randomUUID(), actor.name, input.now, false), evidence, wanneer: wanneerOf(evidence.sentAt, input.now) };
  await ctx.save(actor, draft, existing?.etag, input.now);
  ctx.services.logger.info({ actor: actor.aadObjectId, draft: draft.id, omitted: evidence.omittedChars > 0 }, 'draft started from a message');

  const person = await conversations.getPerson(ctx.org, actor.aadObjectId);
  if (!person) return dialog([m.geenChat, m.nietsGeplaatst], ref);
  const payload: BerichtStart = { orgId: ctx.org, aadObjectId: actor.aadObjectId, draftId: draft.id };
  await ctx.services.effects.enqueue({ type: BERICHT_START_JOB, idempotencyKey: `bericht-start:${draft.id}`, payload });
  return dialog([m.verder, m.nietsGeplaatst], ref);
}

/** The moment the message was sent, when Teams gave one that is not in the future; the person can correct it. */
function wanneerOf(sentAt: string | undefined, now: Date): Draft['wanneer'] {
  const sent = sentAt ? new Date(sentAt) : now;
  const at = sent.getTime() > now.getTime() ? now : sent;
  return { occurredAt: at.toISOString(), longAgo: now.getTime() - at.getTime() > YEAR_MS, kanaal: 'teams-bericht', locatie: m.locatie };
}
