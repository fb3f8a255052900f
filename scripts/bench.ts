/**
 * `npm run bench`: the full melding over HTTP for many concurrent melders against Azurite,
 * beside a bare teams-ai echo turn through the same adapter and HTTP server code, in one run.
 *   npm run bench -- --melders 100 --concurrency 20 --echo 2000
 * Everything runs in this process on loopback (Azurite, the bot, the echo bot, the fake
 * connector, the clients), so the figures include the client's and Azurite's own CPU time.
 */
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startAzurite } from '../test/support/azurite.js';
import { clicker, playMelding } from '../test/support/http-melding.js';
import { FakeConnector, startHttpBot, TeamsClient, type TeamsUser } from '../test/support/http-teams.js';
import { STEP_ANSWERS } from '../test/support/melding.js';
import { startEchoBot } from './bench-echo.js';
import { formatTable, summarize, type Row } from './bench-stats.js';

const { values } = parseArgs({
  options: {
    melders: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '20' },
    echo: { type: 'string', default: '2000' },
  },
});
const intArg = (name: string, raw: string | undefined, max: number): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} moet een geheel getal zijn van 1 tot ${max}`);
  return n;
};
const MELDERS = intArg('melders', values.melders, 5000);
const CONCURRENCY = intArg('concurrency', values.concurrency, 500);
const ECHO_TURNS = intArg('echo', values.echo, 100_000);
/** The bot limits requests per source address (600 a minute): each simulated client gets its own loopback address. */
const PER_ADDRESS = 400;

setTimeout(() => {
  console.error('bench: langer dan 10 minuten bezig, gestopt');
  process.exit(2);
}, 600_000).unref();

let addressSeq = 0;
const nextAddress = (): string => {
  const i = addressSeq++;
  return `127.${Math.floor(i / 62_500) % 250 + 1}.${Math.floor(i / 250) % 250 + 1}.${(i % 250) + 1}`;
};

/** Runs `work(0..total-1)` with at most `concurrency` at a time; returns the wall time in ms. */
async function pool(total: number, concurrency: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < total) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const elapsed = async (f: () => Promise<unknown>): Promise<number> => {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

async function main(): Promise<void> {
  const az = await startAzurite();
  const connector = await FakeConnector.start();
  const bot = await startHttpBot(az.connectionString);
  const echo = await startEchoBot(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent'));
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const client = (url: string) => new TeamsClient({ botUrl: url, serviceUrl: connector.serviceUrl, agent, localAddress: nextAddress() });
  const failures: string[] = [];
  let melderSeq = 0;
  const answers = { ...STEP_ANSWERS, wie: { namens: 'nee', rol: 'raadslid' } };

  /** One melder, unknown to the people directory: "hallo", then the whole melding. */
  const melder = async (turns: number[], byVerb: Map<string, number[]>): Promise<void> => {
    const i = ++melderSeq;
    const user: TeamsUser = { id: `29:bench-${i}`, name: `Melder ${i}`, aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` };
    const c = client(bot.url);
    const record = (verb: string, ms: number) => {
      turns.push(ms);
      const list = byVerb.get(verb) ?? [];
      list.push(ms);
      byVerb.set(verb, list);
    };
    try {
      let status = 0;
      record('hallo (bericht)', await elapsed(async () => (status = (await c.message(user, 'hallo')).status)));
      if (status !== 200) throw new Error(`hallo: HTTP ${status}`);
      await playMelding(clicker(c, user, record), answers);
    } catch (err) {
      failures.push(`melder ${i}: ${(err as Error).message.split('\n')[0]}`);
    }
  };

  const echoRun = async (kind: 'invoke' | 'message', total: number, concurrency: number): Promise<{ turns: number[]; wallMs: number }> => {
    const turns: number[] = [];
    const clients = Array.from({ length: Math.ceil(total / PER_ADDRESS) }, () => client(echo.url));
    const user: TeamsUser = { id: '29:echo', name: 'Echo', aadObjectId: '00000000-0000-4000-8000-ec0000000000' };
    const wallMs = await pool(total, concurrency, async (i) => {
      const c = clients[Math.floor(i / PER_ADDRESS)]!;
      let status = 0;
      turns.push(await elapsed(async () => {
        status = kind === 'invoke' ? (await c.invoke(user, 'echo', { text: `echo ${i}` })).status : (await c.message(user, `echo ${i}`)).status;
      }));
      if (status !== 200) failures.push(`echo ${kind} ${i}: HTTP ${status}`);
    });
    return { turns, wallMs };
  };

  const meldingRun = async (melders: number, concurrency: number) => {
    const turns: number[] = [];
    const byVerb = new Map<string, number[]>();
    const wallMs = await pool(melders, concurrency, () => melder(turns, byVerb));
    return { turns, wallMs, byVerb };
  };

  // Warm-up: JIT, connections, Azurite tables; not counted.
  await echoRun('invoke', 200, 4);
  await echoRun('message', 50, 1);
  await meldingRun(Math.min(5, MELDERS), 5);
  connector.clear();

  const sequentialMelders = Math.min(MELDERS, 10);
  const e1 = await echoRun('invoke', ECHO_TURNS, 1);
  const eC = await echoRun('invoke', ECHO_TURNS, CONCURRENCY);
  const eMsg = await echoRun('message', Math.min(ECHO_TURNS, 1000), 1);
  const m1 = await meldingRun(sequentialMelders, 1);
  const mC = await meldingRun(MELDERS, CONCURRENCY);

  const rows: Row[] = [
    summarize('echo invoke (kale teams-ai)', 1, e1.turns, e1.wallMs),
    summarize('echo invoke (kale teams-ai)', CONCURRENCY, eC.turns, eC.wallMs),
    summarize('echo bericht (antwoord via connector)', 1, eMsg.turns, eMsg.wallMs),
    summarize(`melding, ${sequentialMelders} melders na elkaar`, 1, m1.turns, m1.wallMs),
    summarize(`melding, ${MELDERS} melders`, CONCURRENCY, mC.turns, mC.wallMs),
  ];
  console.info(`\nWeerbaar bench: ${MELDERS} melders, gelijktijdig ${CONCURRENCY}, ${ECHO_TURNS} echo-beurten; Node ${process.version}\n`);
  console.info(formatTable(rows));
  const ratio = (m: Row, e: Row) =>
    `mediaan ×${(m.median / e.median).toFixed(1)}, p99 ×${(m.p99 / e.p99).toFixed(1)}, beurten/s ×${(m.perSecond / e.perSecond).toFixed(2)}`;
  console.info(`\nverhouding melding / echo invoke, na elkaar:   ${ratio(rows[3]!, rows[0]!)}`);
  console.info(`verhouding melding / echo invoke, gelijktijdig ${CONCURRENCY}: ${ratio(rows[4]!, rows[1]!)}`);
  console.info('\nmelding per soort beurt:');
  console.info(formatTable([
    ...[...m1.byVerb].map(([verb, t]) => summarize(verb, 1, t, 0)),
    ...[...mC.byVerb].map(([verb, t]) => summarize(verb, CONCURRENCY, t, 0)),
  ]));

  const all = await bot.weerbaar.services.store.incidents.listByOrganisation(bot.weerbaar.services.orgId);
  const numbers = new Set(all.map((x) => x.value.number));
  const expected = melderSeq;
  console.info(`\nopgeslagen meldingen: ${all.length} (verwacht ${expected}), unieke nummers: ${numbers.size}`);
  if (all.length !== expected || numbers.size !== expected) failures.push('aantal opgeslagen meldingen of nummers klopt niet');
  for (const f of failures.slice(0, 20)) console.error(`FOUT ${f}`);
  if (failures.length > 20) console.error(`... en nog ${failures.length - 20} fouten`);

  agent.destroy();
  await echo.stop();
  await bot.stop();
  await connector.stop();
  await az.stop();
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
