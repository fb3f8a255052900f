import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createTableStore } from '../../src/store/table-store.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { openTimers } from '../../src/store/timer-repository.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText } from '../support/bot.js';
import { startInstances, type Instances } from '../support/bot-instances.js';
import { BENCH_CHANNELS, callText, channelCardsByNumber, destinations, duplicatePosts, linkChannels } from '../support/connector-cards.js';
import { FakeConnector } from '../support/fake-connector.js';
import { clicker, playMelding } from '../support/http-melding.js';
import { TeamsClient, type TeamsUser } from '../support/http-teams.js';

const MELDERS: TeamsUser[] = Array.from({ length: 5 }, (_, i) => ({
  id: `29:twee-${i + 1}`,
  name: `Raadslid ${i + 1}`,
  aadObjectId: `00000000-0000-4000-8001-${String(i + 1).padStart(12, '0')}`,
}));
const ORG = loadConfig({}).organisation.id;
const ESCALATION = /^Termijn verstreken bij melding (\d{4}-\d+)/;

/**
 * Two bot processes on one storage account behind a round-robin proxy, as two App Service
 * instances run: consecutive turns of one person land on different processes. Every melding,
 * channel card and reminder must happen once, also when both restart (each recovers at start
 * and polls the timers at once).
 */
describe('e2e: two bot processes on one storage account', function () {
  this.timeout(150_000);
  let az: AzuriteHandle;
  let connector: FakeConnector;
  let bots: Instances;
  let dir: string;
  const agent = new Agent({ keepAlive: true });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weerbaar-twee-'));
    const people = MELDERS.map((u, i) => ({ aadObjectId: u.aadObjectId, name: u.name, email: `raadslid${i + 1}@gemeente-lokaal.example`, roles: ['raadslid'], teamsUserId: u.id }));
    const { people: local } = JSON.parse(readFileSync('config/people.local.json', 'utf8')) as { people: unknown[] };
    writeFileSync(join(dir, 'people.json'), JSON.stringify({ people: [...local, ...people] }));
    az = await startAzurite();
    connector = await new FakeConnector().start();
    bots = await startInstances(2, { env: { STORAGE_CONNECTION_STRING: az.connectionString, LOG_LEVEL: 'warn', WEERBAAR_PEOPLE_FILE: join(dir, 'people.json') } });
  });
  after(async () => {
    agent.destroy();
    await bots.stop();
    await connector.stop();
    await az.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = (): TeamsClient => new TeamsClient({ botUrl: bots.url, serviceUrl: connector.url, agent });
  const melden = async (user: TeamsUser): Promise<string> => {
    const { confirmation } = await playMelding(clicker(client(), user));
    const number = /Meldingsnummer: (\d{4}-\d+)/.exec(cardText(confirmation))?.[1];
    assert.ok(number && /Uw melding is ontvangen/.test(cardText(confirmation)), `${user.name}: ${cardText(confirmation).slice(0, 120)}`);
    return number;
  };
  const cardsIn = (numbers: string[]) => () =>
    Object.values(BENCH_CHANNELS).every((channel) => {
      const posted = channelCardsByNumber(connector, channel);
      return numbers.every((n) => posted.has(n));
    });
  /** Escalations ("termijn verstreken") the coordinator got, by melding and text. */
  const escalations = (): string[] => {
    const where = destinations(connector);
    return connector.posts().flatMap((c) => (ESCALATION.test(callText(c).trim()) ? [`${where.get(c) ?? ''} ${callText(c).trim()}`] : []));
  };

  it('files, numbers, posts and reminds each melding once, also after both instances restart', async () => {
    await linkChannels(client(), connector);
    const first = await Promise.all(MELDERS.slice(0, 4).map(melden));
    assert.equal(new Set(first).size, 4, `four numbers: ${first.join(', ')}`);
    await connector.waitFor(cardsIn(first), 30_000);

    // The melding of 20 November is late: its deadlines are past, so their timers are due at once.
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    const store = createTableStore(tables);
    const timers = await openTimers(tables);
    const ids = (await store.incidents.listByOrganisation(ORG)).map((x) => x.value.id);
    const armed = async (): Promise<boolean> => {
      const due = new Set((await timers.due(ORG, new Date())).map((t) => t.value.incidentId));
      return ids.every((id) => due.has(id)) || escalations().length > 0;
    };
    for (const until = Date.now() + 20_000; !(await armed()); ) {
      assert.ok(Date.now() < until, 'every melding has a due timer');
      await new Promise((r) => setTimeout(r, 100));
    }

    // Both stop (as a deployment swaps them) and start together: both recover, both poll the timers at once.
    await Promise.all(bots.list.map((b) => b.stop()));
    await Promise.all([0, 1].map((i) => bots.restart(i)));
    const last = await melden(MELDERS[4]!);
    await connector.waitFor(cardsIn([...first, last]), 30_000);
    await connector.waitFor(() => first.every((n) => escalations().some((e) => e.includes(`melding ${n}:`))), 30_000);

    const stored = await store.incidents.listByOrganisation(ORG);
    const year = new Date().getFullYear();
    assert.deepEqual(stored.map((x) => x.value.number).sort(), [1, 2, 3, 4, 5].map((n) => `${year}-${String(n).padStart(4, '0')}`), 'five meldingen, numbered 1 to 5');
    assert.deepEqual(new Set(stored.map((x) => x.value.melder.aadObjectId)), new Set(MELDERS.map((m) => m.aadObjectId)));
    for (const channel of Object.values(BENCH_CHANNELS)) {
      assert.deepEqual([...channelCardsByNumber(connector, channel).values()], [1, 1, 1, 1, 1], `one card per melding in ${channel}`);
    }
    const sent = escalations();
    assert.equal(new Set(sent).size, sent.length, `an escalation sent twice:\n${sent.join('\n')}`);
    assert.deepEqual(duplicatePosts(connector), [], 'no post twice');
    assert.ok(bots.proxy && bots.proxy.forwarded().every((n) => n > 10), `both instances served: ${bots.proxy?.forwarded().join('/') ?? ''}`);
  });
});
