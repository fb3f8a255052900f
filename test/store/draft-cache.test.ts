import assert from 'node:assert/strict';
import { z } from 'zod';
import { CachedDraftRepository, StaleDraftError } from '../../src/store/draft-cache.js';
import { ConflictError } from '../../src/store/errors.js';
import { StorageMeter } from '../../src/store/storage-meter.js';
import { createTableStore } from '../../src/store/table-store.js';
import { createTableClientFactory, ensureTables } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';

const Schema = z.object({ step: z.string(), notes: z.array(z.string()) });
type Doc = z.infer<typeof Schema>;

describe('CachedDraftRepository: the draft this instance wrote, without a read', () => {
  let az: AzuriteHandle;
  let meter: StorageMeter;
  let make: () => CachedDraftRepository<Doc>;
  let person = 0;
  const next = () => `person-${++person}`;

  before(async () => {
    az = await startAzurite();
    meter = new StorageMeter();
    const tables = meter.tables(createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString }));
    await ensureTables(tables);
    make = () => new CachedDraftRepository(createTableStore(tables).drafts(Schema), 2);
  });
  after(() => az.stop());

  it('answers recent() from memory after its own write, and a step costs one write', async () => {
    const drafts = make();
    const who = next();
    const saved = await drafts.save('org', who, { step: 'wie', notes: [] });
    const { ops } = await meter.measure(async () => {
      const found = await drafts.recent('org', who);
      assert.equal(found?.value.step, 'wie');
      found.value.notes.push('changed by a caller');
      await drafts.save('org', who, { step: 'wat', notes: [] }, saved.etag);
    });
    assert.deepEqual(ops, { reads: 0, writes: 1, enqueues: 0 });
    assert.deepEqual((await drafts.recent('org', who))?.value, { step: 'wat', notes: [] }, 'what a caller changes is not kept');
  });

  it('a write on a copy that another instance made stale is a StaleDraftError, and then the store is read', async () => {
    const [a, b] = [make(), make()];
    const who = next();
    await a.save('org', who, { step: 'wie', notes: [] });
    const atB = await b.get('org', who);
    await b.save('org', who, { step: 'wie', notes: ['bijlage'] }, atB?.etag);
    const stale = await a.recent('org', who);
    await assert.rejects(a.save('org', who, { step: 'wat', notes: [] }, stale?.etag), StaleDraftError);
    const { value, ops } = await meter.measure(() => a.recent('org', who));
    assert.deepEqual(value?.value.notes, ['bijlage']);
    assert.equal(ops.reads, 1);
  });

  it('a race inside this instance stays a ConflictError: the first write wins', async () => {
    const drafts = make();
    const who = next();
    await drafts.save('org', who, { step: 'wie', notes: [] });
    const [one, two] = [await drafts.recent('org', who), await drafts.recent('org', who)];
    await drafts.save('org', who, { step: 'wat', notes: [] }, one?.etag);
    await assert.rejects(drafts.save('org', who, { step: 'pleger', notes: [] }, two?.etag), (e) => e instanceof ConflictError);
  });

  it('assertStored refuses a decision on a copy from memory, not on one read from the store', async () => {
    const drafts = make();
    const who = next();
    await drafts.save('org', who, { step: 'wie', notes: [] });
    const fromMemory = await drafts.recent('org', who);
    assert.throws(() => drafts.assertStored('org', who, fromMemory!.value), StaleDraftError);
    const fromStore = await drafts.recent('org', who);
    assert.doesNotThrow(() => drafts.assertStored('org', who, fromStore!.value));
  });

  it('keeps at most its bound, the least recently used going first', async () => {
    const drafts = make();
    const [p, q, r] = [next(), next(), next()];
    for (const who of [p, q, r]) await drafts.save('org', who, { step: 'wie', notes: [] });
    const { ops } = await meter.measure(async () => {
      await drafts.recent('org', q);
      await drafts.recent('org', r);
      await drafts.recent('org', p);
    });
    assert.equal(ops.reads, 1, 'only the first one saved was dropped');
  });
});
