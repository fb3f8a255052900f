import { loadConfig, ConfigError } from './config.js';
import { initialize } from './initialize.js';
import { createLogger } from './logger.js';

/** Process entry: read config, build, listen, shut down cleanly. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const weerbaar = await initialize(config, logger);
  const { server } = weerbaar.server;
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      process.stderr.write(`Poort ${config.port} is al in gebruik. Stop het andere proces of zet PORT.\n`);
      process.exit(3);
    }
    throw err;
  });
  server.listen(config.port, () => {
    logger.info({ port: config.port, auth: config.bot.auth, profile: config.profileId }, 'listening');
  });
  await weerbaar.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    server.close();
    const deadline = Date.now() + 10_000;
    const wait = setInterval(() => {
      if (weerbaar.server.inFlight() === 0 || Date.now() > deadline) {
        clearInterval(wait);
        void weerbaar.stop().finally(() => process.exit(0));
      }
    }, 50);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
