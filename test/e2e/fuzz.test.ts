import assert from 'node:assert/strict';
import dc from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { initialize, type Weerbaar } from '../../src/initialize.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { Mutator } from '../support/fuzz.js';
import { beginMelding, clicker } from '../support/http-melding.js';
import { BOT_ACCOUNT, FakeConnector, personalConversationId, TeamsClient, type TeamsUser } from '../support/http-teams.js';
import { dataOf } from '../support/melding.js';

const SEED = 20261210;
const CASES = 2000;
/**
 * Raadsleden taking turns as senders: each sends fewer turns than the per-person limit (120 a
 * minute), so the fuzz measures the bot and not the limiter.
 */
const SENDERS = 25;

type Obj = Record<string, unknown>;

/**
 * Malformed activities and card payloads against the running bot (real HTTP server, CloudAdapter,
 * Application, flows, Azurite): nothing the sender gets wrong may be a 500, and a refused request
 * (400) may not have touched storage. Writes are seen where they leave the process: every request
 * to Azurite that is not a read, counted through node's http diagnostics channel.
 */
describe('fuzz: malformed activities over HTTP', function () {
  this.timeout(120_000);
  let az: AzuriteHandle;
  let connector: FakeConnector;
  let weerbaar: Weerbaar;
  let url: string;
  const errors: string[] = [];
  let storageWrites = 0;
  let storagePorts: Set<string>;
  const onRequest = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    const port = String(request.getHeader('host') ?? '').split(':').pop() ?? '';
    if (request.method !== 'GET' && request.method !== 'HEAD' && storagePorts.has(port)) storageWrites++;
  };

  const dir = mkdtempSync(join(tmpdir(), 'weerbaar-fuzz-'));
  const senders: TeamsUser[] = Array.from({ length: SENDERS }, (_, i) => ({
    id: `user-r${i}`,
    name: `Raadslid ${i}`,
    aadObjectId: `00000000-0000-0000-0001-${String(i).padStart(12, '0')}`,
  }));

  before(async () => {
    const local = JSON.parse(readFileSync('config/people.local.json', 'utf8')) as { people: unknown[] };
    const people = senders.map((u) => ({ ...u, email: `${u.id}@gemeente-lokaal.example`, roles: ['raadslid'], teamsUserId: u.id }));
    writeFileSync(join(dir, 'people.json'), JSON.stringify({ people: [...local.people, ...people] }));
    az = await startAzurite();
    storagePorts = new Set([new URL(az.tableUrl).port, new URL(az.queueUrl).port]);
    connector = await FakeConnector.start();
    const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    // no worker: the only writes are those a request makes while it is answered
    weerbaar = await initialize(loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString, LOG_LEVEL: 'error', WEERBAAR_PEOPLE_FILE: join(dir, 'people.json') }), logger);
    await new Promise<void>((resolve) => weerbaar.server.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(weerbaar.server.server.address() as AddressInfo).port}`;
    dc.subscribe('http.client.request.start', onRequest);
  });
  after(async () => {
    dc.unsubscribe('http.client.request.start', onRequest);
    weerbaar.server.server.closeAllConnections();
    await new Promise<void>((resolve) => weerbaar.server.server.close(() => resolve()));
    await weerbaar.stop();
    await connector.stop();
    await az.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Real card data from the sender's own melding in progress, so mutated clicks reach the flows' own parsing. */
  async function bases(sender: TeamsUser): Promise<Obj[]> {
    const client = new TeamsClient({ botUrl: url, serviceUrl: connector.serviceUrl });
    const click = clicker(client, sender);
    connector.clear();
    const welcome = await client.message(sender, 'hallo');
    assert.equal(welcome.status, 200);
    const firstStep = await beginMelding(click, dataOf(connector.cards()[0], 'melding.start'));
    const { draftId } = dataOf(firstStep, 'melding.stap');
    const common = {
      id: 'act-1',
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      timestamp: '2026-12-10T10:00:00.1234567Z',
      localTimestamp: '2026-12-10T11:00:00.1234567+01:00',
      localTimezone: 'Europe/Amsterdam',
      locale: 'nl-NL',
      from: { id: sender.id, name: sender.name, aadObjectId: sender.aadObjectId },
      recipient: { ...BOT_ACCOUNT },
      conversation: { id: personalConversationId(sender), conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
      entities: [{ type: 'clientInfo', locale: 'nl-NL', platform: 'Web' }],
    };
    const execute = (verb: string, data: Obj) => ({
      ...common,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    const channel = {
      ...common,
      conversation: { id: '19:griffie@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:griffie@thread.tacv2' }, eventType: 'teamMemberAdded' },
    };
    return [
      { ...common, type: 'message', text: 'hallo', textFormat: 'plain' },
      {
        ...common,
        type: 'message',
        text: '<at>Weerbaar</at> kanalen',
        entities: [{ type: 'mention', text: '<at>Weerbaar</at>', mentioned: { ...BOT_ACCOUNT } }],
        attachments: [
          { contentType: 'text/html', content: '<p>kanalen</p>' },
          { contentType: 'application/vnd.microsoft.teams.file.download.info', contentUrl: 'https://example.invalid/f', name: 'foto.jpg' },
        ],
      },
      { ...common, type: 'message', value: { verb: 'melding.stap', ...dataOf(firstStep, 'melding.stap') } },
      execute('melding.start', {}),
      execute('melding.stap', dataOf(firstStep, 'melding.stap')),
      execute('melding.indienen', { draftId, verb: 'melding.indienen' }),
      { ...common, type: 'installationUpdate', action: 'add' },
      { ...channel, type: 'installationUpdate', action: 'add' },
      { ...channel, type: 'conversationUpdate', membersAdded: [{ id: BOT_ACCOUNT.id }], membersRemoved: [] },
    ];
  }

  /** The Bot Framework's answer to an invoke the bot has no handler for: 501, by the protocol. */
  function unknownInvoke(status: number, body: string): boolean {
    const sent = JSON.parse(body) as Obj;
    return status === 501 && sent['type'] === 'invoke' && typeof sent['name'] === 'string' && sent['name'] !== 'adaptiveCard/action';
  }

  async function post(body: string): Promise<number> {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    return res.status;
  }

  it(`answers ${CASES} mutated activities without a 500, and no refused one writes to storage`, async () => {
    const all: Obj[][] = [];
    for (const sender of senders) all.push(await bases(sender));
    const mutator = new Mutator(SEED);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    for (let n = 0; n < CASES; n++) {
      const own = all[n % SENDERS]!;
      const body = JSON.stringify(mutator.mutate(own[Math.floor(n / SENDERS) % own.length]!));
      const writesBefore = storageWrites;
      const status = await post(body);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 && !unknownInvoke(status, body)) failures.push(`case ${n}: ${status} for ${body.slice(0, 300)}`);
      if ((status === 400 || status === 413) && storageWrites !== writesBefore) failures.push(`case ${n}: ${status} after ${storageWrites - writesBefore} storage writes`);
    }
    const summary = JSON.stringify(Object.fromEntries(statuses));
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failures; statuses ${summary}`);
    assert.deepEqual(errors.slice(0, 5), [], `no error logged (statuses ${summary})`);
    // both sides were exercised: a fuzz that only ever got 400 (or 200) tests little
    assert.ok((statuses.get(200) ?? 0) > CASES / 10, summary);
    assert.ok((statuses.get(400) ?? 0) > CASES / 10, summary);
    for (const base of all[0]!) assert.equal(await post(JSON.stringify(base)), 200, `still serving: the unmutated ${String(base['type'])}`);
  });
});
