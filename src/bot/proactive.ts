import { ActivityTypes, type Activity, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Messenger, PersonAddress, Posted } from '../flows/handling/ports.js';
import type { CardJson, Reply } from '../flows/types.js';
import { RetryableError, toJobError } from '../shared/jobs.js';
import { parseRetryAfter, statusOf } from '../shared/http.js';
import type { ConversationRef } from '../store/schemas.js';
import { cardAttachment, replyActivity } from './app.js';

/** The part of botbuilder's ConnectorClient used here (the adapter keeps one in turnState). */
interface Connector {
  conversations: { sendToConversation(conversationId: string, activity: Activity): Promise<{ id?: string }> };
}

/**
 * botbuilder's connector client retries a failed request itself (core-rest-pipeline's Retry phase:
 * 5xx, network errors, and 429 after its Retry-After). For a new message that hides the one case
 * that duplicates it: Teams accepted the post and answered 5xx or not at all, and the inner retry
 * posts it again, unseen. Without it every failure reaches the job, whose retry knows the previous
 * attempt may have been delivered and says so (jobs/handlers/context.ts), and whose backoff
 * honours Retry-After without holding a worker while it waits. Updates keep their inner retries: a PUT is idempotent.
 */
function withoutInnerRetries(client: unknown): void {
  const inner: unknown = typeof client === 'object' && client !== null && 'client' in client ? client.client : undefined;
  const pipeline: unknown = typeof inner === 'object' && inner !== null && 'pipeline' in inner ? inner.pipeline : undefined;
  if (typeof pipeline === 'object' && pipeline !== null && 'removePolicy' in pipeline && typeof pipeline.removePolicy === 'function') {
    pipeline.removePolicy({ phase: 'Retry' });
  }
}

/** The audience of the Bot Framework channel service: the token scope for a proactive call. */
const CHANNEL_AUDIENCE = 'https://api.botframework.com';

export function toReference(ref: ConversationRef): Partial<ConversationReference> {
  const tenantId = ref.conversation.tenantId ?? ref.tenantId;
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    conversation: {
      id: ref.conversation.id,
      isGroup: ref.conversation.isGroup ?? false,
      conversationType: ref.conversation.conversationType ?? '',
      name: '',
      ...(tenantId ? { tenantId } : {}),
    },
    ...(ref.bot ? { bot: { id: ref.bot.id, name: ref.bot.name ?? '' } } : {}),
  };
}

function retryAfterOf(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?: (n: string) => string | undefined } } }).response?.headers;
  return parseRetryAfter(typeof headers?.get === 'function' ? headers.get('retry-after') : undefined);
}

/**
 * Teams' answers as the worker understands them: throttling and server errors are retried
 * (honouring Retry-After), a refusal or a vanished conversation is parked, never retried forever.
 */
export function teamsJobError(err: unknown): Error {
  const status = statusOf(err);
  if (status === undefined) return toJobError('teams-unreachable', { retryable: true, cause: err });
  const throttled = status === 429 || status >= 500;
  return toJobError(`teams-${status}`, {
    retryable: status !== 401 && status !== 403 && status !== 404,
    retryAfterMs: throttled ? retryAfterOf(err) : undefined,
    cause: err,
  });
}

/** The only place that talks to Teams outside a user's turn. */
export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  async post(ref: ConversationRef, reply: Reply): Promise<Posted> {
    const id = await this.inConversation(ref, (ctx) => this.sendNew(ctx, ref.conversation.id, reply));
    if (!id) throw new RetryableError('teams-no-activity-id');
    return { conversationRef: ref, activityId: id };
  }

  async sendToPerson(person: PersonAddress, via: ConversationRef, reply: Reply): Promise<Posted> {
    if (person.ref) return this.post(person.ref, reply);
    const tenantId = via.conversation.tenantId ?? via.tenantId;
    let posted: Posted | undefined;
    const failure = new Failure();
    try {
      await this.adapter.createConversationAsync(
        this.botAppId,
        via.channelId,
        via.serviceUrl,
        this.botAppId ? CHANNEL_AUDIENCE : '',
        {
          isGroup: false,
          bot: { id: via.bot?.id ?? this.botAppId, name: via.bot?.name ?? '' },
          // The Teams user id when we know it; Teams also accepts a tenant member's Entra object id
          members: [{ id: person.teamsUserId ?? person.aadObjectId, name: '' }],
          channelData: tenantId ? { tenant: { id: tenantId } } : {},
          ...(tenantId ? { tenantId } : {}),
        },
        caught(async (ctx) => {
          const conv = ctx.activity.conversation;
          const sentId = await this.sendNew(ctx, conv.id, reply);
          if (sentId) {
            posted = {
              activityId: sentId,
              conversationRef: {
                channelId: via.channelId,
                serviceUrl: via.serviceUrl,
                conversation: { id: conv.id, conversationType: 'personal', ...(tenantId ? { tenantId } : {}) },
                ...(via.bot ? { bot: via.bot } : {}),
                ...(tenantId ? { tenantId } : {}),
              },
            };
          }
        }, failure),
      );
      failure.rethrow();
    } catch (err) {
      throw teamsJobError(err);
    }
    if (!posted) throw new RetryableError('teams-no-activity-id');
    return posted;
  }

  async update(posted: Posted, card: CardJson): Promise<void> {
    await this.inConversation(posted.conversationRef, async (ctx) => {
      await ctx.updateActivity({ id: posted.activityId, type: ActivityTypes.Message, attachments: [cardAttachment(card)] });
    });
  }

  /**
   * Sends as a new activity, not as a reply: TurnContext.sendActivity would make it a reply to
   * the synthetic continuation activity, which in a channel is not a new thread.
   */
  private async sendNew(ctx: TurnContext, conversationId: string, reply: Reply): Promise<string | undefined> {
    const client = ctx.turnState.get<Connector | undefined>(this.adapter.ConnectorClientKey);
    if (!client) throw new RetryableError('teams-no-connector');
    withoutInnerRetries(client);
    const activity = { ...replyActivity(reply), from: ctx.activity.recipient, conversation: ctx.activity.conversation } as Activity;
    return (await client.conversations.sendToConversation(conversationId, activity)).id;
  }

  private async inConversation<T>(ref: ConversationRef, logic: (ctx: TurnContext) => Promise<T>): Promise<T | undefined> {
    let result: T | undefined;
    const failure = new Failure();
    try {
      await this.adapter.continueConversationAsync(this.botAppId, toReference(ref), caught(async (ctx) => {
        result = await logic(ctx);
      }, failure));
      failure.rethrow();
    } catch (err) {
      throw teamsJobError(err);
    }
    return result;
  }
}

/**
 * A failure inside a proactive turn, kept for the caller. teams-ai sets the adapter's
 * onTurnError (src/bot/app.ts), and the adapter hands every error of a turn to it, proactive
 * turns too: without this a refused post or update would be logged as a failed turn and the
 * job would count as done, so it would never be retried.
 */
class Failure {
  private error: { value: unknown } | undefined;
  set(value: unknown): void {
    this.error = { value };
  }
  rethrow(): void {
    if (this.error) throw this.error.value;
  }
}

function caught(logic: (ctx: TurnContext) => Promise<void>, failure: Failure): (ctx: TurnContext) => Promise<void> {
  return async (ctx) => {
    try {
      await logic(ctx);
    } catch (err) {
      failure.set(err);
    }
  };
}
