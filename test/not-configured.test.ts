import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { TableServiceClient } from '@azure/data-tables';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { nl } from '../src/shared/i18n/nl.js';
import { initializeOrWait, type Running } from '../src/not-configured.js';
import { startAzurite, type AzuriteHandle } from './support/azurite.js';
import { cardText, PEOPLE } from './support/bot.js';
import { FakeConnector, personalConversationId, TeamsClient, type TeamsUser } from './support/http-teams.js';
import { ROOT } from './bot/process.js';

const fleur: TeamsUser = PEOPLE.raadslid;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a bot deployed before its people file (not configured)', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let connector: FakeConnector;
  let dir: string;
  let running: Running | undefined;
  let logLines: string[];
  let url: string;
  let teams: TeamsClient;

  before(async () => {
    connector = await FakeConnector.start();
  });
  after(() => connector.stop());

  beforeEach(async () => {
    // a storage of its own, so "nothing stored" sees only this bot
    az = await startAzurite();
    dir = mkdtempSync(join(tmpdir(), 'weerbaar-people-'));
    logLines = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
        done();
      },
    });
    const config = loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString, WEERBAAR_PEOPLE_FILE: join(dir, 'people.json') });
    running = await initializeOrWait(config, pino({ level: 'info' }, sink), 50);
    const { server } = running.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await running.start();
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    teams = new TeamsClient({ botUrl: url, serviceUrl: connector.serviceUrl });
    connector.clear();
  });
  afterEach(async () => {
    if (running) {
      await running.stop();
      running.server.server.closeAllConnections();
      running.server.server.close();
    }
    rmSync(dir, { recursive: true, force: true });
    await az.stop();
  });

  const health = async (): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${url}/healthz`);
    return { status: res.status, body: await res.json() };
  };

  it('stays up: healthz 200 not-configured, every turn gets the Dutch message, the pages serve, nothing is stored', async () => {
    assert.deepEqual(await health(), { status: 200, body: { status: 'not-configured', reason: 'people-file', problem: 'missing' } });
    assert.equal(logLines.filter((l) => l.includes('WEERBAAR_PEOPLE_FILE')).length, 1, 'reported once');
    assert.match(logLines.find((l) => l.includes('WEERBAAR_PEOPLE_FILE')) ?? '', /Ongeldige configuratie: WEERBAAR_PEOPLE_FILE: .*people\.json kan niet gelezen worden.*herstarten is niet nodig/);

    assert.equal((await teams.message(fleur, 'melden')).status, 200);
    const texts = connector.activities.filter((a) => a.conversationId === personalConversationId(fleur)).map((a) => a.activity['text']);
    assert.deepEqual(texts, [nl.nietIngericht.bericht]);
    assert.match(nl.nietIngericht.bericht, /nog niet ingericht.*beheerder.*112/);

    const click = await teams.invoke(fleur, 'melding.start', {});
    assert.equal(click.status, 200);
    assert.match(cardText(click.card), /nog niet ingericht/);
    assert.doesNotMatch(cardText(click.card), /Welkom/);

    for (const path of ['/privacy', '/gebruiksvoorwaarden']) {
      const page = await fetch(`${url}${path}`);
      assert.equal(page.status, 200, path);
      assert.match(await page.text(), /aangewezen ambtenaar Veiligheid/);
    }
    assert.equal((await fetch(`${url}/calendar/x.ics`)).status, 404, 'no agenda without people');

    const tables = TableServiceClient.fromConnectionString(az.connectionString, { allowInsecureConnection: true });
    const names: string[] = [];
    for await (const t of tables.listTables()) names.push(t.name ?? '');
    assert.deepEqual(names, [], 'not even a table: no flow ran');
  });

  it('picks up the file without a restart: an invalid one is reported in one Dutch line and waited out too', async () => {
    const people = join(dir, 'people.json');
    writeFileSync(people, '{"people": [{"aadObjectId": "x", "name": "Fleur", "roles": ["raadslid"], "email": "geen-adres"}]}');
    await until('the invalid file reported', async () => {
      const h = await health();
      return (h.body as { problem?: string }).problem === 'invalid' ? h : undefined;
    });
    const invalid = logLines.filter((l) => l.includes('"problem":"invalid"'));
    assert.equal(invalid.length, 1);
    assert.match(invalid[0] ?? '', /WEERBAAR_PEOPLE_FILE: .*people\.json: people\.0\.email: /);
    assert.doesNotMatch(invalid[0] ?? '', /Fleur|geen-adres/, 'nothing of the file itself in the log');
    assert.equal((await teams.message(fleur, 'hallo')).status, 200);
    assert.equal(connector.activities.at(-1)?.activity['text'], nl.nietIngericht.bericht);

    copyFileSync(join(ROOT, 'config/people.local.json'), people);
    await until('configured', async () => {
      const h = await health();
      return (h.body as { status?: string }).status === 'ok' ? h : undefined;
    });
    assert.ok(logLines.some((l) => /"msg":"configured"/.test(l)));

    connector.clear();
    assert.equal((await teams.message(fleur, 'hallo')).status, 200);
    const cards = connector.cards(personalConversationId(fleur));
    assert.equal(cards.length, 1);
    assert.match(cardText(cards[0]), /Welkom bij Weerbaar/);
    assert.ok(!connector.activities.some((a) => a.activity['text'] === nl.nietIngericht.bericht));
    assert.equal((await fetch(`${url}/privacy`)).status, 200);
  });
});
