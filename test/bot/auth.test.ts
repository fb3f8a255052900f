import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import sinon from 'sinon';
import { loadConfig } from '../../src/config.js';
import { createAdapter } from '../../src/bot/adapter.js';
import { authenticator } from '../../src/bot/authenticate.js';
import { createBotServer } from '../../src/bot/server.js';
import { PEOPLE } from '../support/bot.js';
import { forgerKey, TestIssuer } from '../support/bot-tokens.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = '00000000-0000-0000-0000-000000000001';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

type Person = { id: string; name: string; aadObjectId: string };

function activity(who: Person): Record<string, unknown> {
  return {
    type: 'message',
    id: 'a1',
    text: 'hallo',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
    recipient: { id: `28:${APP_ID}`, name: 'Weerbaar' },
    conversation: { id: `a:personal-${who.id}`, conversationType: 'personal', tenantId: TENANT },
  };
}

/**
 * The bot's HTTP server on the real botbuilder adapter, its token check against signing keys of
 * our own; the turn only records whose activity ran. Both limits on a clock the test moves.
 */
describe('authentication first, then limits', function () {
  this.timeout(20_000);
  let issuer: TestIssuer;
  let url: string;
  let stop: () => Promise<void>;
  let clock: number;
  const turns: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const valid = () => issuer.authorization({ aud: APP_ID, serviceUrl: SERVICE_URL });

  let forgeries: [string, string | undefined, string][];
  before(async () => {
    issuer = await TestIssuer.start();
    forgeries = [
      ['no token', undefined, 'no-token'],
      ['not a JWT', 'Bearer forged', 'not-a-channel-token'],
      ['signed by a key nobody published', issuer.authorization({ aud: APP_ID, serviceUrl: SERVICE_URL }, forgerKey()), 'invalid-token'],
      ['expired', issuer.authorization({ aud: APP_ID, serviceUrl: SERVICE_URL, expiresIn: -3600 }), 'expired'],
      ['for another bot', issuer.authorization({ aud: '99999999-2222-3333-4444-555555555555', serviceUrl: SERVICE_URL }), 'wrong-audience'],
      ['for another service URL', issuer.authorization({ aud: APP_ID, serviceUrl: 'https://evil.example/' }), 'service-url-mismatch'],
    ];
  });
  after(() => issuer.stop());

  async function start(sdkOptions: ReturnType<TestIssuer['sdkOptions']>): Promise<void> {
    clock = 1_000_000;
    turns.splice(0);
    lines.splice(0);
    const config = loadConfig({ BOT_ID: APP_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: TENANT });
    const adapter = createAdapter(config, sdkOptions);
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const { server } = createBotServer({
      logger,
      rateLimitPerMinute: 5,
      unauthenticatedPerMinute: 10,
      now: () => clock,
      authenticate: authenticator(adapter, async (ctx) => void turns.push(ctx.activity.from.aadObjectId ?? '')),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
  }
  beforeEach(() => start(issuer.sdkOptions(TENANT)));
  afterEach(() => stop());

  async function post(body: Record<string, unknown>, authorization?: string): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
    await res.arrayBuffer();
    return res;
  }

  it('runs the turn of a request with a valid Bot Framework token', async () => {
    const res = await post(activity(PEOPLE.raadslid), valid());
    assert.equal(res.status, 200, JSON.stringify(lines));
    assert.deepEqual(turns, [PEOPLE.raadslid.aadObjectId]);
  });

  it('answers each kind of bad token with 401 and one log line (status, reason; no token), and nothing on stderr', async () => {
    for (const [what, authorization, reason] of forgeries) {
      lines.splice(0);
      const stderr = sinon.stub(process.stderr, 'write');
      let res: Response;
      try {
        res = await post(activity(PEOPLE.raadslid), authorization);
      } finally {
        stderr.restore();
      }
      assert.equal(res.status, 401, what);
      assert.equal(stderr.callCount, 0, `${what}: stderr got ${String(stderr.firstCall?.args[0]).slice(0, 200)}`);
      assert.equal(lines.length, 1, `${what}: ${JSON.stringify(lines)}`);
      assert.equal(lines[0]!['status'], 401);
      assert.equal(lines[0]!['reason'], reason, what);
      const token = authorization?.split(' ')[1];
      if (token) assert.ok(!JSON.stringify(lines[0]).includes(token.slice(0, 20)), 'the token is not logged');
    }
    assert.deepEqual(turns, []);
  });

  it("does not let a forged flood for someone else's Entra id limit that person", async () => {
    for (let i = 0; i < 30; i++) {
      const [, authorization] = forgeries[i % forgeries.length]!;
      assert.ok([401, 429].includes((await post(activity(PEOPLE.raadslid), authorization)).status));
    }
    assert.deepEqual(turns, [], 'no forged turn ran');
    for (let i = 0; i < 5; i++) assert.equal((await post(activity(PEOPLE.raadslid), valid())).status, 200, `valid request ${i + 1}`);
    assert.equal(turns.length, 5);
  });

  it('caps unauthenticated requests together at 429, logs that once, and lets valid requests through meanwhile', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await post(activity(PEOPLE.raadslid))).status);
    assert.deepEqual(statuses, [...Array<number>(10).fill(401), ...Array<number>(5).fill(429)]);
    const capped = await post(activity(PEOPLE.griffier), 'Bearer forged');
    assert.equal(capped.status, 429);
    assert.ok(Number(capped.headers.get('retry-after')) >= 1);
    assert.equal(lines.filter((l) => l['status'] === 401).length, 10);
    assert.equal(lines.filter((l) => l['status'] === 429).length, 1, 'the cap is logged once, not per request');

    assert.equal((await post(activity(PEOPLE.griffier), valid())).status, 200, 'a valid token is not capped');
    clock += 6_000; // one token back (10 a minute)
    assert.equal((await post(activity(PEOPLE.raadslid))).status, 401);
    assert.equal((await post(activity(PEOPLE.raadslid))).status, 429);
  });

  it('limits each authenticated person to their own window; others and the next window are not affected', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await post(activity(PEOPLE.raadslid), valid())).status, 200);
    const limited = await post(activity(PEOPLE.raadslid), valid());
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '60');
    clock += 30_000;
    assert.equal((await post(activity(PEOPLE.griffier), valid())).status, 200, 'another person is not limited');
    clock += 30_001;
    assert.equal((await post(activity(PEOPLE.raadslid), valid())).status, 200, 'a new window after a minute');
    for (let i = 0; i < 3; i++) assert.equal((await post(activity(PEOPLE.griffier), valid())).status, 200, 'the griffier keeps her own count');
  });

  it('answers 503 (try again), not 401, when the signing keys cannot be fetched', async () => {
    await stop();
    const down = await TestIssuer.start();
    const sdkOptions = down.sdkOptions(TENANT);
    await down.stop();
    await start(sdkOptions);
    const res = await post(activity(PEOPLE.raadslid), valid());
    assert.equal(res.status, 503);
    assert.ok(res.headers.get('retry-after'));
    assert.deepEqual(lines.map((l) => [l['status'], l['reason']]), [[503, 'ECONNREFUSED']]);
    assert.deepEqual(turns, []);
  });
});
