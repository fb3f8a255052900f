import assert from 'node:assert/strict';
import { botEntry, ensureBuilt } from '../../scripts/build-if-stale.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { settledRssMb } from '../support/process-memory.js';
import { startBotProcess, type BotProcess } from './process.js';

/** The limit of issue 13: the bot as `npm start` runs it, measured on its own process. */
const LIMIT_MB = 200;

describe('the bot process memory', function () {
  // a stale local build is transpiled first, and a busy machine starts the bot slowly
  this.timeout(180_000);
  let az: AzuriteHandle;
  let bot: BotProcess | undefined;
  before(async () => {
    az = await startAzurite();
    await ensureBuilt();
  });
  after(async () => {
    bot?.child.kill('SIGTERM');
    await bot?.exited;
    await az.stop();
  });

  it(`settles under ${LIMIT_MB} MB RSS after start, run as npm start runs it`, async () => {
    bot = await startBotProcess(botEntry('build'), { STORAGE_CONNECTION_STRING: az.connectionString }, 120_000);
    // the lowest reading over 5 s: start-up garbage V8 has not collected yet is not what it keeps
    const rss = await settledRssMb(bot.child.pid!);
    assert.ok(rss < LIMIT_MB, `RSS ${rss.toFixed(1)} MB`);
  });
});
