/**
 * `npm run memory`: the bot's memory as its own process, as `npm start` and App Service run it.
 *   npm run memory -- --melders 200 --concurrency 50 [--entry tsx] [--node-flags '--max-semi-space-size=4'] [--heap-snapshots /tmp/heap]
 * Starts Azurite and a fake Bot Connector in this process and the bot as a child (the built
 * dist/index.js, or src/index.ts through tsx), reads the child's RSS when it has settled after
 * start, runs the whole melding over HTTP for the melders, waits until their channel posts are
 * done, and reads it again. Exits 1 when a reading is over the limit (200 MB) or a melding failed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { startAzurite } from '../test/support/azurite.js';
import { clicker, playMelding } from '../test/support/http-melding.js';
import { FakeConnector, TeamsClient, type TeamsUser } from '../test/support/http-teams.js';
import { STEP_ANSWERS } from '../test/support/melding.js';
import { cpuMs, settledRssMb } from '../test/support/process-memory.js';
import { freePort } from '../test/bot/process.js';
import { BOT_NODE_FLAGS, botEntry, ensureBuilt } from './build-if-stale.js';

const LIMIT_MB = 200;
const { values } = parseArgs({
  options: {
    melders: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '50' },
    entry: { type: 'string', default: 'build' },
    /** node flags instead of BOT_NODE_FLAGS ('' for none), to see what they change */
    'node-flags': { type: 'string' },
    'heap-snapshots': { type: 'string' },
  },
});
const MELDERS = Number(values.melders);
const CONCURRENCY = Number(values.concurrency);
const ENTRY = values.entry === 'tsx' ? 'tsx' : 'build';
const SNAPSHOTS = values['heap-snapshots'];
const FLAGS = [
  ...(values['node-flags'] === undefined ? BOT_NODE_FLAGS : values['node-flags'].split(' ').filter(Boolean)),
  ...(SNAPSHOTS === undefined ? [] : ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${SNAPSHOTS}`]),
];

/** Has the bot write a heap snapshot into SNAPSHOTS and waits until the file is whole; renames it `<name>-<file>`. */
async function heapSnapshot(pid: number, name: string): Promise<void> {
  if (SNAPSHOTS === undefined) return;
  mkdirSync(SNAPSHOTS, { recursive: true });
  const before = new Set(readdirSync(SNAPSHOTS));
  process.kill(pid, 'SIGUSR2');
  const until = Date.now() + 120_000;
  let last = -1;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1000));
    const file = readdirSync(SNAPSHOTS).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (file === undefined) continue;
    const size = statSync(join(SNAPSHOTS, file)).size;
    if (size > 0 && size === last) {
      renameSync(join(SNAPSHOTS, file), join(SNAPSHOTS, `${name}-${file}`));
      console.info(`  heap snapshot: ${join(SNAPSHOTS, `${name}-${file}`)}`);
      return;
    }
    last = size;
  }
  throw new Error('de heap snapshot werd niet binnen 2 minuten geschreven');
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('de bot antwoordde niet op /healthz');
}

/** Waits until the connector has received nothing new for `quietMs` (the queue has done its work). */
async function quiet(connector: FakeConnector, quietMs: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let seen = -1;
  let since = Date.now();
  while (Date.now() < until) {
    if (connector.activities.length !== seen) {
      seen = connector.activities.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  if (ENTRY === 'build') await ensureBuilt();
  const az = await startAzurite();
  const connector = await FakeConnector.start();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child = spawn(process.execPath, botEntry(ENTRY, FLAGS), {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', STORAGE_CONNECTION_STRING: az.connectionString, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const failures: string[] = [];
  try {
    await waitForHealth(url, 60_000);
    const readyMs = Date.now() - started;
    const idle = await settledRssMb(child.pid!);
    await heapSnapshot(child.pid!, 'idle');

    const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
    const answers = { ...STEP_ANSWERS, wie: { namens: 'nee', rol: 'raadslid' } };
    let next = 0;
    const melder = async (i: number): Promise<void> => {
      // its own loopback address: the bot limits requests per source address
      const c = new TeamsClient({ botUrl: url, serviceUrl: connector.serviceUrl, agent, localAddress: `127.0.${Math.floor(i / 250) + 1}.${(i % 250) + 1}` });
      const user: TeamsUser = { id: `29:memory-${i}`, name: `Melder ${i}`, aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` };
      try {
        await c.message(user, 'hallo');
        await playMelding(clicker(c, user), answers);
      } catch (err) {
        failures.push(`melder ${i}: ${(err as Error).message.split('\n')[0]}`);
      }
    };
    const runStarted = Date.now();
    const cpuBefore = cpuMs(child.pid!);
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, MELDERS) }, async () => {
      while (next < MELDERS) await melder(next++);
    }));
    const runMs = Date.now() - runStarted;
    const cpuPerMelding = (cpuMs(child.pid!) - cpuBefore) / MELDERS;
    await quiet(connector, 3_000, 120_000);
    const after = await settledRssMb(child.pid!);
    agent.destroy();
    await heapSnapshot(child.pid!, 'after');

    const how = `${ENTRY === 'build' ? 'node .local/bot/index.js' : 'tsx src/index.ts'}${FLAGS.length > 0 ? `, node ${FLAGS.join(' ')}` : ''}`;
    console.info(`\nWeerbaar geheugen (${how}), Node ${process.version}`);
    console.info(`  gestart (/healthz 200) na  ${readyMs} ms`);
    console.info(`  RSS in rust na start       ${idle.toFixed(1)} MB`);
    console.info(`  RSS na ${MELDERS} melders (${CONCURRENCY} tegelijk, ${(runMs / 1000).toFixed(1)} s, ${connector.activities.length} berichten naar Teams): ${after.toFixed(1)} MB`);
    console.info(`  CPU-tijd van de bot per melding (tot de bevestiging): ${cpuPerMelding.toFixed(0)} ms`);
    console.info(`  grens ${LIMIT_MB} MB`);
    // writing a snapshot grows the heap and the RSS: the reading after it is no verdict
    if (SNAPSHOTS !== undefined) console.info('  let op: de heap snapshot in rust maakte de bot groter; de meting erna is niet te vergelijken');
    else if (idle > LIMIT_MB || after > LIMIT_MB) failures.push(`RSS boven ${LIMIT_MB} MB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await connector.stop();
    await az.stop();
  }
  for (const f of failures.slice(0, 20)) console.error(`FOUT ${f}`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
