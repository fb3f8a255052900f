/**
 * `npm run bench`: the melding over HTTP against the bot as its own process (or several on one
 * storage account behind a round-robin proxy), beside a bare teams-ai echo bot, in one run:
 *   npm run bench -- --melders 200 --burst 50 --echo 2000 [--instances 2] [--graph] [--skip-start]
 * Runs: echo turns; melders one after another (the cost of a step, storage operations per turn);
 * a burst (every melder's summary ready, then all press Melden in the same instant); many
 * melders at once. Then it checks what landed: every melding stored and numbered once, numbers
 * gapless, every channel card posted once, no post twice; it exits 1 when one of those fails or
 * Melden's p99 is over 5 s, or `rapport` over a province-wide year (scripts/bench-rapport.ts)
 * takes 1 s or more. Azurite, the fake Teams connector and the clients share this process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import { freePort, ROOT } from '../test/bot/process.js';
import { startAzurite } from '../test/support/azurite.js';
import { startInstance, startInstances, type Instance } from '../test/support/bot-instances.js';
import { linkChannels } from '../test/support/connector-cards.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { TeamsClient } from '../test/support/http-teams.js';
import { benchArgs } from './bench-args.js';
import { numberProblems, readStored, settle, sideEffectProblems, storageProblems } from './bench-checks.js';
import { echoRun } from './bench-echo.js';
import { startGraphMode } from './bench-graph.js';
import { burstRun, meldingRun, writePeopleFile, type MelderEnv, type Outcome, type RunResult } from './bench-melders.js';
import type { OpsReport } from './bench-probe.js';
import { formatOps, formatSummary, formatTimes, mb, medianOps, opsByVerb, seconds, stepCost, type Verdict } from './bench-report.js';
import { BOT_NODE_FLAGS, ensureBuilt, LOCAL_BUILD, transpileBeside } from './build-if-stale.js';
import { measureNpmStart } from './bench-start.js';
import { benchRapport } from './bench-rapport.js';
import { formatTable, median, p99, summarize, type Row } from './bench-stats.js';

const args = benchArgs();
const P99_LIMIT_MS = 5000;
const RSS_LIMIT_MB = 200;
const WARM_UP = 3;
/**
 * Echo turns before each sequential melder (about as many as the melder's steps): the ratio of a
 * step to the echo compares medians taken in the same minutes, so a machine that is slower for a
 * while (other tenants, CPU frequency) slows both sides of it alike. The echo run measured apart,
 * before the melders, is printed beside it.
 */
const ECHO_BESIDE = 8;
/** a draft row's JSON besides its document: keys, organisation id, Entra object id, chunk count */
const ENTITY_FRAME_BYTES = 120;

setTimeout(() => {
  console.error('bench: langer dan 20 minuten bezig, gestopt');
  process.exit(2);
}, 1_200_000).unref();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const Quiet = z.object({ type: z.literal('bench:quiet'), ok: z.boolean() });
/** an idle worker polls the queue once a second; a busy one, or a running job, leaves no such gap */
const QUIET_GAP_MS = 700;
const QUIET_WAIT_MS = 15_000;

/** Waits until no bot has background work in hand (see the probe); false when one was still busy after QUIET_WAIT_MS. */
async function waitQuiet(bots: readonly Instance[]): Promise<boolean> {
  const answers = await Promise.all(bots.map((b) => b.ask({ type: 'bench:quiet', gapMs: QUIET_GAP_MS, timeoutMs: QUIET_WAIT_MS }, QUIET_WAIT_MS + 10_000)));
  return answers.every((a) => Quiet.parse(a).ok);
}

/** `count` bare storage writes from inside bot process `bot` (see the probe), each its ms. */
async function bareWrites(bot: Instance | undefined, count: number, bytes: number): Promise<number[]> {
  const BareWrites = z.object({ type: z.literal('bench:write'), ms: z.array(z.number()).optional(), error: z.string().optional() });
  const answer = BareWrites.parse(await bot?.ask({ type: 'bench:write', count, bytes: Math.max(1, bytes - ENTITY_FRAME_BYTES) }, 60_000));
  if (!answer.ms) throw new Error(`kale schrijfacties mislukt: ${answer.error ?? '?'}`);
  return answer.ms;
}

