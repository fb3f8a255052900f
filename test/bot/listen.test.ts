import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { request } from 'node:http';
import type { LookupFunction } from 'node:net';
import { networkInterfaces } from 'node:os';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { startBotProcess, TSX_ENTRY, type BotProcess } from './process.js';

/** GET /healthz at host:port; the status, or the connection error's code. */
function probe(host: string, port: number, lookup?: LookupFunction): Promise<number | string> {
  return new Promise((resolve) => {
    // a connection of its own each time: a kept-alive socket would hide how the address is reached
    const req = request({ host, port, path: '/healthz', timeout: 5_000, agent: false, ...(lookup ? { lookup } : {}) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    req.end();
  });
}

/** `localhost` as a dual-stack /etc/hosts resolves it for Node 20 (verbatim order): ::1 first. */
const ipv6First: LookupFunction = (_hostname, options, cb) => {
  const addresses: LookupAddress[] = [
    { address: '::1', family: 6 },
    { address: '127.0.0.1', family: 4 },
  ];
  if (options.all) cb(null, addresses);
  else cb(null, '::1', 6);
};

/** This machine's own addresses that are not loopback (and not link-local, which needs a scope). */
function outwardAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80:'))
    .map((a) => a!.address);
}

/** The real entry point (src/index.ts) as its own process. */
describe('the bot process: where it listens, and how it answers a stranger', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let bot: BotProcess | undefined;
  before(async () => {
    az = await startAzurite();
  });
  afterEach(async () => {
    bot?.child.kill('SIGTERM');
    await bot?.exited;
    bot = undefined;
  });
  after(() => az.stop());

  it('in local (anonymous) mode listens on loopback only: localhost reaches it, no outward address does', async () => {
    bot = await startBotProcess(TSX_ENTRY, { STORAGE_CONNECTION_STRING: az.connectionString });
    const port = Number(new URL(bot.url).port);
    assert.equal(await probe('localhost', port), 200, 'http://localhost as this machine resolves it');
    assert.equal(await probe('localhost', port, ipv6First), 200, 'a client that tries ::1 first (as the Agents Playground may) falls back to 127.0.0.1');
    for (const address of outwardAddresses()) {
      assert.equal(await probe(address, port), 'ECONNREFUSED', `not reachable on ${address}`);
    }
  });

  it('with an app id, answers a request without a valid token with 401, one log line each and nothing on stderr', async () => {
    bot = await startBotProcess(TSX_ENTRY, {
      STORAGE_CONNECTION_STRING: az.connectionString,
      BOT_ID: '11111111-2222-3333-4444-555555555555',
      BOT_PASSWORD: 'not-a-real-secret',
      BOT_TYPE: 'SingleTenant',
      BOT_TENANT_ID: '00000000-0000-0000-0000-000000000001',
    });
    const running = bot;
    const before = { lines: running.output().split('\n').length, errors: running.errors() };
    const activity = {
      type: 'message',
      text: 'hallo',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: { id: 'u1', aadObjectId: '00000000-0000-0000-0000-000000000021' },
      recipient: { id: 'bot' },
      conversation: { id: 'c1', conversationType: 'personal' },
    };
    const tokens = [undefined, 'Bearer forged', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl'];
    for (const authorization of tokens) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
      const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
      assert.equal(res.status, 401);
      assert.equal(await res.text(), '', 'no reason in the body');
    }
    // the worker logs on its own schedule (e.g. the reach check at start): only the lines about requests count
    const aboutRequests = (l: string) => l.trim() !== '' && !/"msg":"(reach check|worker|job)/.test(l) && /"status"|request|401|unauthori/i.test(l);
    const newLines = () => running.output().split('\n').slice(before.lines - 1).filter(aboutRequests);
    const deadline = Date.now() + 10_000;
    while (newLines().length < tokens.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lines = newLines();
    assert.equal(lines.length, tokens.length, lines.join('\n'));
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      assert.equal(entry['status'], 401);
      assert.equal(entry['msg'], 'request not authenticated');
      assert.ok(!line.includes('eyJ') && !line.includes('forged'), 'no token in the log');
    }
    assert.equal(running.errors(), before.errors, 'nothing on stderr');
  });
});
