import assert from 'node:assert/strict';
import { AGENDA_JOBS, bookNazorg } from '../../src/agenda/jobs.js';
import { IncidentSchema, type Incident } from '../../src/domain/incident-schema.js';
import { PeopleDirectory, PersonSchema } from '../../src/people/directory.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { FakeGraph } from '../support/fake-graph.js';
import { startInstances, storeIncidents, type BookerInstance } from './instances.js';
import { amsterdam, drain, EMAIL, makeIncident, startAgenda, type AgendaStack } from './support.js';

const clock = amsterdam('2026-11-23T10:10');
const occurredAt = amsterdam('2026-11-23T09:30');
const GIVERS = [EMAIL.burgemeester, EMAIL.griffier];

/** Raadsleden of their own (each a mailbox), so the givers' calendars are the only shared ones. */
function withRaadsleden(instances: BookerInstance[], count: number): Array<{ aadObjectId: string; email: string }> {
  const extra = Array.from({ length: count }, (_, i) => PersonSchema.parse({
    aadObjectId: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Raadslid ${i}`,
    email: `raadslid${i}@gemeente-lokaal.example`,
    roles: ['raadslid'],
  }));
  for (const instance of instances) {
    instance.stack.services.people = new PeopleDirectory([...instance.stack.services.people.people, ...extra]);
  }
  return extra.map((p) => ({ aadObjectId: p.aadObjectId, email: p.email ?? '' }));
}

function meldingenOf(instance: BookerInstance, raadsleden: Array<{ aadObjectId: string }>): Incident[] {
  return raadsleden.map((r) => {
    const base = makeIncident(instance.stack.services, { occurredAt });
    return IncidentSchema.parse({ ...base, melder: { ...base.melder, aadObjectId: r.aadObjectId }, ambtsdrager: { ...base.ambtsdrager, aadObjectId: r.aadObjectId } });
  });
}

/** Every melding booked by one of the instances, all at once, alternating as a load balancer would. */
async function bookAll(instances: BookerInstance[], incidents: Incident[]): Promise<void> {
  await Promise.all(incidents.map((incident, i) => instances[i % instances.length]?.run(AGENDA_JOBS.nazorg, bookNazorg(incident).payload)));
}

async function assertAllBooked(instance: BookerInstance, incidents: Incident[]): Promise<void> {
  for (const incident of incidents) {
    const doc = await instance.agenda.bookingsFor(incident.id);
    assert.deepEqual(doc?.items.map((i) => i.status), ['geboekt', 'geboekt', 'geboekt'], `melding ${incident.id}`);
  }
}

describe('agenda through Graph under load (local fake Graph)', function () {
  this.timeout(120_000);
  let az: AzuriteHandle;
  let fake: FakeGraph;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  afterEach(() => fake.stop());

  describe('Graph requests per booking', () => {
    let s: AgendaStack;
    beforeEach(async () => {
      fake = await FakeGraph.start();
      s = await startAgenda(az, { now: () => clock, graph: { baseUrl: fake.baseUrl } });
    });
    afterEach(() => s.stop());

    it('books the three nazorg conversations with one getSchedule for every mailbox and one $batch', async () => {
      const incident = makeIncident(s.stack.services, { occurredAt });
      await s.stack.services.store.incidents.create(incident);
      await s.stack.services.effects.enqueue(bookNazorg(incident));
      await drain(s.stack.jobs.worker);
      assert.deepEqual(fake.requests.map((r) => r.path), [`/users/${EMAIL.burgemeester}/calendar/getSchedule`, '/$batch']);
      const asked = fake.requests[0]?.body;
      assert.ok(typeof asked === 'object' && asked !== null && 'schedules' in asked);
      assert.deepEqual(asked.schedules, [EMAIL.burgemeester, EMAIL.griffier, EMAIL.raadslid], 'both givers and the receiver in one call');
      assert.equal(fake.events().length, 3);
    });

    it('books the incidentgesprek with one getSchedule and one $batch', async () => {
      const incident = makeIncident(s.stack.services, { occurredAt });
      await s.stack.services.store.incidents.create(incident);
      await s.stack.services.effects.enqueue({
        type: AGENDA_JOBS.incidentgesprek, idempotencyKey: `ig:${incident.id}`, payload: { orgId: incident.organisationId, incidentId: incident.id },
      });
      await drain(s.stack.jobs.worker);
      assert.deepEqual(fake.requests.map((r) => r.path), [`/users/${EMAIL.griffier}/calendar/getSchedule`, '/$batch']);
      assert.equal(fake.events(EMAIL.griffier).length, 1);
    });
  });

  it('offers the next nazorg giver when the first has no room inside the windows', async () => {
    fake = await FakeGraph.start();
    const [one] = await startInstances(az, 1, { now: () => clock, fake });
    assert.ok(one);
    // the burgemeester is taken for the rest of the week: the first two conversations' windows
    fake.addBusy(EMAIL.burgemeester, amsterdam('2026-11-23T00:00'), amsterdam('2026-11-28T00:00'));
    const [full, free] = meldingenOf(one, withRaadsleden([one], 2));
    assert.ok(full && free);
    await storeIncidents(one, [full]);
    await one.run(AGENDA_JOBS.nazorg, bookNazorg(full).payload);
    const doc = await one.agenda.bookingsFor(full.id);
    assert.deepEqual(doc?.items.map((i) => [i.kind, i.organiser, i.buitenTermijn]), [
      ['nazorg-1', EMAIL.griffier, false],
      ['nazorg-2', EMAIL.griffier, false],
      ['nazorg-3', EMAIL.griffier, false],
    ]);
    assert.equal(fake.events(EMAIL.burgemeester).length, 0);
    assert.equal(fake.events(EMAIL.griffier).length, 3);
    assert.equal(fake.requests.filter((r) => r.path.endsWith('/getSchedule')).length, 1, 'both givers asked in the one call');

    // with room again, the first giver of the profile is the one
    fake.addBusy(EMAIL.griffier, amsterdam('2026-11-23T00:00'), amsterdam('2026-11-28T00:00'));
    await storeIncidents(one, [free]);
    await one.run(AGENDA_JOBS.nazorg, bookNazorg(free).payload);
    const second = await one.agenda.bookingsFor(free.id);
    assert.deepEqual(second?.items.map((i) => i.organiser), [EMAIL.burgemeester, EMAIL.burgemeester, EMAIL.burgemeester]);
    assert.equal(second?.items.filter((i) => i.buitenTermijn).length, 2, 'both are full inside the first windows: the first giver, after them');
  });

  it('two instances booking at once never give a giver two conversations at one moment', async () => {
    // free/busy shows nothing of what was just created: only the reserved moments can keep them apart
    fake = await FakeGraph.start({ freeBusyLagMs: 600_000 });
    const instances = await startInstances(az, 2, { now: () => clock, fake });
    const [a] = instances;
    assert.ok(a);
    const incidents = meldingenOf(a, withRaadsleden(instances, 24));
    await storeIncidents(a, incidents);
    await bookAll(instances, incidents);
    await assertAllBooked(a, incidents);
    assert.equal(fake.events().length, 72);
    for (const giver of GIVERS) assert.deepEqual(fake.overlaps(giver), [], `no overlap in the calendar of ${giver}`);
    assert.ok(fake.events(EMAIL.griffier).length > 0, 'the second giver took what the first had no room for');
    assert.equal(fake.stats().getSchedule, 24, 'one getSchedule per melding');
    assert.equal(fake.stats().batches, 24, 'one $batch per melding');
  });

  it('200 meldingen at once over two instances while Graph throttles: all booked once, nobody double-booked', async () => {
    fake = await FakeGraph.start({ freeBusyLagMs: 600_000, seed: 7 });
    fake.throttle({ share: 0.2, retryAfterSeconds: 1 });
    const waits: number[] = [];
    const instances = await startInstances(az, 2, {
      now: () => clock,
      fake,
      agendaEnv: { WEERBAAR_AGENDA_MINUTES: '15' },
      graph: { maxAttempts: 12, sleep: (ms) => { waits.push(ms); return new Promise((r) => setImmediate(r)); } },
    });
    const [a] = instances;
    assert.ok(a);
    const incidents = meldingenOf(a, withRaadsleden(instances, 200));
    await storeIncidents(a, incidents);
    await bookAll(instances, incidents);
    await assertAllBooked(a, incidents);
    const stats = fake.stats();
    assert.equal(stats.events, 600);
    assert.equal(stats.duplicates, 0, 'no conversation twice');
    assert.equal(stats.overlaps, 0, 'no organiser double-booked');
    const inBatch429 = fake.operations.filter((o) => o.inBatch && o.status === 429).length;
    const top429 = fake.operations.filter((o) => !o.inBatch && o.status === 429).length;
    assert.ok(inBatch429 > 0 && top429 > 0, `throttled inside $batch (${inBatch429}) and whole requests (${top429})`);
    assert.equal(fake.operations.filter((o) => o.inBatch && o.status === 201).length, 600, 'a created event is never sent again');
    assert.ok(waits.length > 0);
    assert.ok(waits.every((ms) => ms >= 1_000), 'Retry-After is the least wait');
  });
});
