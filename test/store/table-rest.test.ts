import assert from 'node:assert/strict';
import dc from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { DocumentTable, MAX_CHUNKS, type IndexColumns } from '../../src/store/document-table.js';
import { ConflictError } from '../../src/store/errors.js';
import { createTableClientFactory, ensureTables, type TableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';

const DocSchema = z.object({ text: z.string(), score: z.number() });
type Doc = z.infer<typeof DocSchema>;

/** The requests the SDK's pipeline of `client` sends, by method: what did not go the direct way. */
function sdkRequests(client: TableClient): string[] {
  const seen: string[] = [];
  client.pipeline.addPolicy({
    name: 'testSdkRequests',
    sendRequest: (request, next) => {
      seen.push(request.method);
      return next(request);
    },
  });
  return seen;
}

describe('store/table-rest: a replace under its ETag straight over HTTP, on Azurite', () => {
  let az: AzuriteHandle;
  let factory: TableClientFactory;

  before(async () => {
    az = await startAzurite();
    factory = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    await ensureTables(factory, ['restdocs']);
  });
  after(() => az.stop());

  function table(indexOf: (d: Doc) => IndexColumns): { client: TableClient; docs: DocumentTable<Doc>; sdk: string[] } {
    const client = factory('restdocs');
    return { client, docs: new DocumentTable(client, DocSchema, indexOf), sdk: sdkRequests(client) };
  }

  it('lands the row the SDK would have stored, with the ETag the service gave, seen by the bench probe', async () => {
    const { client, docs, sdk } = table((d) => ({ status: 'open', n: -7, urgent: d.score > 1, empty: '' }));
    const created = await docs.create('org', 'a', { text: 'eerste', score: 1 });
    const host = new URL(az.tableUrl).host;
    const hosts: string[] = [];
    const onStart = (message: unknown): void => {
      const { request } = message as { request: ClientRequest };
      hosts.push(String(request.getHeader('host')));
    };
    dc.subscribe('http.client.request.start', onStart);
    let updated;
    try {
      updated = await docs.update('org', 'a', { text: 'tweede \u00e9 "quoted"', score: 2 }, created.etag);
    } finally {
      dc.unsubscribe('http.client.request.start', onStart);
    }
    assert.deepEqual(sdk, ['POST'], 'the replace did not pass the SDK pipeline');
    assert.deepEqual(hosts, [host]);
    const stored = await client.getEntity<Record<string, unknown>>('org', 'a');
    const { etag, timestamp, 'odata.metadata': _metadata, ...properties } = stored;
    assert.ok(timestamp);
    assert.equal(etag, updated.etag);
    assert.deepEqual(properties, { ...docs.toEntity('org', 'a', { text: 'tweede \u00e9 "quoted"', score: 2 }).entity });
    assert.deepEqual(properties['urgent'], true);
    // a later SDK update accepts the ETag of the direct write
    await client.updateEntity({ partitionKey: 'org', rowKey: 'a', dc: 1, d0: '{"text":"x","score":0}' }, 'Replace', { etag: updated.etag });
  });

  it('answers a stale ETag and a deleted row with ConflictError, without the SDK', async () => {
    const { client, docs, sdk } = table(() => ({}));
    const v1 = await docs.create('org', 'b', { text: 'a', score: 1 });
    await docs.update('org', 'b', { text: 'b', score: 1 }, v1.etag);
    await assert.rejects(docs.update('org', 'b', { text: 'c', score: 1 }, v1.etag), ConflictError);
    assert.equal((await docs.get('org', 'b'))?.value.text, 'b');
    const gone = await docs.create('org', 'c', { text: 'a', score: 1 });
    await client.deleteEntity('org', 'c');
    await assert.rejects(docs.update('org', 'c', { text: 'b', score: 1 }, gone.etag), ConflictError);
    assert.deepEqual(sdk.filter((m) => m === 'PUT'), []);
  });

  it("sends keys with quotes and non-ASCII as the SDK does", async () => {
    const { docs, sdk } = table(() => ({}));
    const pk = "o'rg \u00e9 +%";
    const v1 = await docs.create(pk, "r'1", { text: 'a', score: 1 });
    const v2 = await docs.update(pk, "r'1", { text: 'b', score: 1 }, v1.etag);
    assert.deepEqual(await docs.get(pk, "r'1"), { value: { text: 'b', score: 1 }, etag: v2.etag });
    assert.deepEqual(sdk.filter((m) => m === 'PUT'), []);
  });

  it(`sends a document of ${MAX_CHUNKS} chunks directly and reads it back equal`, async () => {
    const { docs, sdk } = table(() => ({}));
    const big: Doc = { text: 'x'.repeat(MAX_CHUNKS * 30_000 - 100), score: 1 };
    const v1 = await docs.create('org', 'big', { text: '', score: 0 });
    const v2 = await docs.update('org', 'big', big, v1.etag);
    assert.deepEqual(sdk.filter((m) => m === 'PUT'), []);
    assert.deepEqual(await docs.get('org', 'big'), { value: big, etag: v2.etag });
  });

  it('leaves a row with a double or a value beyond Int32 to the SDK', async () => {
    for (const [rk, index] of [['d', { score: 1.5 }], ['l', { big: 2 ** 31 }]] as const) {
      const { client, docs, sdk } = table(() => index);
      const v1 = await docs.create('org', rk, { text: 'a', score: 1 });
      const v2 = await docs.update('org', rk, { text: 'b', score: 1 }, v1.etag);
      assert.deepEqual(sdk, ['POST', 'PUT']);
      assert.equal((await client.getEntity('org', rk)).etag, v2.etag);
    }
  });
});
