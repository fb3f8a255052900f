import { createServer } from 'node:http';
import { createAdapter, botAppId } from './bot/adapter.js';
import { createApplication } from './bot/app.js';
import { authenticator } from './bot/authenticate.js';
import { createBotServer, type BotServerOptions } from './bot/server.js';
import { organisationConfigs, type Config } from './config.js';
import { messageCard } from './flows/common.js';
import { reply, type TurnInput, type TurnResult } from './flows/types.js';
import { fmt, nl } from './shared/i18n/nl.js';
import { initialize, loadProfile, type Weerbaar } from './initialize.js';
import { loggableError, type Logger } from './logger.js';
import { pageRoutes } from './pages/index.js';
import { PeopleFileError } from './people/directory.js';

/** What index.ts listens on, starts and stops: the full bot, or the stand-in that becomes it. */
export type Running = Pick<Weerbaar, 'server' | 'start' | 'stop'>;

/** How often a bot without a usable people file looks again. */
export const RECHECK_MS = 30_000;

/**
 * The full bot, or, while the people file is missing or invalid, a stand-in. Without the file
 * the bot cannot tell a raadslid from a griffier, so it runs no flow and stores nothing; but
 * exiting would make App Service restart it in a loop until someone uploads the file. So it
 * answers every turn with one Dutch message, serves the privacy and terms pages, says
 * `not-configured` on /healthz (with 200: see Health in src/bot/server.ts) and looks for the
 * file every RECHECK_MS. An invalid file waits the same way: a restart would not fix it, an
 * upload will. Any other start failure still throws.
 */
export async function initializeOrWait(config: Config, logger: Logger, recheckMs = RECHECK_MS): Promise<Running> {
  try {
    return await initialize(config, logger);
  } catch (err) {
    if (!(err instanceof PeopleFileError)) throw err;
    return waitForPeople(config, logger, err, recheckMs);
  }
}

function notConfiguredTurn(input: TurnInput): Promise<TurnResult> {
  const message = nl.nietIngericht.bericht;
  return Promise.resolve(
    input.event.kind === 'action'
      ? { card: messageCard(message, { style: 'warning', home: false }), replies: [] }
      : { replies: [reply.text(message)] },
  );
}

function notConfiguredBot(config: Config, logger: Logger): BotServerOptions['authenticate'] {
  const adapter = createAdapter(config);
  const app = createApplication(adapter, botAppId(config), notConfiguredTurn, logger);
  return authenticator(adapter, (ctx) => app.run(ctx).then(() => undefined));
}

/** The pages speak for the (first) organisation, as the running bot's do. */
const pagesOf = (config: Config): Config => organisationConfigs(config)[0] ?? config;

function waitForPeople(config: Config, logger: Logger, first: PeopleFileError, recheckMs: number): Running {
  let problem = first.problem;
  let reported = '';
  // once per distinct reason: a corrected file with another mistake is told, an unchanged one not every 30 s
  const report = (err: PeopleFileError): void => {
    problem = err.problem;
    if (err.message === reported) return;
    reported = err.message;
    logger.warn({ reason: 'people-file', problem: err.problem }, `${err.message}. ${fmt(nl.nietIngericht.wacht, { seconden: recheckMs / 1000 })}`);
  };
  report(first);

  const standIn = createBotServer({
    logger,
    loopbackOnly: config.bot.auth === 'anonymous',
    routes: pageRoutes(pagesOf(config), loadProfile(pagesOf(config))),
    health: () => ({ status: 'not-configured', reason: 'people-file', problem }),
    authenticate: notConfiguredBot(config, logger),
  });
  let full: Weerbaar | undefined;
  // One listening socket for the life of the process: each request goes to the stand-in's handler
  // until the full bot is running, then to the full bot's. No moment without a listener.
  const front = createServer((req, res) => (full ? full.server.server : standIn.server).emit('request', req, res));

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;
  const check = async (): Promise<void> => {
    try {
      const built = await initialize(config, logger);
      await built.start();
      if (stopped) {
        await built.stop();
        return;
      }
      full = built;
      clearInterval(timer);
      logger.info({ reason: 'people-file' }, 'configured');
    } catch (err) {
      if (!(err instanceof PeopleFileError)) {
        logger.error({ err: loggableError(err) }, 'start after the people file failed; trying again');
        return;
      }
      report(err);
    }
  };

  return {
    server: { server: front, inFlight: () => standIn.inFlight() + (full?.server.inFlight() ?? 0) },
    start() {
      timer = setInterval(() => {
        // a slow start (storage) is not started twice
        checking ??= check().finally(() => (checking = undefined));
      }, recheckMs);
      // the listening socket keeps the process alive, not this timer
      timer.unref();
      return Promise.resolve();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await checking;
      await full?.stop();
    },
  };
}
