import assert from 'node:assert/strict';
import { AGENDA_JOBS, bookHerstelgesprek, bookIncidentgesprek, bookNazorg } from '../../src/agenda/jobs.js';
import type { MaatregelDecision } from '../../src/domain/incident-schema.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { PEOPLE } from '../support/bot.js';
import { all, value } from '../calendar/ics-parser.js';
import { amsterdam, drain, EMAIL, icsLocal, local, makeIncident, startAgenda, type AgendaStack } from './support.js';

function decision(o: Partial<MaatregelDecision> = {}): MaatregelDecision {
  return {
    types: ['incidentgesprek'],
    decidedBy: { aadObjectId: PEOPLE.griffier.aadObjectId, name: PEOPLE.griffier.name },
    decidedAt: amsterdam('2026-11-23T09:00').toISOString(),
    ...o,
  };
}

describe('agenda: incidentgesprek.boeken and herstelgesprek.boeken', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let s: AgendaStack;
  let clock: Date;
  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  afterEach(() => s.stop());

  it('books the incidentgesprek within 72 hours in the handler\'s calendar, at the safe location, without the melder', async () => {
    clock = amsterdam('2026-11-23T10:00');
    s = await startAgenda(az, { now: () => clock });
    const d = decision();
    const incident = makeIncident(s.stack.services, { occurredAt: amsterdam('2026-11-22T20:00'), decision: d });
    await s.stack.services.store.incidents.create(incident);
    const job = bookIncidentgesprek(incident, d);
    assert.equal(job.type, AGENDA_JOBS.incidentgesprek);
    await s.stack.services.effects.enqueue(job);
    await drain(s.stack.jobs.worker);

    const doc = await s.agenda.bookingsFor(incident.id);
    const item = doc?.items.find((i) => i.kind === 'incidentgesprek');
    assert.equal(local(item?.start ?? ''), '2026-11-23T10:00');
    assert.ok(new Date(item?.end ?? 0) <= amsterdam('2026-11-25T20:00'), 'within 72 hours of the incident');
    assert.equal(item?.idempotencyKey, `incidentgesprek:${incident.id}`);
    const [ev, ...rest] = await s.feed(EMAIL.griffier);
    assert.ok(ev);
    assert.equal(rest.length, 0);
    assert.equal(value(ev, 'SUMMARY'), 'Gesprek');
    assert.equal(value(ev, 'CLASS'), 'PRIVATE');
    assert.equal(value(ev, 'LOCATION'), 'Gespreksruimte met alarmknop\\, gemeentehuis');
    assert.equal(all(ev, 'ATTENDEE').length, 0, 'no coordinator unless configured; the pleger never');
    assert.ok(!(value(ev, 'DESCRIPTION') ?? '').includes('Jan Pleger'));
    assert.equal((await s.feed(EMAIL.raadslid)).length, 0);
  });

  it('invites the coordinator when configured and uses the configured location', async () => {
    clock = amsterdam('2026-11-23T10:00');
    s = await startAgenda(az, {
      now: () => clock,
      agendaEnv: { WEERBAAR_INCIDENTGESPREK_COORDINATOR: 'true', WEERBAAR_SAFE_LOCATION: 'Kamer 2.14 (alarmknop)' },
    });
    const d = decision();
    const incident = makeIncident(s.stack.services, { occurredAt: amsterdam('2026-11-22T20:00'), decision: d });
    await s.stack.services.store.incidents.create(incident);
    await s.stack.services.effects.enqueue(bookIncidentgesprek(incident, d));
    await drain(s.stack.jobs.worker);
    const [ev] = await s.feed(EMAIL.coordinator);
    assert.ok(ev);
    assert.equal(value(ev, 'LOCATION'), 'Kamer 2.14 (alarmknop)');
    assert.equal(icsLocal(value(ev, 'DTSTART')), '2026-11-23T10:00');
  });

  it('books the herstelgesprek shortly before a restrictive measure ends, next to the nazorg bookings', async () => {
    clock = amsterdam('2026-11-23T10:00');
    s = await startAgenda(az, { now: () => clock });
    const d = decision({ types: ['toegangsontzegging'], endDate: amsterdam('2027-01-15T17:00').toISOString() });
    const incident = makeIncident(s.stack.services, { occurredAt: amsterdam('2026-11-23T09:00'), decision: d });
    await s.stack.services.store.incidents.create(incident);
    const job = bookHerstelgesprek(incident, d);
    assert.ok(job);
    assert.equal(bookHerstelgesprek(incident, decision()), undefined, 'no end date, no herstelgesprek');
    await s.stack.services.effects.enqueue(job);
    await s.stack.services.effects.enqueue(bookNazorg(incident));
    await drain(s.stack.jobs.worker);
    const doc = await s.agenda.bookingsFor(incident.id);
    assert.deepEqual(doc?.items.map((i) => i.kind).sort(), ['herstelgesprek', 'nazorg-1', 'nazorg-2', 'nazorg-3']);
    const herstel = doc?.items.find((i) => i.kind === 'herstelgesprek');
    // 5 working days before Friday 15 January 17:00 is Friday 8 January 17:00: the next office moment
    assert.equal(local(herstel?.start ?? ''), '2027-01-11T09:00');
    assert.equal(herstel?.buitenTermijn, false);
    const griffier = await s.feed(EMAIL.griffier);
    assert.deepEqual(griffier.map((e) => value(e, 'SUMMARY')), ['Gesprek']);
  });
});
