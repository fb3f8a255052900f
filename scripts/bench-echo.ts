import type { AddressInfo } from 'node:net';
// the same files of teams-ai as src/bot/app.ts loads, not its index with the AI half
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import type { Config } from '../src/config.js';
import { createAdapter } from '../src/bot/adapter.js';
import { authenticator } from '../src/bot/authenticate.js';
import { createBotServer } from '../src/bot/server.js';
import type { Logger } from '../src/logger.js';
import type { TeamsClient, TeamsUser } from '../test/support/http-teams.js';
import { pool } from './bench-stats.js';

/**
 * The yardstick of the bench: a bare teams-ai Application on the same adapter factory and the
 * same HTTP server code as the bot, with no storage and no flows. An `echo` Action.Execute
 * answers a one-line card; a message is echoed back through the connector.
 */
export async function startEchoBot(config: Config, logger: Logger, port = 0): Promise<{ url: string; stop(): Promise<void> }> {
  const adapter = createAdapter(config);
  const app = new Application<TurnState>({ adapter, botAppId: '', startTypingTimer: false, removeRecipientMention: false });
  app.adaptiveCards.actionExecute<{ text?: unknown }>('echo', async (_ctx, _state, data) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: String(data.text ?? ''), wrap: true }],
  }));
  app.message(/.*/, async (ctx) => {
    await ctx.sendActivity(ctx.activity.text ?? '');
  });
  const { server } = createBotServer({
    logger,
    // The yardstick sends every echo turn as one user: the per-sender limit would measure the limiter.
    rateLimitPerMinute: Number.MAX_SAFE_INTEGER,
    authenticate: authenticator(adapter, (ctx) => app.run(ctx).then(() => undefined)),
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `total` echo turns at `concurrency`: each answer must be 200. */
export async function echoRun(
  client: TeamsClient,
  kind: 'invoke' | 'message',
  total: number,
  concurrency: number,
): Promise<{ turns: number[]; wallMs: number; failures: string[] }> {
  const turns: number[] = [];
  const failures: string[] = [];
  const user: TeamsUser = { id: '29:echo', name: 'Echo', aadObjectId: '00000000-0000-4000-8000-ec0000000000' };
  const wallMs = await pool(total, concurrency, async (i) => {
    const started = process.hrtime.bigint();
    const res = kind === 'invoke' ? await client.invoke(user, 'echo', { text: `echo ${i}` }) : await client.message(user, `echo ${i}`);
    turns.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (res.status !== 200) failures.push(`echo ${kind} ${i}: HTTP ${res.status}`);
  });
  return { turns, wallMs, failures };
}
