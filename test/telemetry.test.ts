import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import { initialize } from '../src/initialize.js';
import { formatDuration, parseConnectionString, requestSpan, startTelemetry } from '../src/telemetry.js';
import { startAzurite, type AzuriteHandle } from './support/azurite.js';
import { silentLogger } from './support/bot.js';

const IKEY = '00000000-0000-0000-0000-000000000000';
const UNREACHABLE = `InstrumentationKey=${IKEY};IngestionEndpoint=http://127.0.0.1:9/`;

const Envelope = z.object({
  name: z.string(),
  iKey: z.string(),
  tags: z.record(z.string(), z.string()),
  data: z.object({ baseType: z.string(), baseData: z.record(z.string(), z.unknown()) }),
});

/** A stand-in for the ingestion endpoint that keeps what it is sent. */
async function fakeIngestion(): Promise<{ url: string; received: { path: string; body: string }[]; close(): Promise<void> }> {
  const received: { path: string; body: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      received.push({ path: req.url ?? '', body: body.toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"itemsReceived":1,"itemsAccepted":1,"errors":[]}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('telemetry to Application Insights', function () {
  this.timeout(30_000);

  it('starts nothing without APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
    const config = loadConfig({});
    assert.equal(config.appInsightsConnectionString, undefined);
    assert.equal(startTelemetry(config.appInsightsConnectionString), undefined);
    // one shared no-op: no record is made, so nothing can be buffered or sent
    assert.equal(requestSpan('POST', '/api/messages'), requestSpan('GET', '/calendar/'));
  });

  it('reads the connection string as the portal shows it, and refuses a malformed one', () => {
    assert.deepEqual(parseConnectionString(`InstrumentationKey=${IKEY};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://x/`), {
      iKey: IKEY,
      trackUrl: 'https://westeurope-5.in.applicationinsights.azure.com/v2.1/track',
    });
    assert.equal(parseConnectionString(`InstrumentationKey=${IKEY}`).trackUrl, 'https://dc.services.visualstudio.com/v2.1/track');
    assert.throws(() => parseConnectionString('InstrumentationKey=nope'), /APPLICATIONINSIGHTS_CONNECTION_STRING/);
    assert.equal(formatDuration(1234), '00:00:01.234');
    assert.equal(formatDuration(90_061_001), '1.01:01:01.001');
  });

  it('with an unreachable endpoint, starts and shuts down quickly and never throws', async () => {
    const started = Date.now();
    const telemetry = startTelemetry(UNREACHABLE, { timeoutMs: 2_000 });
    assert.ok(telemetry);
    requestSpan('POST', '/api/messages').end(200);
    await telemetry.shutdown();
    assert.ok(Date.now() - started < 3_000, `${Date.now() - started} ms`);
  });

  describe('sends the bot\'s requests, without their content', () => {
    let az: AzuriteHandle;
    before(async () => {
      az = await startAzurite();
    });
    after(() => az.stop());

    it('one request record per call, named by its route, with status and duration; no body, no path beyond the route', async () => {
      const ingestion = await fakeIngestion();
      const telemetry = startTelemetry(`InstrumentationKey=${IKEY};IngestionEndpoint=${ingestion.url}`, { intervalMs: 60_000 });
      assert.ok(telemetry);
      const w = await initialize(loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString }), silentLogger);
      await new Promise<void>((r) => w.server.server.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(w.server.server.address() as AddressInfo).port}`;
      try {
        const secret = 'Hij schreeuwde dat hij mijn huis in brand zou steken';
        const res = await fetch(`${url}/api/messages?x=geheim`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'typing', text: secret, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'b' } }),
        });
        await res.arrayBuffer();
        await fetch(`${url}/calendar/0123456789abcdef.ics`).then((r) => r.arrayBuffer());
        await telemetry.shutdown();
        const sent = ingestion.received.map((r) => r.body).join('\n');
        assert.ok(ingestion.received.every((r) => r.path === '/v2.1/track'));
        const envelopes = ingestion.received.flatMap((r) => z.array(Envelope).parse(JSON.parse(r.body)));
        const message = envelopes.find((e) => e.data.baseData['name'] === 'POST /api/messages');
        assert.ok(message, sent);
        assert.equal(message.iKey, IKEY);
        assert.equal(message.data.baseType, 'RequestData');
        assert.equal(message.data.baseData['responseCode'], String(res.status));
        assert.match(String(message.data.baseData['duration']), /^\d\d:\d\d:\d\d\.\d{3}$/);
        assert.equal(message.tags['ai.cloud.role'], 'weerbaar');
        assert.ok(!sent.includes('brand'), 'no message text');
        assert.ok(!sent.includes('geheim'), 'no query string');
        assert.ok(!sent.includes('0123456789abcdef'), 'no calendar token');
      } finally {
        w.server.server.close();
        await w.stop();
        await telemetry.shutdown();
        await ingestion.close();
      }
    });
  });
});
