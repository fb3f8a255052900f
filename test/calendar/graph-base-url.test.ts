import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createCalendar } from '../../src/agenda/create-calendar.js';
import { GraphCalendar } from '../../src/calendar/graph.js';
import { scopeFor } from '../../src/calendar/graph-transport.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { FakeGraph } from '../support/fake-graph.js';

describe('GRAPH_BASE_URL: the Graph the calendar talks to', () => {
  it('is the global Graph v1.0 unless set, and takes a national cloud\'s endpoint', () => {
    assert.equal(loadConfig({}).graphBaseUrl, 'https://graph.microsoft.com/v1.0');
    assert.equal(loadConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0/' }).graphBaseUrl, 'https://graph.microsoft.us/v1.0');
    assert.equal(loadConfig({ GRAPH_BASE_URL: '' }).graphBaseUrl, 'https://graph.microsoft.com/v1.0', 'empty counts as unset');
  });

  it('refuses plain http except on loopback, a URL without its version, and a query', () => {
    for (const bad of ['http://graph.example.nl/v1.0', 'https://graph.microsoft.com', 'https://graph.microsoft.com/v1.0?x=1', 'geen url']) {
      assert.throws(() => loadConfig({ GRAPH_BASE_URL: bad }), (e: unknown) => e instanceof ConfigError && e.variable === 'GRAPH_BASE_URL', bad);
    }
    assert.equal(loadConfig({ GRAPH_BASE_URL: 'http://127.0.0.1:4100/v1.0' }).graphBaseUrl, 'http://127.0.0.1:4100/v1.0');
  });

  it('asks a token for the cloud the URL names', () => {
    assert.equal(scopeFor('https://graph.microsoft.com/v1.0'), 'https://graph.microsoft.com/.default');
    assert.equal(scopeFor('https://microsoftgraph.chinacloudapi.cn/v1.0'), 'https://microsoftgraph.chinacloudapi.cn/.default');
    assert.equal(scopeFor('http://127.0.0.1:4100/v1.0'), 'https://graph.microsoft.com/.default');
  });

  it('sends the requests under the configured URL with its version', async () => {
    const fake = await FakeGraph.start();
    try {
      const scopes: string[] = [];
      const credential: TokenCredential = {
        getToken(scope: string | string[]): Promise<AccessToken> {
          scopes.push(...[scope].flat());
          return Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 60_000 });
        },
      };
      await new GraphCalendar({ credential, baseUrl: fake.baseUrl }).getBusy(['a@gemeente.example'], { start: new Date('2026-11-04T00:00:00Z'), end: new Date('2026-11-05T00:00:00Z') });
      assert.deepEqual(fake.requests.map((r) => [r.method, r.path]), [['POST', '/users/a@gemeente.example/calendar/getSchedule']]);
      assert.deepEqual(scopes, ['https://graph.microsoft.com/.default']);
    } finally {
      await fake.stop();
    }
  });

  it('lets the bot as configured talk to a local fake Graph, with a fixed word instead of a real token', async () => {
    const fake = await FakeGraph.start();
    try {
      const config = loadConfig({ CALENDAR_MODE: 'graph', GRAPH_BASE_URL: fake.baseUrl });
      const { port } = createCalendar(config, { tables: () => { throw new Error('graph mode needs no table'); } });
      await port.getBusy(['a@gemeente.example'], { start: new Date('2026-11-04T00:00:00Z'), end: new Date('2026-11-05T00:00:00Z') });
      assert.equal(fake.requests[0]?.headers.authorization, 'Bearer lokaal-nep-graph');
    } finally {
      await fake.stop();
    }
  });
});