/** The probes' storage counts of every instance; `reset` starts the next count from zero. */
async function askOps(instances: readonly Instance[], reset: boolean): Promise<OpsReport[]> {
  return Promise.all(instances.map(async (i) => (await i.ask({ type: 'bench:ops', reset })) as OpsReport));
}

const LogLine = z.looseObject({ level: z.number(), msg: z.string().optional(), type: z.string().optional(), error: z.string().optional() });

/** The bot's log lines from level `min` to below `max`, counted by message, job type and error code (the logger writes ids and verbs only). */
function logMessages(instances: readonly Instance[], min: number, max: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of instances.flatMap((i) => i.output().split('\n'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const entry = LogLine.safeParse(parsed);
    if (!entry.success || entry.data.level < min || entry.data.level >= max) continue;
    const { msg = '?', type, error } = entry.data;
    const key = type || error ? `${msg} (${[type, error].filter(Boolean).join(': ')})` : msg;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const listed = (counts: Map<string, number>): string => [...counts].map(([msg, n]) => `${n}x ${msg}`).join('; ') || 'geen';

async function main(): Promise<number> {
  const az = await startAzurite();
  const connector = await new FakeConnector().start();
  // the echo bot's replies go elsewhere: the bot's connector holds only what the bot sent
  const echoConnector = await new FakeConnector().start();
  const graph = args.graph ? await startGraphMode(args.graphThrottle) : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'weerbaar-bench-'));
  const people = writePeopleFile(dir, WARM_UP + args.sequential + args.burst + args.melders);
  // the bot as npm start runs it (the local build, its V8 flags, no tsx), with the probe preloaded as JavaScript
  await ensureBuilt();
  const probe = await transpileBeside(join(ROOT, 'scripts/bench-probe.ts'));
  const bots = await startInstances(args.instances, {
    env: { STORAGE_CONNECTION_STRING: az.connectionString, LOG_LEVEL: 'warn', WEERBAAR_PEOPLE_FILE: people, ...(graph?.env ?? {}) },
    entry: [...(args.nodeFlags ?? BOT_NODE_FLAGS), '--import', probe, join(LOCAL_BUILD, 'index.js')],
    ipc: true,
  });
  // the same probe in the yardstick: its turns' time and CPU inside its process, beside the bot's
  const echo = await startInstance(args.instances, await freePort(), { env: {}, entry: ['--import', 'tsx', '--import', probe, join(ROOT, 'scripts/bench-echo-server.ts')], ipc: true });
  const readyMs = bots.list.map((b) => b.readyMs);
  // idle: started, nothing asked yet, the start's own work (recovery, first polls) done
  await sleep(3000);
  const idleRss = bots.list.map((b) => b.rssMb());

  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const env: MelderEnv = { botUrl: bots.url, connector, agent };
  const echoClient = new TeamsClient({ botUrl: echo.url, serviceUrl: echoConnector.url, agent });
  await linkChannels(new TeamsClient({ botUrl: bots.url, serviceUrl: connector.url, agent }), connector);

  // Warm-up: JIT, connections, tables; its meldingen are checked like all others.
  await echoRun(echoClient, 'invoke', 200, 4);
  await echoRun(echoClient, 'message', 50, 1);
  const warm = await meldingRun(env, WARM_UP, WARM_UP);
  const warmSteps = (await askOps(bots.list, true)).flatMap((r) => r.turns).filter((t) => t.label === 'melding.stap');
  const stepBytes = median(warmSteps.map((t) => t.writeBytes));

  // the warm-up's jobs (channel posts, bookings) run in the bot process on the same two cores: the
  // yardstick measured meanwhile would be slowed by them and make every ratio to it look smaller
  const quietBeforeEcho = await waitQuiet(bots.list);
  await askOps([echo], true);
  // the yardstick's profile beside the bot's: what a step does that an echo does not
  if (args.profile) await echo.ask({ type: 'bench:profile-start' });
  const e1 = await echoRun(echoClient, 'invoke', args.echo, 1);
  if (args.profile) await echo.ask({ type: 'bench:profile-stop', path: `${args.profile}.echo.cpuprofile` });
  const echoInside = opsByVerb(await askOps([echo], true)).verbs;
  // the floor of a step, measured beside the echo while the bot is otherwise idle
  const floor = await bareWrites(bots.list[0], Math.min(args.echo, 500), stepBytes);
  const eC = await echoRun(echoClient, 'invoke', args.echo, args.concurrency);
  const eMsg = await echoRun(echoClient, 'message', Math.min(args.echo, 1000), 1);
  const fatalEcho: string[] = [];
  const profile = args.profile;
  if (profile) await Promise.all(bots.list.map((b) => b.ask({ type: 'bench:profile-start' })));
  // each melder starts once the bot has finished the previous melding's jobs: what a step costs, not what it shares
  let noisy = 0;
  // the yardstick again, in the same minutes as the steps: before each melder, once the bot is quiet
  const echoBeside: number[] = [];
  const seq = await meldingRun(env, args.sequential, 1, async () => {
    if (!(await waitQuiet(bots.list))) noisy += 1;
    const beside = await echoRun(echoClient, 'invoke', ECHO_BESIDE, 1);
    echoBeside.push(...beside.turns);
    fatalEcho.push(...beside.failures);
  });
  if (profile) await Promise.all(bots.list.map((b, i) => b.ask({ type: 'bench:profile-stop', path: `${profile}.${i}.cpuprofile` })));
  const ops = opsByVerb(await askOps(bots.list, true));
  const burst = args.burst > 0 ? await burstRun(env, args.burst, Math.min(args.burst, 25)) : undefined;
  const many = args.melders > 0 ? await meldingRun(env, args.melders, args.concurrency) : undefined;

  const runs: RunResult[] = [warm, seq, ...(burst ? [burst] : []), ...(many ? [many] : [])];
  const outcomes: Outcome[] = runs.flatMap((r) => r.outcomes);
  const orgId = loadConfig({}).organisation.id;
  let stored = await readStored(az.connectionString, orgId);
  // the queue works through every melding's jobs after the runs: its time to drain is a figure too
  const settleMs = 120_000 + 1000 * outcomes.length;
  const settled = await settle(connector, stored.map((s) => s.number), settleMs);
  // read again: a melding stored first and numbered right after has its number now
  stored = await readStored(az.connectionString, orgId);
  const afterRss = bots.list.map((b) => b.rssMb());
  const graphCounts = graph?.counts();

  const fatal: string[] = [...[e1, eC, eMsg].flatMap((e) => e.failures), ...fatalEcho];
  const storeProblems = storageProblems(outcomes, stored);
  const confirmedTwice = numberProblems(outcomes.flatMap((o) => (o.number ? [o.number] : []))).filter((p) => /dubbel/.test(p));
  const numbering = [...numberProblems(stored.map((s) => s.number)), ...confirmedTwice.map((p) => `bevestigd: ${p}`)];
  const effects = [
    ...(settled !== undefined ? [] : [`niet alle kanaalkaarten geplaatst binnen ${settleMs / 1000} s`]),
    ...sideEffectProblems(connector, stored.map((s) => s.number)),
  ];
  fatal.push(...storeProblems, ...numbering, ...effects);

  const rows: Row[] = [
    summarize('echo invoke (kale teams-ai)', 1, e1.turns, e1.wallMs),
    summarize('echo invoke (kale teams-ai)', args.concurrency, eC.turns, eC.wallMs),
    summarize('echo bericht (antwoord via connector)', 1, eMsg.turns, eMsg.wallMs),
    summarize(`melding, ${args.sequential} melders na elkaar (elk als de jobs van de vorige klaar zijn)`, 1, seq.log.all, seq.wallMs),
    ...(burst ? [summarize(`burst: ${args.burst} melders drukken tegelijk op Melden`, args.burst, burst.log.verb('melding.indienen'), burst.wallMs)] : []),
    ...(many ? [summarize(`melding, ${args.melders} melders`, args.concurrency, many.log.all, many.wallMs)] : []),
  ];
  const instancesText = args.instances > 1 ? `${args.instances} bot-processen achter round-robin` : '1 bot-proces';
  console.info(`\nWeerbaar bench: ${instancesText}, ${args.sequential} na elkaar, burst ${args.burst}, ${args.melders} melders (gelijktijdig ${args.concurrency}), ${args.echo} echo-beurten${args.graph ? ', Graph-modus' : ''}; Node ${process.version}\n`);
  console.info(formatTable(rows));
  console.info('\nmelding per soort beurt:');
  console.info(formatTable([
    ...[...seq.log.byVerb].map(([verb, t]) => summarize(verb, 1, t, 0)),
    ...(many ? [...many.log.byVerb].map(([verb, t]) => summarize(verb, args.concurrency, t, 0)) : []),
  ]));

  if (!quietBeforeEcho) console.info(`\nlet op: de bot was na ${QUIET_WAIT_MS / 1000} s nog bezig met de jobs van de opwarming toen de echo-run vooraf begon`);
  if (noisy > 0) console.info(`\nlet op: ${noisy} van de ${args.sequential} melders na elkaar begonnen terwijl de bot nog bezig was (${QUIET_WAIT_MS / 1000} s gewacht)`);
  const { ratio, floorRatio, text: costText } = stepCost({
    step: seq.log.verb('melding.stap'),
    echoBeside,
    echoApart: e1.turns,
    floor,
    stepBytes,
    stepInside: ops.verbs.find((v) => v.verb === 'melding.stap'),
    echoInside,
  });
  console.info(`\n${costText}`);
  console.info(`\nopslag-operaties per beurt (HTTP-verzoeken naar de tabellen en wachtrijen, in de beurt zelf; ${args.sequential} melders na elkaar):`);
  console.info(formatOps(ops.verbs));
  console.info(`\nwaar de tijd van een beurt heen gaat (${args.sequential} melders na elkaar):`);
  console.info(formatTimes([...echoInside.map((v) => ({ ...v, verb: 'echo invoke' })), ...ops.verbs], (verb) => (verb === 'echo invoke' ? e1.turns : seq.log.verb(verb))));
  const perMelding = (n: number) => (n / Math.max(1, args.sequential)).toFixed(1);
  console.info(`buiten de beurten in dezelfde tijd (wachtrij-polls, jobs, timers): ${perMelding(ops.background.reads)} lezen + ${perMelding(ops.background.writes)} schrijven per melding`);

  if (graphCounts) {
    const n = Math.max(1, stored.length);
    console.info(`\nGraph: ${graphCounts.requests} verzoeken (${(graphCounts.requests / n).toFixed(1)} per melding): getSchedule ${graphCounts.getSchedule}, $batch ${graphCounts.batches} met ${graphCounts.inBatch} opdrachten, 429 ${graphCounts.throttled}, zonder token ${graphCounts.unauthorized}; ${graphCounts.events} afspraken, ${graphCounts.bookedTwice} dubbel geboekt, ${graphCounts.overlaps} overlappend bij dezelfde organisator`);
  }
  if (bots.proxy) console.info(`\nround-robin: verzoeken per proces ${bots.proxy.forwarded().join(' / ')}, onbereikbaar ${bots.proxy.unreachable()}`);
  console.info(`\nlogregels van de bot, fout: ${listed(logMessages(bots.list, 50, 100))}\nwaarschuwing: ${listed(logMessages(bots.list, 40, 50))}`);

  agent.destroy();
  await bots.stop();
  await echo.stop();
  await graph?.stop();
  await connector.stop();
  await echoConnector.stop();
  await az.stop();
  rmSync(dir, { recursive: true, force: true });

  const start = args.start ? await measureNpmStart() : undefined;
  const stepOps = ops.verbs.find((v) => v.verb === 'melding.stap');
  const submitOps = ops.verbs.find((v) => v.verb === 'melding.indienen');
  const confirmed = outcomes.filter((o) => o.number !== undefined).length;
  const verdicts: Verdict[] = [
    { what: 'meldingen bevestigd met nummer', value: `${confirmed} van ${outcomes.length}`, goal: 'alle', ok: confirmed === outcomes.length, fatal: true },
    { what: 'meldingen opgeslagen, elk één keer', value: `${stored.length}`, goal: `${outcomes.length}`, ok: storeProblems.length === 0, fatal: true },
    { what: 'nummers uniek en zonder gat', value: numbering.length === 0 ? 'ja' : `${numbering.length} probleem`, goal: '1..N per jaar', ok: numbering.length === 0, fatal: true },
    { what: 'na de laatste melder: alle kanaalkaarten geplaatst na', value: settled === undefined ? `> ${seconds(settleMs)}` : seconds(settled), goal: '-', ok: settled !== undefined, fatal: true },
    { what: 'kanaalkaarten en berichten precies één keer', value: effects.length === 0 ? 'ja' : `${effects.length} probleem`, goal: 'ja', ok: effects.length === 0, fatal: true },
    ...(burst ? [{ what: `p99 melding.indienen, burst ${args.burst}`, value: seconds(p99(burst.log.verb('melding.indienen'))), goal: '< 5 s', ok: p99(burst.log.verb('melding.indienen')) < P99_LIMIT_MS, fatal: true }] : []),
    ...(many ? [{ what: `p99 melding.indienen, ${args.melders} melders`, value: seconds(p99(many.log.verb('melding.indienen'))), goal: '< 5 s', ok: p99(many.log.verb('melding.indienen')) < P99_LIMIT_MS, fatal: true }] : []),
    { what: 'stap mediaan / echo mediaan (in dezelfde minuten)', value: `×${ratio.toFixed(2)}`, goal: '≤ ×2,5', ok: ratio <= 2.5, fatal: false },
    { what: 'kale schrijfactie mediaan / echo-run vooraf mediaan (de vloer)', value: `×${floorRatio.toFixed(1)}`, goal: '≤ ×1,5', ok: floorRatio <= 1.5, fatal: false },
    { what: 'opslag in een stap (lezen + schrijven)', value: stepOps ? `${String(medianOps(stepOps))}` : 'n.v.t.', goal: '≤ 1 (1 schrijven)', ok: stepOps ? medianOps(stepOps) <= 1 : undefined, fatal: false },
    { what: 'opslag in melding.indienen', value: submitOps ? String(medianOps(submitOps)) : 'n.v.t.', goal: '≤ 4', ok: submitOps ? medianOps(submitOps) <= 4 : undefined, fatal: false },
    ...(graphCounts ? [
      { what: 'Graph-verzoeken per melding', value: (graphCounts.requests / Math.max(1, stored.length)).toFixed(1), goal: '2 (getSchedule + $batch)', ok: graphCounts.requests <= 2 * stored.length && graphCounts.requests > 0, fatal: false },
      { what: 'Graph: afspraken dubbel geboekt', value: String(graphCounts.bookedTwice), goal: '0', ok: graphCounts.bookedTwice === 0, fatal: true },
      { what: 'Graph: organisator dubbel volgeboekt (overlap)', value: String(graphCounts.overlaps), goal: '0', ok: graphCounts.overlaps === 0, fatal: true },
    ] : []),
    ...bots.list.map((_, i) => ({ what: `RSS bot ${i + 1} in rust na start`, value: mb(idleRss[i]), goal: `< ${RSS_LIMIT_MB} MB`, ok: idleRss[i] === undefined ? undefined : (idleRss[i] ?? 0) < RSS_LIMIT_MB, fatal: false })),
    ...bots.list.map((_, i) => ({ what: `RSS bot ${i + 1} na alle melders`, value: mb(afterRss[i]), goal: `< ${RSS_LIMIT_MB} MB`, ok: afterRss[i] === undefined ? undefined : (afterRss[i] ?? 0) < RSS_LIMIT_MB, fatal: false })),
    ...readyMs.map((ms, i) => ({ what: `bot ${i + 1}: start tot /healthz`, value: seconds(ms), goal: '-', ok: undefined, fatal: false })),
    {
      what: '`npm start` tot alle delen antwoorden',
      value: start === undefined ? 'overgeslagen' : start.ok ? `${seconds(start.ms)} (bot ${seconds(start.botMs)})` : start.reason,
      goal: '< 10 s',
      ok: start?.ok ? start.ms < 10_000 : undefined,
      fatal: false,
    },
  ];
  // the yearly report over a province-wide year, on its own Azurite (scripts/bench-rapport.ts)
  verdicts.push(await benchRapport());
  console.info('\nsamenvatting:');
  console.info(formatSummary(verdicts));
  for (const v of verdicts) if (v.fatal && v.ok === false && !fatal.some((f) => f.startsWith(v.what))) fatal.push(`${v.what}: ${v.value} (doel ${v.goal})`);
  for (const f of fatal.slice(0, 30)) console.error(`FOUT ${f}`);
  if (fatal.length > 30) console.error(`... en nog ${fatal.length - 30} fouten`);
  return fatal.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
