import type { Server } from 'node:http';
import { loadConfig, ConfigError, type Config } from './config.js';
import { createLogger, loggableError, type Logger } from './logger.js';
import { initializeOrWait, type Running } from './not-configured.js';
import { startTelemetry, type Telemetry } from './telemetry.js';

/** How long a turn in flight may take to finish after SIGTERM (App Service waits 30 s before it kills). */
const DRAIN_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

function listen(server: Server, config: Config, logger: Logger): void {
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      process.stderr.write(`Poort ${config.port} is al in gebruik. Stop het andere proces of zet PORT.\n`);
      process.exit(3);
    }
    throw err;
  });
  // Without an app id the bot trusts the sender fields, so only this machine may reach it. IPv4
  // loopback: every `localhost` includes it, and a client that tries ::1 first (Node 20, browsers)
  // falls back to it.
  const host = config.bot.auth === 'anonymous' ? '127.0.0.1' : undefined;
  server.listen(config.port, host, () => {
    logger.info({ port: config.port, host: host ?? 'all', auth: config.bot.auth, profile: config.profileId }, 'listening');
  });
}

/**
 * Stop taking requests, let the turns in flight finish, then stop the queue worker (it
 * finishes the job in hand) and flush telemetry. Idle keep-alive connections (the
 * Playground keeps some open) are closed at once, so they do not hold server.close() up.
 */
async function shutdown(weerbaar: Running, telemetry: Telemetry | undefined, logger: Logger): Promise<void> {
  const { server, inFlight } = weerbaar.server;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = Date.now() + DRAIN_MS;
  while (inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (inFlight() > 0) logger.warn({ inFlight: inFlight() }, 'turns still running at the deadline');
  server.closeAllConnections();
  await closed;
  await weerbaar.stop();
  await telemetry?.shutdown();
}

/** Process entry: read config, build, listen, shut down cleanly. */
async function main(): Promise<void> {
  const config = readConfig();
  // before anything else, so the first requests are counted too
  const telemetry = startTelemetry(config.appInsightsConnectionString);
  const logger = createLogger(config.logLevel);
  let weerbaar: Running;
  try {
    // a missing or invalid people file does not stop it: it starts not configured and waits for the file
    weerbaar = await initializeOrWait(config, logger);
  } catch (err) {
    // one readable line, no stack: a wrong setting or unreachable storage is the administrator's to fix
    const message = err instanceof ConfigError ? err.message : `Weerbaar kan niet starten: ${(err as Error).name}: ${(err as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  listen(weerbaar.server.server, config, logger);
  await weerbaar.start();

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // a second Ctrl-C means: now
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, telemetry: telemetry !== undefined }, 'stopping');
    shutdown(weerbaar, telemetry, logger).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: loggableError(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

void main();
