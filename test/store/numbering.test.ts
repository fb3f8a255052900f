import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { TableCounterRepository } from '../../src/store/counter-repository.js';
import type { Filed, UnnumberedIncident } from '../../src/store/ports.js';
import { StorageMeter } from '../../src/store/storage-meter.js';
import { createTableStore } from '../../src/store/table-store.js';
import { TABLES, createTableClientFactory, ensureTables, type TableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { makeIncident } from './incident-fixture.js';

function unnumbered(orgId: string, overrides: Partial<UnnumberedIncident> = {}): UnnumberedIncident {
  const { number: _, ...rest } = makeIncident({ organisationId: orgId, id: randomUUID() });
  return { ...rest, ...overrides };
}

const seq = (n: number): string[] => Array.from({ length: n }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`);
const sorted = (xs: string[]): string[] => [...xs].sort();

describe('the melding number, given when the melding is stored (one transaction)', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let factory: TableClientFactory;
  let orgSeq = 0;
  const newOrg = (): string => `numbering-${++orgSeq}`;
  const repo = (f: TableClientFactory = factory) => new TableCounterRepository(f(TABLES.incidents), f(TABLES.counters));
  const store = () => createTableStore(factory);

  before(async () => {
    az = await startAzurite();
    factory = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    await ensureTables(factory);
  });
  after(() => az.stop());

  it('50 meldingen at once in one organisation: all stored, numbered 1..50, no gap, no repeat', async () => {
    const org = newOrg();
    const counters = repo();
    const filed = await Promise.all(Array.from({ length: 50 }, () => counters.file(unnumbered(org), 2026)));
    assert.ok(filed.every((f) => f.outcome === 'created'));
    assert.deepEqual(sorted(filed.map((f) => f.incident.value.number)), seq(50));
    const stored = await store().incidents.listByOrganisation(org);
    assert.equal(stored.length, 50, 'the counter row is not listed as a melding');
    assert.deepEqual(sorted(stored.map((s) => s.value.number)), seq(50));
  });

  it('the same melding filed 20 times at once is stored once and uses one number', async () => {
    const org = newOrg();
    const counters = repo();
    const one = unnumbered(org);
    const filed = await Promise.all(Array.from({ length: 20 }, () => counters.file(one, 2026)));
    assert.deepEqual(new Set(filed.map((f) => f.incident.value.number)), new Set(['2026-0001']));
    assert.equal(filed.filter((f) => f.outcome === 'created').length, 1);
    const next = await counters.file(unnumbered(org), 2026);
    assert.equal(next.incident.value.number, '2026-0002', 'no number was burned');
  });

  it('two instances filing at once, with the same meldingen pressed on both: every melding once, numbers gapless', async () => {
    const org = newOrg();
    const [a, b] = [repo(), repo()];
    const meldingen = Array.from({ length: 40 }, () => unnumbered(org));
    const filed: Filed[] = await Promise.all(meldingen.flatMap((m, i) => (i % 4 === 0 ? [a.file(m, 2026), b.file(m, 2026)] : [(i % 2 ? a : b).file(m, 2026)])));
    const byId = new Map<string, Set<string>>();
    for (const f of filed) byId.set(f.incident.value.id, (byId.get(f.incident.value.id) ?? new Set()).add(f.incident.value.number));
    assert.equal(byId.size, 40);
    assert.ok([...byId.values()].every((numbers) => numbers.size === 1), 'both presses of a melding see the same number');
    assert.deepEqual(sorted([...byId.values()].map((n) => [...n][0]!)), seq(40));
    assert.equal((await store().incidents.listByOrganisation(org)).length, 40);
  });

  it('a melding that was stored before (a crash after storing) is handed back, and costs no number', async () => {
    const org = newOrg();
    const first = unnumbered(org);
    const stored = await repo().file(first, 2026);
    // "after a restart": a new instance, nothing in memory
    const again = await repo().file(first, 2026);
    assert.equal(again.outcome, 'existing');
    assert.equal(again.incident.value.number, stored.incident.value.number);
    assert.equal((await repo().file(unnumbered(org), 2026)).incident.value.number, '2026-0002');
  });

  it('a failed write stores nothing and takes no number: the next melding gets the number', async () => {
    const org = newOrg();
    let failNext = true;
    const failing = (name: string): TableClient => {
      const client = factory(name);
      client.pipeline.addPolicy({
        name: 'fail-once',
        sendRequest: async (request, next) => {
          if (failNext && request.url.includes('$batch')) {
            failNext = false;
            throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
          }
          return next(request);
        },
      });
      return client;
    };
    const counters = repo(failing);
    const lost = unnumbered(org);
    await assert.rejects(counters.file(lost, 2026), /connection reset/);
    assert.equal(await store().incidents.get(org, lost.id), undefined);
    assert.equal((await counters.file(unnumbered(org), 2026)).incident.value.number, '2026-0001');
    assert.equal((await counters.file(lost, 2026)).incident.value.number, '2026-0002', 'pressed again, it is filed then');
  });

  it('a melding that cannot be written fails alone; the others of its burst keep consecutive numbers', async () => {
    const org = newOrg();
    const counters = repo();
    const bad = unnumbered(org, { description: 'x'.repeat(100_000) });
    const results = await Promise.allSettled([
      counters.file(unnumbered(org), 2026),
      counters.file(bad, 2026),
      counters.file(unnumbered(org), 2026),
      counters.file(unnumbered(org), 2026),
    ]);
    assert.equal(results[1]!.status, 'rejected');
    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.incident.value.number] : []));
    assert.deepEqual(sorted(numbers), seq(3));
  });

  it('counts per organisation and per year, and goes on from the counter of earlier versions', async () => {
    const org = newOrg();
    await factory(TABLES.counters).createEntity({ partitionKey: org, rowKey: '2026', value: 41 });
    const counters = repo();
    assert.equal((await counters.file(unnumbered(org), 2026)).incident.value.number, '2026-0042');
    assert.equal((await counters.file(unnumbered(org), 2027)).incident.value.number, '2027-0001');
    assert.equal((await counters.file(unnumbered(newOrg()), 2026)).incident.value.number, '2026-0001');
    assert.equal((await repo().file(unnumbered(org), 2026)).incident.value.number, '2026-0043');
  });

  it('costs one write per melding once the counter is known, and a burst shares its transactions', async () => {
    const meter = new StorageMeter();
    const counters = repo(meter.tables(factory));
    const org = newOrg();
    const first = await meter.measure(() => counters.file(unnumbered(org), 2026));
    // the counter row and the counter of earlier versions are looked for once
    assert.deepEqual(first.ops, { reads: 2, writes: 1, enqueues: 0 });
    const second = await meter.measure(() => counters.file(unnumbered(org), 2026));
    assert.deepEqual(second.ops, { reads: 0, writes: 1, enqueues: 0 });
    const burst = await meter.measure(() => Promise.all(Array.from({ length: 30 }, () => counters.file(unnumbered(org), 2026))));
    assert.equal(burst.ops.reads, 0);
    assert.ok(burst.ops.writes <= 3, `30 meldingen in ${burst.ops.writes} transactions`);
  });
});
