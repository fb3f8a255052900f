import assert from 'node:assert/strict';
import { z } from 'zod';
import { DocumentTable } from '../../src/store/document-table.js';
import { StorageMeter } from '../../src/store/storage-meter.js';
import { createTableClientFactory, type TableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';

describe('StorageMeter: storage operations counted at the storage port', () => {
  let az: AzuriteHandle;
  let meter: StorageMeter;
  let tables: TableClientFactory;

  before(async () => {
    az = await startAzurite();
    meter = new StorageMeter();
    tables = meter.tables(createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString }));
    await tables('metered').createTable();
  });
  after(() => az.stop());

  it('counts each request as a read or a write, a transaction as one write', async () => {
    const t = tables('metered');
    const { ops } = await meter.measure(async () => {
      await t.createEntity({ partitionKey: 'p', rowKey: 'a', v: 1 });
      await t.getEntity('p', 'a');
      await t.submitTransaction([['create', { partitionKey: 'p', rowKey: 'b' }], ['delete', { partitionKey: 'p', rowKey: 'a' }]]);
      for await (const _ of t.listEntities()) void _;
    });
    assert.deepEqual(ops, { reads: 2, writes: 2, enqueues: 0 });
  });

  it('charges concurrent pieces of work each with their own operations, and counts enqueues', async () => {
    const t = tables('metered');
    const queue = meter.effects({ enqueue: () => Promise.resolve() });
    const reader = meter.measure(async () => {
      for (let i = 0; i < 3; i++) await t.getEntity('p', 'b');
    });
    const writer = meter.measure(async () => {
      await t.upsertEntity({ partitionKey: 'p', rowKey: 'c' });
      await queue.enqueue({ type: 'x', idempotencyKey: 'k', payload: {} });
    });
    const [r, w] = await Promise.all([reader, writer]);
    assert.deepEqual(r.ops, { reads: 3, writes: 0, enqueues: 0 });
    assert.deepEqual(w.ops, { reads: 0, writes: 1, enqueues: 1 });
  });

  it('sums per label, with the most one turn took, and nests scopes', async () => {
    const t = tables('metered');
    const before = meter.total();
    const outer = await meter.measure(async () => {
      await meter.measureAs('stap', () => t.getEntity('p', 'b'));
      await meter.measureAs('stap', async () => {
        await t.getEntity('p', 'b');
        await t.upsertEntity({ partitionKey: 'p', rowKey: 'd' });
      });
    });
    assert.deepEqual(outer.ops, { reads: 2, writes: 1, enqueues: 0 });
    assert.deepEqual(meter.byLabel().get('stap'), { turns: 2, total: { reads: 2, writes: 1, enqueues: 0 }, maxPerTurn: 2 });
    assert.equal(meter.total().reads - before.reads, 2);
  });

  it('counts a replace sent straight over HTTP (not through the SDK pipeline) as one write', async () => {
    const t = tables('metered');
    const piped: string[] = [];
    t.pipeline.addPolicy({ name: 'testPiped', sendRequest: (request, next) => (piped.push(request.method), next(request)) });
    const docs = new DocumentTable(t, z.object({ v: z.number() }));
    const v1 = await docs.create('p', 'raw', { v: 1 });
    const { ops } = await meter.measure(() => docs.update('p', 'raw', { v: 2 }, v1.etag));
    assert.deepEqual(ops, { reads: 0, writes: 1, enqueues: 0 });
    assert.deepEqual(piped, ['POST']);
  });
});
