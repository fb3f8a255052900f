/**
 * The echo bot of the bench as a process of its own (PORT from the environment), so the
 * yardstick runs as the bot does: one process, its clients elsewhere.
 */
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startEchoBot } from './bench-echo.js';

await startEchoBot(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent'), Number(process.env['PORT'] ?? 0));
process.on('SIGTERM', () => process.exit(0));
