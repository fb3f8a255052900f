import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { initialize, type Weerbaar } from '../../src/initialize.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { silentLogger } from '../support/bot.js';

async function listen(w: Weerbaar): Promise<string> {
  await new Promise<void>((resolve) => w.server.server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(w.server.server.address() as AddressInfo).port}`;
}

const activity = {
  type: 'message',
  text: 'hallo',
  from: { id: 'u1', aadObjectId: '00000000-0000-0000-0000-000000000021' },
  recipient: { id: 'bot' },
  conversation: { id: 'c1', conversationType: 'personal' },
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  id: 'a1',
};

describe('the bot HTTP endpoint', function () {
  this.timeout(20_000);
  let az: AzuriteHandle;
  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());

  it('with an app id configured, refuses a request without a valid token (401) and runs no turn', async () => {
    const w = await initialize(
      loadConfig({
        STORAGE_CONNECTION_STRING: az.connectionString,
        BOT_ID: '11111111-2222-3333-4444-555555555555',
        BOT_PASSWORD: 'not-a-real-secret',
        BOT_TYPE: 'SingleTenant',
        BOT_TENANT_ID: '00000000-0000-0000-0000-000000000001',
      }),
      silentLogger,
    );
    const url = await listen(w);
    try {
      const none = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      assert.equal(none.status, 401);
      const forged = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl' },
        body: JSON.stringify(activity),
      });
      assert.equal(forged.status, 401);
    } finally {
      w.server.server.close();
      await w.stop();
    }
  });

  it('serves /healthz with security headers, and answers bad bodies with 400 and 413, never 500', async () => {
    const w = await initialize(loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString }), silentLogger);
    const url = await listen(w);
    try {
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(health.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(health.headers.get('x-frame-options'), 'DENY');
      const bad = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
      assert.equal(bad.status, 400);
      const big = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(1_000_000) }) });
      assert.equal(big.status, 413);
      for (const malformed of [{}, { type: 'message' }, { ...activity, recipient: undefined }]) {
        const r = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(malformed) });
        assert.equal(r.status, 400, JSON.stringify(malformed));
        assert.equal(await r.text(), '', 'no internal error text in the body');
      }
      const missing = await fetch(`${url}/nergens`);
      assert.equal(missing.status, 404);
    } finally {
      w.server.server.close();
      await w.stop();
    }
  });
});
