import assert from 'node:assert/strict';
import { bookNazorg } from '../../src/agenda/jobs.js';
import type { Incident } from '../../src/domain/incident-schema.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { value, type IcsComponent } from '../calendar/ics-parser.js';
import { amsterdam, drain, EMAIL, icsLocal, local, makeIncident, startAgenda, type AgendaStack } from './support.js';

function byStart(evs: IcsComponent[]): Array<[string, string, string]> {
  return evs
    .map((e): [string, string, string] => [icsLocal(value(e, 'DTSTART')), value(e, 'STATUS') ?? '', value(e, 'SEQUENCE') ?? ''])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

describe('agenda: Verplaatsen and Annuleren change the same event', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let s: AgendaStack;
  let incident: Incident;
  const clock = amsterdam('2026-11-23T10:10');
  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  beforeEach(async () => {
    s = await startAgenda(az, { now: () => clock });
    incident = makeIncident(s.stack.services, { occurredAt: amsterdam('2026-11-23T09:30') });
    await s.stack.services.store.incidents.create(incident);
    await s.stack.services.effects.enqueue(bookNazorg(incident));
    await drain(s.stack.jobs.worker);
  });
  afterEach(() => s.stop());

  it('moves to a chosen moment and to the next free one, never making a second event', async () => {
    const uids = (await s.feed(EMAIL.raadslid)).map((e) => value(e, 'UID')).sort();
    await s.agenda.verplaatsen(incident.id, 'nazorg-2', 'klik-1', amsterdam('2026-11-25T14:00'));
    await s.agenda.verplaatsen(incident.id, 'nazorg-2', 'klik-1', amsterdam('2026-11-25T14:00')); // double click
    await s.agenda.verplaatsen(incident.id, 'nazorg-1', 'klik-2');
    await drain(s.stack.jobs.worker);

    for (const who of [EMAIL.raadslid, EMAIL.burgemeester]) {
      const evs = await s.feed(who);
      assert.deepEqual(evs.map((e) => value(e, 'UID')).sort(), uids, 'the same three events');
      assert.deepEqual(byStart(evs), [
        ['2026-11-23T13:15', 'CONFIRMED', '1'],
        ['2026-11-25T14:00', 'CONFIRMED', '1'],
        ['2026-12-21T09:30', 'CONFIRMED', '0'],
      ]);
    }
    const doc = await s.agenda.bookingsFor(incident.id);
    assert.deepEqual(doc?.items.map((i) => [i.kind, local(i.start), i.movePending ?? false]), [
      ['nazorg-1', '2026-11-23T13:15', false],
      ['nazorg-2', '2026-11-25T14:00', false],
      ['nazorg-3', '2026-12-21T09:30', false],
    ]);
    assert.equal(doc?.items[1]?.buitenTermijn, false, 'still within three days');
  });

  it('flags a move past the window', async () => {
    await s.agenda.verplaatsen(incident.id, 'nazorg-2', 'klik-3', amsterdam('2026-11-30T10:00'));
    await drain(s.stack.jobs.worker);
    const doc = await s.agenda.bookingsFor(incident.id);
    assert.equal(doc?.items[1]?.buitenTermijn, true);
    assert.equal(doc?.buitenTermijn, true);
  });

  it('cancels the event in both calendars and keeps it cancelled on a repeat', async () => {
    await s.agenda.annuleren(incident.id, 'nazorg-3');
    await drain(s.stack.jobs.worker);
    await s.agenda.annuleren(incident.id, 'nazorg-3');
    await drain(s.stack.jobs.worker);
    for (const who of [EMAIL.raadslid, EMAIL.burgemeester]) {
      assert.deepEqual(byStart(await s.feed(who)), [
        ['2026-11-23T12:15', 'CONFIRMED', '0'],
        ['2026-11-24T09:00', 'CONFIRMED', '0'],
        ['2026-12-21T09:30', 'CANCELLED', '1'],
      ]);
    }
    const doc = await s.agenda.bookingsFor(incident.id);
    assert.equal(doc?.items[2]?.status, 'geannuleerd');
  });
});
