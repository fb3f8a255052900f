import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { IncidentSchema, type Incident } from '../../src/domain/incident-schema.js';
import { DocumentTable } from '../../src/store/document-table.js';
import { MAX_MATCH_KEYS, plegerMatchKeys } from '../../src/store/pleger-key.js';
import type { Store } from '../../src/store/ports.js';
import { createTableStore } from '../../src/store/table-store.js';
import { TABLES, createTableClientFactory, ensureTables, type TableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { StorageMeter } from '../../src/store/storage-meter.js';
import { makeIncident } from './incident-fixture.js';

const PIET = { bekend: true, naam: 'Piet Pleger', contact: 'piet.pleger@example.nl', voertuig: 'Golf 12-ABC-3', eerderContact: false };
const CLEAR = ['piet', 'example', '12abc3', '12-abc-3', 'golf', 'x:'];

describe('the pleger index (src/store/pleger-index.ts): one row per key, in the melding\'s own transaction', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let factory: TableClientFactory;
  let store: Store;

  before(async () => {
    az = await startAzurite();
    factory = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    await ensureTables(factory);
    store = createTableStore(factory);
  });
  after(() => az.stop());

  /** Every row of the index of an organisation as stored, tombstones included. */
  async function rawRows(org: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    const filter = odata`PartitionKey eq ${org} and RowKey ge ${'~pleger_'} and RowKey lt ${'~pleger`'}`;
    for await (const e of factory(TABLES.incidents).listEntities<Record<string, unknown>>({ queryOptions: { filter } })) rows.push(e);
    return rows;
  }

  const about = (org: string, ambtsdrager: string, changes: Partial<Incident> = {}): Incident =>
    makeIncident({ organisationId: org, ambtsdrager: { aadObjectId: ambtsdrager, role: 'raadslid' }, ...changes });

  it('finds a melding about another ambtsdrager by e-mail address, and no index row or column holds a detail in clear', async () => {
    const org = `org-${randomUUID().slice(0, 8)}`;
    const first = about(org, 'AAD-1', { pleger: PIET, online: { platform: 'X', account: '@piet_x', gemeldBijPlatform: false } });
    await store.counters.file(first, 2026);
    const second = about(org, 'aad-2', { pleger: { bekend: false, omschrijving: 'man', contact: 'PIET.PLEGER@example.nl', eerderContact: false } });
    await store.incidents.create(second);

    const found = await store.plegers.matches(org, plegerMatchKeys(second), second.id);
    assert.deepEqual(found.map((m) => [m.incidentId, m.ambtsdragerId, m.number, m.coordinator]), [[first.id, 'aad-1', '2026-0001', true]]);
    assert.deepEqual(await store.plegers.matches(`${org}-ander`, plegerMatchKeys(second)), [], 'never across organisations');

    const rows = await rawRows(org);
    assert.equal(rows.length, 4 + 1, 'name, e-mail, account and plate of the first; the e-mail of the second (its pleger key is that contact detail too)');
    const stored = JSON.stringify([rows, (await factory(TABLES.incidents).getEntity(org, first.id, { queryOptions: { select: ['plegerKeys', 'plegerKey'] } }))]).toLowerCase();
    for (const clear of CLEAR) assert.ok(!stored.includes(clear), `"${clear}" is not stored in an index`);
  });

  it('follows a change: a key the melding no longer names finds it no more, a new one does, handlers and decisions are current', async () => {
    const org = `org-${randomUUID().slice(0, 8)}`;
    const incident = about(org, 'aad-1', { pleger: { bekend: true, naam: 'Jan', eerderContact: false } });
    const created = await store.incidents.create(incident);
    const changed = {
      ...incident,
      pleger: { bekend: true, naam: 'Jan de Vries', eerderContact: false },
      handlerIds: ['griffier-1'],
      decision: { types: ['toegangsontzegging' as const], endDate: '2027-01-01T00:00:00.000Z', decidedBy: { aadObjectId: 'griffier-1' }, decidedAt: '2026-12-01T00:00:00.000Z' },
    };
    await store.incidents.update(changed, created.etag);
    assert.deepEqual(await store.plegers.matches(org, plegerMatchKeys(incident)), [], 'the old name finds nothing');
    const [now] = await store.plegers.matches(org, plegerMatchKeys(changed));
    assert.deepEqual([now?.incidentId, now?.handlerIds, now?.toegangTot], [incident.id, ['griffier-1'], '2027-01-01T00:00:00.000Z']);
  });

  it('costs a change no read where this instance read the melding, and one small read where another did', async () => {
    const org = `org-${randomUUID().slice(0, 8)}`;
    const meter = new StorageMeter();
    const [here, there] = [createTableStore(meter.tables(factory)), createTableStore(meter.tables(factory))];
    const incident = about(org, 'aad-1', { pleger: { bekend: true, naam: 'Jan', eerderContact: false } });
    await here.incidents.create(incident);
    const read = await here.incidents.get(org, incident.id);
    assert.ok(read);
    const renamed = { ...incident, pleger: { bekend: true, naam: 'Jan de Vries', eerderContact: false } };
    const own = await meter.measure(() => here.incidents.update(renamed, read.etag));
    assert.deepEqual({ reads: own.ops.reads, writes: own.ops.writes }, { reads: 0, writes: 1 });
    const other = await meter.measure(() => there.incidents.update({ ...renamed, pleger: { bekend: true, naam: 'Klaas', eerderContact: false } }, own.value.etag));
    assert.deepEqual({ reads: other.ops.reads, writes: other.ops.writes }, { reads: 1, writes: 1 });
    for (const gone of [incident, renamed]) assert.deepEqual(await here.plegers.matches(org, plegerMatchKeys(gone)), [], gone.pleger.naam);
  });

  it('adds the rows of meldingen stored before the index once, and retires their old keys on a change', async () => {
    const org = `org-${randomUUID().slice(0, 8)}`;
    // written as earlier versions did: the document and no index rows or key column
    const old = about(org, 'aad-1', { pleger: PIET });
    const created = await new DocumentTable(factory(TABLES.incidents), IncidentSchema).create(org, old.id, old);
    const fresh = createTableStore(factory);
    const found = await fresh.plegers.matches(org, plegerMatchKeys(old));
    assert.deepEqual(found.map((m) => m.incidentId), [old.id]);
    await fresh.incidents.update({ ...old, pleger: { bekend: true, naam: 'Iemand anders', eerderContact: false } }, created.etag);
    assert.deepEqual(await fresh.plegers.matches(org, plegerMatchKeys(old)), []);
  });

  it('files 40 meldingen at once with the most keys each: every one numbered, every key indexed', async () => {
    const org = `org-${randomUUID().slice(0, 8)}`;
    const many = Array.from({ length: 40 }, (_, i) =>
      about(org, `aad-${i}`, {
        pleger: { bekend: true, naam: 'Piet', contact: `a${i}@example.nl b${i}@example.nl c${i}@example.nl @piet${i}`, voertuig: `${10 + i}-ABC-1 XX-${10 + i}-XX`, eerderContact: false },
        online: { platform: 'X', account: `@p${i}`, url: `https://www.instagram.com/p${i}`, gemeldBijPlatform: false },
      }),
    );
    assert.ok(many.every((m) => plegerMatchKeys(m).length === MAX_MATCH_KEYS));
    const filed = await Promise.all(many.map((m) => store.counters.file(m, 2026)));
    assert.equal(new Set(filed.map((f) => f.incident.value.number)).size, 40);
    assert.equal((await rawRows(org)).length, 40 * MAX_MATCH_KEYS);
    assert.equal((await store.plegers.matches(org, plegerMatchKeys(many[0]!))).length, 40, 'the shared name finds them all');
  });

  it('removes every row of one melding, its tombstones too, and nothing of another', async () => {
    const org = `org-${randomUUID().slice(0, 8)}`;
    const gone = about(org, 'aad-1', { pleger: PIET });
    const stays = about(org, 'aad-2', { pleger: PIET });
    const created = await store.incidents.create(gone);
    await store.incidents.create(stays);
    await store.incidents.update({ ...gone, pleger: { bekend: true, naam: 'Anders', eerderContact: false } }, created.etag);
    assert.equal(await store.plegers.deleteFor(org, gone.id), plegerMatchKeys(gone).length + 1);
    const left = await rawRows(org);
    assert.ok(left.length > 0 && left.every((r) => r['incidentId'] === stays.id));
  });

  it('answers whether an organisation holds a key: a live row counts, a retired key and another organisation do not', async () => {
    const org = `org-${randomUUID().slice(0, 8)}`;
    const jan = { bekend: true, naam: 'Jan', eerderContact: false };
    const created = await store.incidents.create(about(org, 'aad-1', { pleger: jan }));
    assert.equal(await store.plegers.holdsAny(org, plegerMatchKeys({ pleger: jan })), true);
    assert.equal(await store.plegers.holdsAny(`${org}-ander`, plegerMatchKeys({ pleger: jan })), false);
    await store.incidents.update({ ...created.value, pleger: { bekend: true, naam: 'Klaas', eerderContact: false } }, created.etag);
    assert.equal(await store.plegers.holdsAny(org, plegerMatchKeys({ pleger: jan })), false, 'only a tombstone names Jan now');
    assert.equal(await store.plegers.holdsAny(org, []), false);
  });

  it('asked from another organisation, counts the rows there are and leaves adding its older meldingen to its own first lookup', async () => {
    const org = `org-${randomUUID().slice(0, 8)}`;
    const old = about(org, 'aad-1', { pleger: PIET });
    await new DocumentTable(factory(TABLES.incidents), IncidentSchema).create(org, old.id, old);
    const fresh = createTableStore(factory);
    assert.equal(await fresh.plegers.holdsAny(org, plegerMatchKeys(old)), false);
    assert.deepEqual(await rawRows(org), [], 'no document of that organisation listed, no row written');
    assert.deepEqual((await fresh.plegers.matches(org, plegerMatchKeys(old))).map((m) => m.incidentId), [old.id]);
    assert.equal(await fresh.plegers.holdsAny(org, plegerMatchKeys(old)), true);
  });
});
