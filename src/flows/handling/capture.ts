import type { Services } from '../services.js';
import type { TurnInput, TurnResult } from '../types.js';
import { channelRef } from './links.js';
import type { HandlingDeps } from './ports.js';

/**
 * Wraps the router: remembers each person's own 1:1 conversation (for status messages and
 * notifications later), each person's Teams user id (for the card's refresh.userIds), and every
 * channel the bot is added to (for `kanalen`; never linked by itself). Once per value per
 * process, so a turn does not cost a write. Its `remember` does the same without answering, with
 * the same memory: a turn remembered first is not saved again when it is then handled.
 */
export function captureConversations(
  services: Services,
  deps: HandlingDeps,
  handle: (input: TurnInput) => Promise<TurnResult>,
): ((input: TurnInput) => Promise<TurnResult>) & { remember(input: TurnInput): Promise<void> } {
  const known = new Map<string, string>();
  const remember = async (input: TurnInput): Promise<void> => {
    const { conversation, actor } = input;
    if (actor?.teamsUserId && known.get(`t:${actor.aadObjectId}`) !== actor.teamsUserId) {
      await deps.conversations.saveTeamsUser(services.orgId, { aadObjectId: actor.aadObjectId, teamsUserId: actor.teamsUserId });
      known.set(`t:${actor.aadObjectId}`, actor.teamsUserId);
    }
    // a message action comes from the conversation of the chosen message, which may be a 1:1 chat between two people
    if (conversation.kind === 'personal' && actor && input.event.kind !== 'messageAction') {
      const key = `p:${actor.aadObjectId}`;
      if (known.get(key) === conversation.ref.conversation.id) return;
      await deps.conversations.savePerson(services.orgId, {
        aadObjectId: actor.aadObjectId,
        ...(actor.teamsUserId ? { teamsUserId: actor.teamsUserId } : {}),
        ref: conversation.ref,
      });
      known.set(key, conversation.ref.conversation.id);
    } else if (conversation.kind === 'channel' && input.event.kind === 'installed') {
      const ref = channelRef(conversation.ref);
      await deps.conversations.saveChannel(services.orgId, { ref, seenAt: input.now.toISOString() });
    }
  };
  const rememberSafely = async (input: TurnInput): Promise<void> => {
    try {
      await remember(input);
    } catch (err) {
      // a lost reference only costs a later fallback; the person's turn goes on
      services.logger.warn({ err: { name: (err as Error).name } }, 'conversation capture failed');
    }
  };
  const wrapped = async (input: TurnInput): Promise<TurnResult> => {
    await rememberSafely(input);
    return handle(input);
  };
  return Object.assign(wrapped, { remember: rememberSafely });
}
