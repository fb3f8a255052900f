import assert from 'node:assert/strict';
import { bookNazorg } from '../../src/agenda/jobs.js';
import { transactionIdFor } from '../../src/calendar/graph-mapping.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { FakeGraph } from '../support/fake-graph.js';
import { amsterdam, drain, EMAIL, local, makeIncident, runWhenVisible, startAgenda, type AgendaStack } from './support.js';

describe('agenda: nazorg.boeken through Microsoft Graph (local fake server)', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let fake: FakeGraph;
  let s: AgendaStack;
  const clock = amsterdam('2026-11-23T10:10');

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  beforeEach(async () => {
    fake = await FakeGraph.start();
    s = await startAgenda(az, { now: () => clock, configEnv: { CALENDAR_MODE: 'graph' }, graph: { baseUrl: fake.baseUrl } });
  });
  afterEach(async () => {
    await s.stop();
    await fake.stop();
  });

  async function melding() {
    const incident = makeIncident(s.stack.services, { occurredAt: amsterdam('2026-11-23T09:30') });
    await s.stack.services.store.incidents.create(incident);
    await s.stack.services.effects.enqueue(bookNazorg(incident));
    return incident;
  }

  function assertThreeEvents(incidentId: string): void {
    const evs = fake.events(EMAIL.burgemeester);
    assert.equal(evs.length, 3, 'one event per conversation in the giver\'s mailbox');
    assert.deepEqual(
      evs.map((e) => e.json['transactionId']).sort(),
      [1, 2, 3].map((n) => transactionIdFor(`nazorg:${incidentId}:${n}`)).sort(),
    );
    for (const e of evs) {
      assert.equal(e.json['subject'], 'Nazorggesprek');
      assert.equal(e.json['sensitivity'], 'private');
      assert.equal(e.json['isOnlineMeeting'], true);
      assert.deepEqual(e.json['attendees'], [{ emailAddress: { address: EMAIL.raadslid, name: 'Fleur de Vries' }, type: 'required' }]);
      assert.ok(!JSON.stringify(e.json).includes('Geheime inhoud'), 'nothing of the melding in Outlook');
    }
  }

  it('a 503 on the $batch, then success: one event each, created in one batch', async () => {
    fake.fail({ path: /^\/\$batch$/, inBatch: false, status: 503 });
    const incident = await melding();
    await drain(s.stack.jobs.worker);
    assertThreeEvents(incident.id);
    const batches = fake.requests.filter((r) => r.path === '/$batch');
    assert.equal(batches.length, 2, 'the 503, then the retried batch');
    const schedule = fake.requests.find((r) => r.path.endsWith('/calendar/getSchedule'));
    assert.ok(schedule, 'free/busy was asked');
    const doc = await s.agenda.bookingsFor(incident.id);
    assert.deepEqual(doc?.items.map((i) => [local(i.start), i.status, i.eventId?.startsWith('AAMkAGfake')]), [
      ['2026-11-23T12:15', 'geboekt', true],
      ['2026-11-24T09:00', 'geboekt', true],
      ['2026-12-21T09:30', 'geboekt', true],
    ]);
    assert.equal(s.agenda.icsUrlFor(EMAIL.raadslid), undefined, 'no local feed with Graph');
  });

  it('an outage longer than the adapter\'s retries (responses lost after the work) still ends with one event each', async () => {
    fake.fail({ path: /^\/\$batch$/, inBatch: false, status: 503, afterWork: true, times: 2 });
    const incident = await melding();
    assert.equal(await s.stack.jobs.worker.runOnce(), 1);
    assert.equal((await s.agenda.bookingsFor(incident.id))?.items.every((i) => i.status === 'gepland'), true);
    await runWhenVisible(s.stack.jobs.worker);
    assertThreeEvents(incident.id);
    assert.equal((await s.agenda.bookingsFor(incident.id))?.items.every((i) => i.status === 'geboekt'), true);
    assert.equal((await s.stack.jobs.state.get(`nazorg.boeken:${incident.id}`))?.state.status, 'done');
  });
});
