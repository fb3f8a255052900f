import assert from 'node:assert/strict';
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { DocumentTable, CHUNK_CHARS, splitJson, toAsciiJson } from '../../src/store/document-table.js';
import {
  AlreadyExistsError,
  ConflictError,
  DocumentTooLargeError,
  RowParseError,
} from '../../src/store/errors.js';
import { createTableClientFactory, ensureTables } from '../../src/store/tables.js';
import { startAzurite } from '../support/azurite.js';
import type { AzuriteHandle } from '../support/azurite.js';

const DocSchema = z.object({ title: z.string(), body: z.string(), tags: z.array(z.string()) });
type Doc = z.infer<typeof DocSchema>;

describe('store/DocumentTable on Azurite', () => {
  let azurite: AzuriteHandle;
  let client: TableClient;
  let docs: DocumentTable<Doc>;

  before(async () => {
    azurite = await startAzurite();
    const factory = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString });
    await ensureTables(factory, ['docs']);
    await ensureTables(factory, ['docs']); // idempotent: the second run ignores the 409
    client = factory('docs');
    docs = new DocumentTable(client, DocSchema, (d) => ({ title: d.title, tagCount: d.tags.length }));
  });

  after(async () => {
    await azurite.stop();
  });

  it('round-trips a document and its index columns', async () => {
    const created = await docs.create('org', 'r1', { title: 'a', body: 'b', tags: ['x'] });
    const read = await docs.get('org', 'r1');
    assert.deepEqual(read?.value, { title: 'a', body: 'b', tags: ['x'] });
    assert.equal(read?.etag, created.etag);
    const raw = await client.getEntity<Record<string, unknown>>('org', 'r1');
    assert.equal(raw['title'], 'a');
    assert.equal(raw['tagCount'], 1);
    assert.equal(raw['dc'], 1);
  });

  it('returns undefined for a missing row', async () => {
    assert.equal(await docs.get('org', 'nope'), undefined);
  });

  it('refuses to create an existing key with AlreadyExistsError', async () => {
    await docs.create('org', 'dup', { title: 'a', body: '', tags: [] });
    await assert.rejects(docs.create('org', 'dup', { title: 'b', body: '', tags: [] }), AlreadyExistsError);
    assert.equal((await docs.get('org', 'dup'))?.value.title, 'a');
  });

  it('turns a stale ETag (HTTP 412) into a ConflictError and keeps the newer write', async () => {
    const v1 = await docs.create('org', 'cc', { title: 'v1', body: '', tags: [] });
    const v2 = await docs.update('org', 'cc', { title: 'v2', body: '', tags: [] }, v1.etag);
    assert.notEqual(v2.etag, v1.etag);
    const err = await docs.update('org', 'cc', { title: 'stale', body: '', tags: [] }, v1.etag).catch((e: unknown) => e);
    assert.ok(err instanceof ConflictError);
    assert.equal(err.rowKey, 'cc');
    assert.equal((await docs.get('org', 'cc'))?.value.title, 'v2');
    await assert.rejects(docs.delete('org', 'cc', v1.etag), ConflictError);
    assert.equal(await docs.delete('org', 'cc', v2.etag), true);
    assert.equal(await docs.delete('org', 'cc'), false);
  });

  it('treats an update of a row deleted since it was read as a conflict', async () => {
    const v1 = await docs.create('org', 'gone', { title: 'x', body: '', tags: [] });
    await docs.delete('org', 'gone');
    await assert.rejects(docs.update('org', 'gone', { title: 'y', body: '', tags: [] }, v1.etag), ConflictError);
  });

  it('names the row when a stored document does not match the schema', async () => {
    await client.createEntity({ partitionKey: 'org', rowKey: 'bad', dc: 1, d0: JSON.stringify({ title: 42 }) });
    const err = await docs.get('org', 'bad').catch((e: unknown) => e);
    assert.ok(err instanceof RowParseError);
    assert.equal(err.table, 'docs');
    assert.equal(err.partitionKey, 'org');
    assert.equal(err.rowKey, 'bad');
    assert.match(err.message, /docs\/org\/bad/);
    assert.match(err.message, /title: invalid_type/);
    assert.doesNotMatch(err.message, /42/);
  });

  it('names the row when the JSON is broken or a chunk is missing', async () => {
    await client.createEntity({ partitionKey: 'org', rowKey: 'notjson', dc: 1, d0: '{"title": "geheim' });
    await client.createEntity({ partitionKey: 'org', rowKey: 'short', dc: 2, d0: '{}' });
    await client.createEntity({ partitionKey: 'org', rowKey: 'nocount', title: 'x' });
    for (const rk of ['notjson', 'short', 'nocount']) {
      const err = await docs.get('org', rk).catch((e: unknown) => e);
      assert.ok(err instanceof RowParseError, rk);
      assert.equal(err.rowKey, rk);
      assert.doesNotMatch(err.message, /geheim/);
    }
  });

  it('round-trips a document larger than 64 KB of JSON with accents and emoji intact', async () => {
    const body = 'Geëscaleerd café-incident 😀 '.repeat(4_000);
    const doc = { title: 'groot', body, tags: Array.from({ length: 500 }, (_, i) => `tag-${i}-é`) };
    assert.ok(JSON.stringify(doc).length > 64 * 1024);
    await docs.create('org', 'large', doc);
    const read = await docs.get('org', 'large');
    // compared without deepEqual: a failing diff of 100 KB helps nobody
    assert.ok(read?.value.body === body, 'body came back altered');
    assert.deepEqual(read.value.tags, doc.tags);
    const raw = await client.getEntity<Record<string, unknown>>('org', 'large');
    assert.ok(typeof raw['dc'] === 'number' && raw['dc'] >= 4);
  });

  it('refuses a document beyond the entity limit instead of letting Azure fail halfway', async () => {
    const body = 'y'.repeat(CHUNK_CHARS * 16);
    await assert.rejects(docs.create('org', 'huge', { title: 't', body, tags: [] }), DocumentTooLargeError);
  });

  it('validates on write: an invalid document is never stored', async () => {
    const invalid = { title: 1, body: '', tags: [] } as unknown as Doc;
    await assert.rejects(docs.upsert('org', 'inv', invalid));
    assert.equal(await docs.get('org', 'inv'), undefined);
  });

  it('lists and counts within a partition by index column', async () => {
    await docs.create('p2', 'a', { title: 'same', body: '', tags: [] });
    await docs.create('p2', 'b', { title: 'same', body: '', tags: ['1'] });
    await docs.create('p2', 'c', { title: 'other', body: '', tags: [] });
    await docs.create('p3', 'd', { title: 'same', body: '', tags: [] });
    assert.equal((await docs.list('p2')).length, 3);
    assert.deepEqual((await docs.list('p2', "title eq 'same'")).map((r) => r.value.tags.length).sort(), [0, 1]);
    assert.equal(await docs.count('p2', "title eq 'same'"), 2);
    assert.equal(await docs.count('p3'), 1);
  });
});

describe('store/toAsciiJson and splitJson', () => {
  it('writes pure ASCII that parses back to the same value, in chunks of at most CHUNK_CHARS', () => {
    const value = { t: 'ë😀\u2028'.repeat(20_000) };
    const json = toAsciiJson(value);
    assert.match(json, /^[\x20-\x7e]*$/);
    assert.deepEqual(JSON.parse(json), value);
    const chunks = splitJson(json);
    assert.equal(chunks.join(''), json);
    assert.ok(chunks.every((c) => c.length <= CHUNK_CHARS));
    assert.equal(chunks[0]?.length, CHUNK_CHARS);
  });
});

describe('store/createTableClientFactory', () => {
  it('builds clients for an account URL with a token credential (production shape)', () => {
    const credential = { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 60_000 }) };
    const factory = createTableClientFactory({
      kind: 'account',
      tableUrl: 'https://weerbaar.table.core.windows.net',
      credential,
    });
    const c = factory('incidents');
    assert.equal(c.tableName, 'incidents');
    assert.equal(c.url, 'https://weerbaar.table.core.windows.net');
  });
});
