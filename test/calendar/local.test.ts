import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { LocalCalendar, toIcsSingle } from '../../src/calendar/local.js';
import { CalendarError, type CalendarEvent } from '../../src/calendar/port.js';
import { all, events, parseIcs, prop, unescapeText, value } from './ics-parser.js';

const melder = { email: 'Raadslid.Jansen@gemeente.example', name: 'A. Jansen' };
const griffier = 'griffier@gemeente.example';
const burgemeester = { email: 'burgemeester@gemeente.example', name: 'B. de Vries, burgemeester' };

function nazorg(start: string, minutes = 60): CalendarEvent {
  const s = new Date(start);
  return {
    subject: 'Nazorggesprek',
    bodyHtml: '<p>Eerste nazorggesprek: veiligheid, steun; afspraken over aangifte, schade\\thuis.</p><ul><li>Luisterend oor</li></ul>',
    start: s,
    end: new Date(s.getTime() + minutes * 60_000),
    attendees: [melder],
    online: true,
  };
}

describe('LocalCalendar (Table Storage + iCalendar feed)', function () {
  let azurite: AzuriteHandle;
  let table: TableClient;
  let clock: Date;
  let calendar: LocalCalendar;
  let n = 0;

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite.stop();
  });
  beforeEach(() => {
    n += 1;
    table = TableClient.fromConnectionString(azurite.connectionString, `calendarevents${n}`, { allowInsecureConnection: true });
    clock = new Date('2026-11-03T10:00:00Z');
    calendar = new LocalCalendar(table, { now: () => clock });
  });

  async function feed(person: string) {
    return events(parseIcs(await calendar.toIcs(person)));
  }

  it('creates an event once per idempotency key', async () => {
    const first = await calendar.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'melding-1/nazorg-1');
    const again = await calendar.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'melding-1/nazorg-1');
    const other = await calendar.createEvent(griffier, nazorg('2026-11-06T08:00:00Z'), 'melding-1/nazorg-2');
    assert.equal(again.eventId, first.eventId);
    assert.notEqual(other.eventId, first.eventId);
    const rows = [];
    for await (const r of table.listEntities()) rows.push(r);
    assert.equal(rows.filter((r) => r.rowKey?.startsWith('event_')).length, 2);
    assert.equal((await feed(griffier)).length, 2);
  });

  it('makes one event of a double click (two creates at once)', async () => {
    const [a, b] = await Promise.all([
      calendar.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'dubbel'),
      calendar.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'dubbel'),
    ]);
    assert.equal(a.eventId, b.eventId);
    assert.equal((await feed(griffier)).length, 1);
    assert.equal((await feed(melder.email)).length, 1);
  });

  it('does not undo a move when a late retry of the create arrives', async () => {
    const { eventId } = await calendar.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k');
    await calendar.updateEvent(griffier, eventId, { start: new Date('2026-11-04T13:00:00Z'), end: new Date('2026-11-04T14:00:00Z') });
    await calendar.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k');
    const [ev] = await feed(griffier);
    assert.ok(ev);
    assert.equal(value(ev, 'DTSTART'), '20261104T130000Z');
  });

  it('writes a feed for organiser and attendee with the fields clients need', async () => {
    const { eventId } = await calendar.createEvent(griffier, { ...nazorg('2026-11-04T08:00:00Z'), attendees: [melder, burgemeester] }, 'k1');
    for (const person of [griffier, melder.email, 'raadslid.jansen@GEMEENTE.example', burgemeester.email]) {
      const list = await feed(person);
      assert.equal(list.length, 1, person);
      const ev = list[0];
      assert.ok(ev);
      assert.equal(value(ev, 'UID'), `${eventId}@weerbaar`);
      assert.equal(value(ev, 'SUMMARY'), 'Nazorggesprek');
      assert.equal(value(ev, 'CLASS'), 'PRIVATE');
      assert.equal(value(ev, 'STATUS'), 'CONFIRMED');
      assert.equal(value(ev, 'SEQUENCE'), '0');
      assert.equal(value(ev, 'DTSTART'), '20261104T080000Z');
      assert.equal(value(ev, 'DTEND'), '20261104T090000Z');
      assert.equal(value(ev, 'DTSTAMP'), '20261103T100000Z');
      assert.equal(value(ev, 'ORGANIZER'), `mailto:${griffier}`);
      assert.equal(unescapeText(value(ev, 'LOCATION') ?? ''), 'Online (Microsoft Teams)');
      const description = unescapeText(value(ev, 'DESCRIPTION') ?? '');
      assert.equal(description, 'Eerste nazorggesprek: veiligheid, steun; afspraken over aangifte, schade\\thuis.\n• Luisterend oor');
      const attendees = all(ev, 'ATTENDEE');
      assert.deepEqual(attendees.map((a) => [a.value, a.params['CN']]), [
        [`mailto:${melder.email}`, 'A. Jansen'],
        [`mailto:${burgemeester.email}`, 'B. de Vries, burgemeester'],
      ]);
    }
    assert.equal((await feed('iemand.anders@gemeente.example')).length, 0);
  });

  it('moves the same event and raises SEQUENCE', async () => {
    const { eventId } = await calendar.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k2');
    clock = new Date('2026-11-03T12:00:00Z');
    await calendar.updateEvent(griffier, eventId, { start: new Date('2026-11-05T09:00:00Z'), end: new Date('2026-11-05T10:00:00Z'), location: 'Stadhuis, kamer 2; alarmknop' });
    const list = await feed(melder.email);
    assert.equal(list.length, 1);
    const ev = list[0];
    assert.ok(ev);
    assert.equal(value(ev, 'UID'), `${eventId}@weerbaar`);
    assert.equal(value(ev, 'SEQUENCE'), '1');
    assert.equal(value(ev, 'DTSTART'), '20261105T090000Z');
    assert.equal(value(ev, 'DTSTAMP'), '20261103T120000Z');
    assert.equal(value(ev, 'LOCATION'), 'Stadhuis\\, kamer 2\\; alarmknop');
    await calendar.updateEvent(griffier, eventId, { online: false });
    assert.equal(value((await feed(griffier))[0] ?? { type: '', props: [], children: [] }, 'SEQUENCE'), '2');
  });

  it('cancels: STATUS:CANCELLED with a higher SEQUENCE, for everyone, and a repeat is harmless', async () => {
    const { eventId } = await calendar.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k3');
    await calendar.cancelEvent(griffier, eventId, 'Niet meer nodig');
    await calendar.cancelEvent(griffier, eventId);
    for (const person of [griffier, melder.email]) {
      const [ev] = await feed(person);
      assert.ok(ev);
      assert.equal(value(ev, 'STATUS'), 'CANCELLED');
      assert.equal(value(ev, 'SEQUENCE'), '1');
    }
    const busy = await calendar.getBusy([griffier], { start: new Date('2026-11-04T00:00:00Z'), end: new Date('2026-11-05T00:00:00Z') });
    assert.deepEqual(busy.get(griffier), []);
    await assert.rejects(calendar.updateEvent(griffier, eventId, { online: false }), (e: unknown) => e instanceof CalendarError && e.code === 'invalid');
    await calendar.cancelEvent(griffier, 'doesnotexist');
  });

  it('shows an attendee taken off the invitation a cancellation', async () => {
    const { eventId } = await calendar.createEvent(griffier, { ...nazorg('2026-11-04T08:00:00Z'), attendees: [melder, burgemeester] }, 'k4');
    await calendar.updateEvent(griffier, eventId, { attendees: [melder] });
    const [forBurgemeester] = await feed(burgemeester.email);
    const [forMelder] = await feed(melder.email);
    assert.equal(forBurgemeester && value(forBurgemeester, 'STATUS'), 'CANCELLED');
    assert.equal(forMelder && value(forMelder, 'STATUS'), 'CONFIRMED');
  });

  it('reports unknown events as not-found', async () => {
    await assert.rejects(calendar.updateEvent(griffier, 'nope', { online: false }), (e: unknown) => e instanceof CalendarError && e.code === 'not-found');
  });

  it('gives busy time of organiser and attendees inside a window', async () => {
    await calendar.createEvents(griffier, [
      { event: nazorg('2026-11-04T08:00:00Z'), idempotencyKey: 'a' },
      { event: nazorg('2026-11-06T08:00:00Z'), idempotencyKey: 'b' },
      { event: nazorg('2026-12-10T08:00:00Z'), idempotencyKey: 'c' },
    ]);
    const busy = await calendar.getBusy([griffier, melder.email, 'leeg@gemeente.example'], { start: new Date('2026-11-04T00:00:00Z'), end: new Date('2026-11-07T00:00:00Z') });
    const times = (m: string) => (busy.get(m) ?? []).map((i) => i.start.toISOString()).sort();
    assert.deepEqual(times(griffier), ['2026-11-04T08:00:00.000Z', '2026-11-06T08:00:00.000Z']);
    assert.deepEqual(times(melder.email), ['2026-11-04T08:00:00.000Z', '2026-11-06T08:00:00.000Z']);
    assert.deepEqual(times('leeg@gemeente.example'), []);
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', async () => {
    const long = `<p>${'Één gesprek over de afgelopen dagen, café-achtige sfeer; geen verwijten. '.repeat(6)}</p>`;
    await calendar.createEvent(griffier, { ...nazorg('2026-11-04T08:00:00Z'), bodyHtml: long }, 'k5');
    const text = await calendar.toIcs(griffier);
    assert.ok(text.includes('\r\n '), 'has folded lines');
    const [ev] = events(parseIcs(text));
    assert.ok(ev);
    assert.equal(unescapeText(value(ev, 'DESCRIPTION') ?? ''), long.replace(/<\/?p>/g, '').trim());
  });
});

