import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { Incident } from '../../src/domain/incident-schema.js';
import { loadYearCounts, reportTimesChanged, type BookingsSource } from '../../src/flows/rapport/rows.js';
import { createTableClientFactory, TABLES } from '../../src/store/tables.js';
import { anIncident } from '../domain/fixtures.js';
import { testServices, type TestStack } from '../support/services.js';

const at = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

describe('rapport: the projection the report reads instead of the meldingen', function () {
  this.timeout(60_000);
  let s: TestStack;
  const incidents = () => createTableClientFactory({ kind: 'connectionString', connectionString: s.az.connectionString })(TABLES.incidents);

  beforeEach(async () => {
    s = await testServices();
  });
  afterEach(async () => {
    await s.stop();
  });

  async function store(n: number, changes: Partial<Incident> = {}): Promise<Incident[]> {
    const out: Incident[] = [];
    for (let i = 0; i < n; i++) {
      const incident = anIncident('gemeld', { id: randomUUID(), organisationId: s.services.orgId, reportedAt: '2026-03-02T10:00:00.000Z', occurredAt: '2026-03-02T09:00:00.000Z', ...changes });
      out.push((await s.services.store.incidents.create(incident)).value);
    }
    return out;
  }

  /** The projection's rows of the organisation as stored: what they hold, property by property. */
  async function storedRows(): Promise<Record<string, unknown>[]> {
    const [from, to] = ['~rapport_', '~rapport`'];
    const filter = odata`PartitionKey eq ${s.services.orgId} and RowKey ge ${from} and RowKey lt ${to}`;
    const rows: Record<string, unknown>[] = [];
    for await (const e of incidents().listEntities<Record<string, unknown>>({ queryOptions: { filter } })) rows.push(e);
    return rows;
  }

  it('writes a melding\'s row with the melding, counts only, and moves it when the melding changes', async () => {
    const [first] = await store(3, { description: 'GEHEIM-INHOUD', pleger: { bekend: true, naam: 'Jan Pleger', eerderContact: false } });
    const rows = await storedRows();
    assert.equal(rows.length, 3);
    const text = JSON.stringify(rows);
    assert.doesNotMatch(text, /GEHEIM|Jan Pleger|Fleur|description|naam/i, 'no content, no names');
    const stored = await s.services.store.incidents.get(s.services.orgId, first!.id);
    await s.services.store.incidents.update({ ...stored!.value, state: 'afgesloten', closedAt: '2026-03-05T10:00:00.000Z' }, stored!.etag);
    const [counts] = await loadYearCounts(s.services, [2026]);
    assert.deepEqual(counts?.partitions.status, { open: 2, afgesloten: 1 });
    assert.equal(counts?.herhaald, 1, 'the same pleger three times');
  });

  it('builds the rows of meldingen stored before the projection existed, once, and then counts them', async () => {
    await store(4, { kanaal: 'telefoon' });
    // as an earlier version left them: meldingen without rows, and no mark that the projection was built
    for (const row of await storedRows()) await incidents().deleteEntity(s.services.orgId, String(row['rowKey']));
    await incidents().deleteEntity(s.services.orgId, '~rapport-jaar_2026');
    assert.equal((await storedRows()).length, 0);
    const [counts] = await loadYearCounts(s.services, [2026]);
    assert.equal(counts?.total, 4);
    assert.equal(counts?.partitions.kanaal['telefoon'], 4);
    assert.equal((await storedRows()).length, 4);
    assert.deepEqual(await s.services.store.reports.built(s.services.orgId), { meldingen: true, boekingen: false });
  });

  it('counts a year again after a change of its meldingen, and keeps the year before as it was counted', async () => {
    await store(2);
    await store(1, { reportedAt: '2025-06-02T10:00:00.000Z', occurredAt: '2025-06-02T09:00:00.000Z' });
    const [now, before] = await loadYearCounts(s.services, [2026, 2025]);
    assert.deepEqual([now?.total, before?.total], [2, 1]);
    await store(1);
    const [again] = await loadYearCounts(s.services, [2026]);
    assert.equal(again?.total, 3, 'the new melding counts at once');
  });

  it('takes the times of the booked conversations, the newest bookings winning over an older change written later', async () => {
    const [incident] = await store(1, { deadlines: [{ kind: 'nazorg-1', dueBy: '2026-03-03T09:00:00.000Z' }, { kind: 'incidentgesprek', dueBy: '2026-03-05T09:00:00.000Z' }] });
    const versions: Record<string, { items: { kind: string; start: string; status: 'geboekt' }[]; updatedAt: string }> = {
      old: { items: [{ kind: 'nazorg-1', start: at(incident!.occurredAt, 30), status: 'geboekt' }], updatedAt: '2026-03-02T11:00:00.000Z' },
      new: { items: [{ kind: 'nazorg-1', start: at(incident!.occurredAt, 6), status: 'geboekt' }], updatedAt: '2026-03-02T12:00:00.000Z' },
    };
    let current = versions['new'];
    const bookings: BookingsSource = { bookingsFor: () => Promise.resolve(current) };
    await reportTimesChanged(s.services, bookings)(incident!.id);
    current = versions['old'];
    await reportTimesChanged(s.services, bookings)(incident!.id);
    const [counts] = await loadYearCounts(s.services, [2026], bookings);
    assert.deepEqual({ binnen: counts?.nazorg.binnen, buiten: counts?.nazorg.buiten, uren: counts?.nazorg.uren }, { binnen: 1, buiten: 0, uren: { '6': 1 } });
  });
});
