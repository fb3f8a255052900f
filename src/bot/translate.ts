import type { Activity, ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Conversation, ConversationKind, ConversationRef, InputAttachment, TurnEvent, TurnInput } from '../flows/types.js';
import { FETCH_TASK, messageActionEvent, SUBMIT_ACTION } from './message-action.js';

/** Teams activity -> the neutral TurnInput the flows understand. Untrusted input: parsed, never cast. */

const ChannelDataSchema = z
  .object({
    tenant: z.object({ id: z.string() }).partial().optional(),
    team: z.object({ id: z.string() }).partial().optional(),
    channel: z.object({ id: z.string() }).partial().optional(),
  })
  .partial()
  .loose();

const InvokeValueSchema = z.object({
  action: z.object({ type: z.string().optional(), verb: z.string().max(100), data: z.unknown() }),
});

const SubmitValueSchema = z.object({ verb: z.string().max(100) }).loose();

export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const t = activity.conversation?.conversationType;
  if (t === 'channel') return 'channel';
  // Older payloads Microsoft publishes carry no conversationType: a team or channel in the channel
  // data must not be taken for a personal chat, where meldingen are shown.
  if (t === undefined && inTeam(activity)) return 'channel';
  if (t === 'groupChat' || activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

function inTeam(activity: Partial<Activity>): boolean {
  const cd = ChannelDataSchema.safeParse(activity.channelData ?? {});
  return cd.success && Boolean(cd.data.channel?.id || cd.data.team?.id);
}

export function toConversationRef(ref: Partial<ConversationReference>, activity: Partial<Activity>): ConversationRef {
  const cd = ChannelDataSchema.safeParse(activity.channelData ?? {});
  const channelData = cd.success ? cd.data : {};
  const conversationId = ref.conversation?.id ?? '';
  const tenantId = ref.conversation?.tenantId ?? channelData.tenant?.id;
  const teamsChannelId =
    channelData.channel?.id ?? (conversationKind(activity) === 'channel' ? conversationId.split(';')[0] : undefined);
  return {
    channelId: ref.channelId ?? 'msteams',
    serviceUrl: ref.serviceUrl ?? '',
    conversation: {
      id: conversationId,
      ...(ref.conversation?.conversationType ? { conversationType: ref.conversation.conversationType } : {}),
      ...(tenantId ? { tenantId } : {}),
      ...(ref.conversation?.isGroup !== undefined ? { isGroup: ref.conversation.isGroup } : {}),
    },
    ...(ref.bot?.id ? { bot: { id: ref.bot.id, ...(ref.bot.name ? { name: ref.bot.name } : {}) } } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(channelData.team?.id ? { teamId: channelData.team.id } : {}),
    ...(teamsChannelId ? { teamsChannelId } : {}),
  };
}

function attachmentsOf(activity: Partial<Activity>): InputAttachment[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType !== 'text/html' && typeof a.contentUrl === 'string')
    .map((a) => ({
      name: (a.name ?? 'bijlage').slice(0, 200),
      contentType: a.contentType.slice(0, 200),
      ref: (a.contentUrl ?? '').slice(0, 2000),
    }));
}

/** Teams wraps the text of a channel message in a mention of the bot: strip it. */
function plainText(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  for (const e of activity.entities ?? []) {
    if (e.type === 'mention' && typeof e['text'] === 'string') text = text.replace(e['text'], '');
  }
  return text.replace(/<at>[^<]*<\/at>/g, '').trim();
}

export function toTurnInput(
  activity: Partial<Activity>,
  ref: Partial<ConversationReference>,
  now: Date,
): TurnInput | undefined {
  const kind = conversationKind(activity);
  const conversation: Conversation = { kind, ref: toConversationRef(ref, activity) };
  const aad = activity.from?.aadObjectId;
  const teamsUserId = activity.from?.id?.slice(0, 500);
  const actor = aad ? { aadObjectId: aad, name: activity.from?.name ?? '', ...(teamsUserId ? { teamsUserId } : {}) } : undefined;

  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const v = InvokeValueSchema.safeParse(activity.value);
    const verb = v.success ? v.data.action.verb : '';
    return { event: { kind: 'action', verb, data: v.success ? v.data.action.data : undefined, via: 'execute' }, actor, conversation, now };
  }
  if (activity.type === 'invoke' && (activity.name === FETCH_TASK || activity.name === SUBMIT_ACTION)) {
    return { event: messageActionEvent(activity.value, activity.name === SUBMIT_ACTION), actor, conversation, now };
  }
  if (activity.type === 'message') {
    const submit = SubmitValueSchema.safeParse(activity.value);
    if (activity.value !== undefined && submit.success) {
      return { event: { kind: 'action', verb: submit.data.verb, data: activity.value, via: 'submit' }, actor, conversation, now };
    }
    return { event: { kind: 'message', text: plainText(activity), attachments: attachmentsOf(activity) }, actor, conversation, now };
  }
  if (activity.type === 'installationUpdate') {
    if (activity.action?.startsWith('remove')) return undefined;
    return { event: { kind: 'installed' }, actor, conversation, now };
  }
  if (activity.type === 'conversationUpdate') {
    const event = membershipEvent(activity, kind);
    return event ? { event, actor, conversation, now } : undefined;
  }
  return undefined;
}

const MembersSchema = z.array(z.object({ id: z.string() }).loose());

/**
 * A conversationUpdate matters in two cases: the bot itself was added (in a personal chat Teams
 * also sends an installationUpdate, and the welcome is sent once, for that one), and people joined
 * a team or channel, whose members decide who can read what the bot posts there. Renames,
 * removals and whatever Teams adds later: nothing.
 */
function membershipEvent(activity: Partial<Activity>, kind: ConversationKind): TurnEvent | undefined {
  const parsed = MembersSchema.safeParse(activity.membersAdded ?? []);
  const added = parsed.success ? parsed.data : [];
  const botId = activity.recipient?.id;
  if (added.some((m) => m.id === botId)) return kind === 'personal' ? undefined : { kind: 'installed' };
  if (kind === 'channel' && added.length > 0) return { kind: 'membersAdded' };
  return undefined;
}