describe('toIcsSingle (an .ics for a letter)', () => {
  it('holds one appointment the pleger can import', () => {
    const event: CalendarEvent = {
      subject: 'Gesprek',
      bodyHtml: '<p>Gesprek over uw gedrag.</p>',
      start: new Date('2026-11-05T13:00:00Z'),
      end: new Date('2026-11-05T13:45:00Z'),
      attendees: [{ email: 'pleger@example.org', name: 'J. "Jan" Pietersen' }],
      location: 'Stadhuis, spreekkamer 1',
      online: false,
    };
    const cal = parseIcs(toIcsSingle(event, { uid: 'abc@weerbaar', organiser: 'wethouder@gemeente.example', dtstamp: new Date('2026-11-03T10:00:00Z') }));
    const list = events(cal);
    assert.equal(list.length, 1);
    const ev = list[0];
    assert.ok(ev);
    assert.equal(value(ev, 'SUMMARY'), 'Gesprek');
    assert.equal(unescapeText(value(ev, 'LOCATION') ?? ''), 'Stadhuis, spreekkamer 1');
    assert.equal(value(ev, 'CLASS'), 'PRIVATE');
    assert.equal(prop(ev, 'ATTENDEE')?.params['CN'], 'J. Jan Pietersen');
    assert.equal(value(ev, 'DTEND'), '20261105T134500Z');
  });
});
