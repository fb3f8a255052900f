import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { TableClient } from '@azure/data-tables';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { pino } from 'pino';
import { z } from 'zod';
import { loggableError } from '../../src/logger.js';
import { DocumentTable } from '../../src/store/document-table.js';
import { ConflictError } from '../../src/store/errors.js';
import { StorageMeter } from '../../src/store/storage-meter.js';
import { bindRest, TableRest } from '../../src/store/table-rest.js';
import { restTargetFor, STORAGE_SCOPE } from '../../src/store/table-rest-auth.js';
import { LOOPBACK_CERT, LOOPBACK_KEY } from './loopback-tls.js';

interface Seen {
  viaSdk: boolean;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A fake Table service on loopback https: records each request and answers from a script (then 204; 0 drops the connection). */
async function fakeTables(): Promise<{ url: string; seen: Seen[]; answers: { status: number; body?: string }[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const answers: { status: number; body?: string }[] = [];
  let etags = 0;
  const server = https.createServer({ cert: LOOPBACK_CERT, key: LOOPBACK_KEY }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ viaSdk: String(req.headers['user-agent']).includes('azsdk'), url: req.url ?? '', headers: req.headers, body });
      const answer = answers.shift() ?? { status: 204 };
      if (answer.status === 0) req.socket.destroy();
      else if (answer.status === 204) res.writeHead(204, { ETag: `W/"datetime'${(etags += 1)}'"` }).end();
      else res.writeHead(answer.status, { 'Content-Type': 'text/plain' }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/acc`,
    seen,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A credential that hands out tok1, tok2, ... each valid for the next of `lifetimes` (ms). */
function credential(lifetimes: number[]): TokenCredential & { scopes: (string | string[])[] } {
  const scopes: (string | string[])[] = [];
  return {
    scopes,
    async getToken(scope): Promise<AccessToken> {
      scopes.push(scope);
      await new Promise((resolve) => setImmediate(resolve));
      return { token: `tok${scopes.length}`, expiresOnTimestamp: Date.now() + (lifetimes[scopes.length - 1] ?? 3_600_000) };
    },
  };
}

const Doc = z.object({ v: z.number() });

describe('store/table-rest with a token credential (managed identity), against a fake https Table service', () => {
  let fake: Awaited<ReturnType<typeof fakeTables>>;
  beforeEach(async () => {
    fake = await fakeTables();
  });
  afterEach(() => fake.close());

  function docs(cred: TokenCredential, meter?: StorageMeter): DocumentTable<{ v: number }> {
    const storage = { kind: 'account' as const, tableUrl: fake.url, credential: cred };
    const client = new TableClient(fake.url, 'drafts', cred, { tlsOptions: { ca: LOOPBACK_CERT }, retryOptions: { maxRetries: 0 } });
    const target = restTargetFor(storage);
    assert.ok(target);
    const bound = bindRest(client, new TableRest(target, { ca: LOOPBACK_CERT }));
    return new DocumentTable(meter ? meter.tables(() => bound)('drafts') : bound, Doc);
  }

  it('sends the bearer token, the service version and If-Match, with one token for several writes', async () => {
    const cred = credential([]);
    const table = docs(cred);
    const etags = await Promise.all([1, 2, 3].map((v) => table.update('org', `r${v}`, { v }, `W/"e${v}"`)));
    await table.update('org', 'r4', { v: 4 }, etags[0]?.etag ?? '');
    assert.deepEqual(cred.scopes, [STORAGE_SCOPE]);
    assert.equal(fake.seen.length, 4);
    for (const s of fake.seen) {
      assert.equal(s.viaSdk, false);
      assert.equal(s.headers['authorization'], 'Bearer tok1');
      assert.equal(s.headers['x-ms-version'], '2019-02-02');
      assert.equal(s.headers['dataserviceversion'], '3.0');
      assert.equal(s.headers['content-type'], 'application/json');
    }
    assert.deepEqual(fake.seen.slice(0, 3).map((s) => [s.url, s.headers['if-match']]).sort(), [
      ["/acc/drafts(PartitionKey='org',RowKey='r1')", 'W/"e1"'],
      ["/acc/drafts(PartitionKey='org',RowKey='r2')", 'W/"e2"'],
      ["/acc/drafts(PartitionKey='org',RowKey='r3')", 'W/"e3"'],
    ]);
    assert.equal(fake.seen[3]?.headers['if-match'], etags[0]?.etag);
    assert.equal(fake.seen[3]?.body, '{"PartitionKey":"org","RowKey":"r4","dc":1,"d0":"{\\"v\\":4}"}');
  });

  it('asks for a new token when the one it holds is about to expire', async () => {
    const cred = credential([60_000, 3_600_000]);
    const table = docs(cred);
    for (const v of [1, 2, 3]) await table.update('org', 'r', { v }, '*');
    assert.equal(cred.scopes.length, 2);
    assert.deepEqual(fake.seen.map((s) => s.headers['authorization']), ['Bearer tok1', 'Bearer tok2', 'Bearer tok2']);
  });

  it('forgets a token the service refused and hands that write to the SDK; a 403 goes to the SDK too', async () => {
    const cred = credential([]);
    const table = docs(cred);
    fake.answers.push({ status: 401 });
    await table.update('org', 'r', { v: 1 }, 'W/"e1"');
    await table.update('org', 'r', { v: 2 }, 'W/"e2"');
    const direct = fake.seen.filter((s) => !s.viaSdk).map((s) => s.headers['authorization']);
    assert.deepEqual(direct, ['Bearer tok1', `Bearer tok${cred.scopes.length}`]);
    assert.ok(cred.scopes.length >= 2, 'a new token after the 401');
    assert.deepEqual(fake.seen.map((s) => s.viaSdk), [false, true, false]);
    fake.seen.length = 0;
    fake.answers.push({ status: 403 });
    await table.update('org', 'r', { v: 3 }, 'W/"e3"');
    assert.deepEqual(fake.seen.map((s) => [s.viaSdk, s.headers['if-match']]), [[false, 'W/"e3"'], [true, 'W/"e3"']]);
  });

  it('warns once a minute that writes fell back to the SDK, with how many, and nothing of their content', async () => {
    const cred = credential([]);
    const client = new TableClient(fake.url, 'drafts', cred, { tlsOptions: { ca: LOOPBACK_CERT }, retryOptions: { maxRetries: 0 } });
    const target = restTargetFor({ kind: 'account', tableUrl: fake.url, credential: cred });
    assert.ok(target);
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    let now = 0;
    const table = new DocumentTable(bindRest(client, new TableRest(target, { ca: LOOPBACK_CERT }, logger, () => now)), Doc);
    fake.answers.push({ status: 503 }, { status: 204 }, { status: 503 }, { status: 204 }, { status: 503 }, { status: 204 });
    await table.update('org', 'r', { v: 1 }, 'W/"e1"');
    now = 30_000;
    await table.update('org', 'r', { v: 2 }, 'W/"e2"');
    now = 61_000;
    await table.update('org', 'r', { v: 3 }, 'W/"e3"');
    assert.deepEqual(
      lines.map(({ table, status, code, fallbacks, msg }) => ({ table, status, code, fallbacks, msg })),
      [
        { table: 'drafts', status: 503, code: '', fallbacks: 1, msg: 'table write fell back to the SDK' },
        { table: 'drafts', status: 503, code: '', fallbacks: 2, msg: 'table write fell back to the SDK' },
      ],
    );
  });

  it('hands the same write to the SDK after a 503 or a dropped connection, and a 412 there is a ConflictError', async () => {
    const meter = new StorageMeter();
    const table = docs(credential([]), meter);
    fake.answers.push({ status: 503 });
    const { value: stored, ops } = await meter.measure(() => table.update('org', 'r', { v: 1 }, 'W/"e1"'));
    assert.deepEqual(ops, { reads: 0, writes: 2, enqueues: 0 }, 'each request once: the direct one and the SDK one');
    assert.deepEqual(fake.seen.map((s) => s.viaSdk), [false, true]);
    assert.equal(fake.seen[1]?.body, fake.seen[0]?.body);
    assert.equal(fake.seen[1]?.url, fake.seen[0]?.url);
    assert.equal(fake.seen[1]?.headers['if-match'], 'W/"e1"');
    assert.equal(stored.etag, `W/"datetime'1'"`);
    // a dropped connection: the same
    fake.seen.length = 0;
    fake.answers.push({ status: 0 });
    await table.update('org', 'r', { v: 1 }, 'W/"e2"');
    assert.deepEqual(fake.seen.map((s) => [s.viaSdk, s.headers['if-match']]), [[false, 'W/"e2"'], [true, 'W/"e2"']]);
    // the first attempt landed after all: the SDK's write under the old ETag loses
    fake.answers.push({ status: 500 }, { status: 412 });
    await assert.rejects(table.update('org', 'r', { v: 2 }, 'W/"e1"'), ConflictError);
  });

  it('keeps what a failure answered out of the error: no body, no token', async () => {
    const table = docs(credential([]));
    const leak = 'Bearer eyJhbGciOiJSUzI1NiJ9.c2VjcmV0.c2ln';
    for (const [status, requests] of [[500, 2], [400, 1]] as const) {
      fake.seen.length = 0;
      fake.answers.push({ status, body: leak }, { status, body: leak });
      const error = await table.update('org', 'r', { v: 1 }, '*').then(
        () => assert.fail('the write succeeded'),
        (e: unknown) => e,
      );
      assert.equal(fake.seen.length, requests);
      assert.ok(error instanceof Error);
      assert.doesNotMatch(`${error.message} ${JSON.stringify(loggableError(error))}`, /eyJ|tok1|Bearer/);
      assert.equal(loggableError(error).code, `http-${status}`);
    }
  });
});

describe('store/table-rest-auth: which storage gets the direct path', () => {
  const cred: TokenCredential = { getToken: () => Promise.resolve(null) };
  const endpointOf = (connectionString: string): string | undefined =>
    restTargetFor({ kind: 'connectionString', connectionString })?.endpoint.href;

  it('parses account connection strings as the SDK does, and leaves SAS, Cosmos DB and plain-http tokens to it', () => {
    assert.equal(endpointOf('UseDevelopmentStorage=true'), 'http://127.0.0.1:10002/devstoreaccount1');
    assert.equal(endpointOf('DefaultEndpointsProtocol=https;AccountName=acc;AccountKey=a2V5;EndpointSuffix=core.windows.net'), 'https://acc.table.core.windows.net/');
    assert.equal(endpointOf('DefaultEndpointsProtocol=https;AccountName=acc;AccountKey=a2V5;TableEndpoint=https://t.example/acc/;'), 'https://t.example/acc');
    assert.equal(endpointOf('TableEndpoint=https://acc.table.core.windows.net;SharedAccessSignature=sv=2020&sig=x'), undefined);
    assert.equal(endpointOf('DefaultEndpointsProtocol=https;AccountName=acc;AccountKey=a2V5;TableEndpoint=https://acc.table.cosmos.azure.com'), undefined);
    assert.equal(restTargetFor({ kind: 'account', tableUrl: 'https://acc.table.core.windows.net', credential: cred })?.endpoint.host, 'acc.table.core.windows.net');
    assert.equal(restTargetFor({ kind: 'account', tableUrl: 'http://127.0.0.1:10002/acc', credential: cred }), undefined);
    // behind a proxy the SDK honours it; a direct connect would hang
    const saved = process.env['HTTPS_PROXY'];
    process.env['HTTPS_PROXY'] = 'http://proxy.example:3128';
    try {
      assert.equal(restTargetFor({ kind: 'account', tableUrl: 'https://acc.table.core.windows.net', credential: cred }), undefined);
    } finally {
      if (saved === undefined) delete process.env['HTTPS_PROXY'];
      else process.env['HTTPS_PROXY'] = saved;
    }
  });
});
