/**
 * `npx tsx scripts/bench-melden.ts -- --melders 50`: the Melden button under a burst, over HTTP.
 * N melders walk to their summary, then all press Melden in the same moment; then one melder
 * presses Melden 20 times at once, and one more melder files after them. Prints the latency of the presses and the storage operations
 * per turn (counted at the storage port by StorageMeter), and fails when a press is not answered
 * with its number, or when the stored numbers are not exactly 1..N+2.
 */
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { numberYear } from '../src/flows/report/submit.js';
import { opsOf, StorageMeter } from '../src/store/storage-meter.js';
import { startAzurite } from '../test/support/azurite.js';
import { cardText } from '../test/support/bot.js';
import { beginMelding, clicker, fillSteps, type Card } from '../test/support/http-melding.js';
import { FakeConnector, startHttpBot, TeamsClient, type TeamsUser } from '../test/support/http-teams.js';
import { dataOf, STEP_ANSWERS } from '../test/support/melding.js';
import { formatTable, summarize } from './bench-stats.js';

const { values } = parseArgs({ options: { melders: { type: 'string', default: '50' }, presses: { type: 'string', default: '20' } } });
const MELDERS = Number(values.melders);
const PRESSES = Number(values.presses);
if (!Number.isInteger(MELDERS) || MELDERS < 1 || MELDERS > 1000) throw new Error('--melders: 1 tot 1000');
if (!Number.isInteger(PRESSES) || PRESSES < 1 || PRESSES > 100) throw new Error('--presses: 1 tot 100');

const answers = { ...STEP_ANSWERS, wie: { namens: 'nee', rol: 'raadslid' } };
const numberText = (card: Card | undefined): string | undefined => /Meldingsnummer: (\S+)/.exec(cardText(card))?.[1];

async function main(): Promise<void> {
  const az = await startAzurite();
  const connector = await FakeConnector.start();
  const meter = new StorageMeter();
  const bot = await startHttpBot(az.connectionString, {}, { meter });
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const failures: string[] = [];
  const user = (i: number): TeamsUser => ({ id: `29:burst-${i}`, name: `Melder ${i}`, aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` });
  const client = (i: number) =>
    new TeamsClient({ botUrl: bot.url, serviceUrl: connector.serviceUrl, agent, localAddress: `127.0.${Math.floor(i / 250) + 1}.${(i % 250) + 1}` });

  const toSummary = async (i: number): Promise<() => Promise<{ ms: number; card: Card | undefined }>> => {
    const c = client(i);
    const click = clicker(c, user(i));
    const summary = await fillSteps(click, await beginMelding(click), answers);
    const data = dataOf(summary, 'melding.indienen');
    return async () => {
      const started = process.hrtime.bigint();
      const reply = await c.invoke(user(i), 'melding.indienen', data);
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, card: reply.card };
    };
  };

  // walked 10 at a time, as a council that got the same e-mail would fill in their cards
  const presses: (() => Promise<{ ms: number; card: Card | undefined }>)[] = [];
  for (let i = 1; i <= MELDERS; i += 10) {
    presses.push(...(await Promise.all(Array.from({ length: Math.min(10, MELDERS - i + 1) }, (_, k) => toSummary(i + k)))));
  }
  const burstStart = process.hrtime.bigint();
  const burst = await Promise.all(presses.map((press) => press()));
  const burstWall = Number(process.hrtime.bigint() - burstStart) / 1e6;
  burst.forEach((r, i) => {
    if (!numberText(r.card)) failures.push(`melder ${i + 1}: geen nummer in het antwoord`);
  });

  const same = await toSummary(MELDERS + 1);
  const sameStart = process.hrtime.bigint();
  const repeated = await Promise.all(Array.from({ length: PRESSES }, () => same()));
  const sameWall = Number(process.hrtime.bigint() - sameStart) / 1e6;
  const sameNumbers = new Set(repeated.map((r) => numberText(r.card)));
  if (sameNumbers.size !== 1 || sameNumbers.has(undefined)) failures.push(`${PRESSES}x Melden: nummers ${[...sameNumbers].join(', ')}`);
  // one more melding: a number used up by the repeated presses would show as a gap before it
  const last = await (await toSummary(MELDERS + 2))();
  if (!numberText(last.card)) failures.push('de laatste melding kreeg geen nummer');

  const stored = await bot.weerbaar.services.store.incidents.listByOrganisation(bot.weerbaar.services.orgId);
  const year = numberYear(new Date());
  const expected = Array.from({ length: MELDERS + 2 }, (_, i) => `${year}-${String(i + 1).padStart(4, '0')}`);
  const got = stored.map((s) => s.value.number).sort();
  if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`opgeslagen nummers ${got.join(' ').slice(-60)}, verwacht 1..${MELDERS + 2} zonder gat`);

  console.info(`\nMelden onder druk: ${MELDERS} melders tegelijk, daarna 1 melder ${PRESSES}x tegelijk; Node ${process.version}\n`);
  console.info(formatTable([
    summarize(`melding.indienen, ${MELDERS} melders`, MELDERS, burst.map((r) => r.ms), burstWall),
    summarize(`melding.indienen, 1 melder ${PRESSES}x`, PRESSES, repeated.map((r) => r.ms), sameWall),
  ]));
  console.info(`\nopgeslagen meldingen: ${stored.length} (verwacht ${MELDERS + 2}), nummers 1..${MELDERS + 2} zonder gat en zonder dubbele: ${failures.length === 0 ? 'ja' : 'nee'}`);
  console.info('\nopslagoperaties per beurt (gemiddeld lezen / schrijven / jobs; meeste in een beurt):');
  for (const [label, o] of meter.byLabel()) {
    const avg = (n: number) => (n / o.turns).toFixed(2);
    console.info(`  ${label.padEnd(22)} ${String(o.turns).padStart(5)} beurten  ${avg(o.total.reads)} / ${avg(o.total.writes)} / ${avg(o.total.enqueues)}  (totaal ${avg(opsOf(o.total))}, max ${o.maxPerTurn})`);
  }
  for (const f of failures.slice(0, 20)) console.error(`FOUT ${f}`);

  agent.destroy();
  await bot.stop();
  await connector.stop();
  await az.stop();
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
