import { ActivityTypes, type TurnContext, type Activity, type Attachment } from 'botbuilder';
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import { loggableError, type Logger } from '../logger.js';
import { nl } from '../shared/i18n/nl.js';
import type { CardJson, Reply, TurnInput, TurnResult } from '../flows/types.js';
import { FETCH_TASK, SUBMIT_ACTION } from './message-action.js';
import { toTurnInput } from './translate.js';

/** The one flow entry point the bot calls for every turn it understands. */
export type TurnHandler = (input: TurnInput) => Promise<TurnResult>;

const CARD = 'application/vnd.microsoft.card.adaptive';

export function cardAttachment(card: CardJson): Attachment {
  return { contentType: CARD, content: card };
}

export function replyActivity(r: Reply): Partial<Activity> {
  return r.type === 'card'
    ? { type: ActivityTypes.Message, attachments: [cardAttachment(r.card)] }
    : { type: ActivityTypes.Message, text: r.text, textFormat: 'plain' };
}

/**
 * teams-ai Application with one route per activity kind. Routing by verb happens in
 * src/flows/router.ts (a table), so an unknown verb gets a clear Dutch card, not HTTP 501.
 */
export function createApplication(
  adapter: TeamsAdapter,
  botAppId: string,
  handle: TurnHandler,
  logger: Logger,
  clock: () => Date = () => new Date(),
): Application<TurnState> {
  const app = new Application<TurnState>({ adapter, botAppId, removeRecipientMention: false, startTypingTimer: false });

  const run = async (context: TurnContext): Promise<TurnResult | undefined> => {
    const input = toTurnInput(context.activity, TurnContextRef(context), clock());
    if (!input) return undefined;
    return handle(input);
  };

  app.addRoute(
    async (ctx) => ctx.activity.type === ActivityTypes.Invoke && ctx.activity.name === 'adaptiveCard/action',
    async (ctx) => {
      const started = Date.now();
      const result = await run(ctx);
      const card = result?.card;
      await ctx.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: card
            ? { statusCode: 200, type: CARD, value: card }
            : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' },
        },
      });
      for (const r of result?.replies ?? []) await ctx.sendActivity(replyActivity(r));
      logger.info({ kind: 'invoke', ms: Date.now() - started }, 'turn');
    },
    true,
  );

  // A message action and the submit of its dialog: answered with a dialog only. The message may sit
  // in a chat the bot is not in, so nothing is sent into this conversation; the melding goes on in
  // the person's 1:1 chat.
  app.addRoute(
    async (ctx) => ctx.activity.type === ActivityTypes.Invoke && (ctx.activity.name === FETCH_TASK || ctx.activity.name === SUBMIT_ACTION),
    async (ctx) => {
      const started = Date.now();
      const result = await run(ctx);
      const card = result?.dialog?.card ?? result?.card;
      const title = result?.dialog?.title ?? '';
      await ctx.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: { task: card ? { type: 'continue', value: { title, height: 'small', width: 'medium', card: cardAttachment(card) } } : { type: 'message', value: nl.errors.generic } },
        },
      });
      logger.info({ kind: ctx.activity.name === SUBMIT_ACTION ? 'messageActionSubmit' : 'messageAction', ms: Date.now() - started }, 'turn');
    },
    true,
  );

  // Which installation and membership events matter is decided in translate.ts; the rest get no reply.
  app.addRoute(
    async (ctx) =>
      ctx.activity.type === ActivityTypes.Message ||
      ctx.activity.type === ActivityTypes.InstallationUpdate ||
      ctx.activity.type === ActivityTypes.ConversationUpdate,
    async (ctx) => {
      const started = Date.now();
      const result = await run(ctx);
      const replies = [...(result?.card ? [{ type: 'card', card: result.card } as const] : []), ...(result?.replies ?? [])];
      for (const r of replies) await ctx.sendActivity(replyActivity(r));
      logger.info({ kind: ctx.activity.type, ms: Date.now() - started }, 'turn');
    },
  );

  // teams-ai puts this in place of adapter.onTurnError. The router already answers a failing
  // handler with a Dutch card; what reaches here is a reply Teams would not take (the connector
  // unreachable). The activity itself was received and handled, so it is logged once and the
  // request ends as received, not as a 500 that says the bot is broken.
  app.error(async (ctx, err) => {
    logger.error({ err: loggableError(err), activityType: ctx.activity.type }, 'turn failed');
  });
  return app;
}

function TurnContextRef(ctx: TurnContext) {
  return {
    serviceUrl: ctx.activity.serviceUrl,
    channelId: ctx.activity.channelId,
    conversation: ctx.activity.conversation,
    bot: ctx.activity.recipient,
    user: ctx.activity.from,
  };
}
