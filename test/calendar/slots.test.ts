import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { findSlot, type FindSlotInput, type SlotResult } from '../../src/calendar/slots.js';
import type { Interval } from '../../src/calendar/port.js';

const ZONE = 'Europe/Amsterdam';
/** A local Amsterdam wall-clock time 'yyyy-MM-dd HH:mm' as an instant. */
function ams(local: string): Date {
  const d = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: ZONE });
  assert.ok(d.isValid, local);
  return d.toJSDate();
}
function local(d: Date): string {
  return DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm ZZ');
}
function busy(...pairs: Array<[string, string]>): Interval[] {
  return pairs.map(([s, e]) => ({ start: ams(s), end: ams(e) }));
}
function hoursFrom(d: Date, h: number): Date {
  return new Date(d.getTime() + h * 3_600_000);
}

const office = { start: '09:00', end: '17:00' };
function run(over: Partial<FindSlotInput> & Pick<FindSlotInput, 'window' | 'now'>): SlotResult {
  return findSlot({ durationMinutes: 60, busy: [], hours: office, workingDaysOnly: true, allowOutsideHours: false, ...over });
}
function startOf(r: SlotResult): string {
  assert.ok(r.kind !== 'none', `expected a slot, got ${JSON.stringify(r)}`);
  return local(r.start);
}

describe('findSlot', () => {
  describe('nights', () => {
    const incident = ams('2026-11-03 22:00'); // a Tuesday evening
    const window = { notBefore: incident, dueBy: hoursFrom(incident, 24) };

    it('books the first nazorg the next morning inside office hours', () => {
      const r = run({ window, now: ams('2026-11-03 22:05'), allowOutsideHours: true });
      assert.equal(r.kind, 'in-window');
      assert.equal(startOf(r), '2026-11-04 09:00 +01:00');
      assert.equal(r.kind === 'in-window' && r.outsideHours, false);
    });

    it('leaves office hours for an urgent conversation, but not into the night', () => {
      const r = run({ window, now: ams('2026-11-03 22:05'), allowOutsideHours: true, busy: busy(['2026-11-04 09:00', '2026-11-04 17:00']) });
      assert.equal(r.kind, 'in-window');
      assert.equal(startOf(r), '2026-11-04 08:00 +01:00');
      assert.equal(r.kind === 'in-window' && r.outsideHours, true);
    });

    it('ends an evening slot by 21:00 at the latest', () => {
      const r = run({
        window, now: ams('2026-11-03 22:05'), allowOutsideHours: true,
        busy: busy(['2026-11-04 08:00', '2026-11-04 20:15']),
      });
      assert.equal(r.kind, 'after-window');
      assert.equal(startOf(r), '2026-11-05 08:00 +01:00');
    });

    it('never proposes a moment in the past', () => {
      const r = run({ window: { notBefore: ams('2026-11-02 08:00'), dueBy: ams('2026-11-06 17:00') }, now: ams('2026-11-04 11:07') });
      assert.equal(startOf(r), '2026-11-04 11:15 +01:00');
    });
  });

  describe('weekends', () => {
    it('skips Saturday and Sunday for the second nazorg', () => {
      const incident = ams('2026-11-06 16:45'); // Friday
      const r = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 72) }, now: incident });
      assert.equal(r.kind, 'in-window');
      assert.equal(startOf(r), '2026-11-09 09:00 +01:00');
    });

    it('books an urgent first nazorg on Saturday, flagged outside hours', () => {
      const incident = ams('2026-11-07 10:00');
      const r = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 24) }, now: ams('2026-11-07 10:07'), allowOutsideHours: true });
      assert.deepEqual(r.kind === 'in-window' && [local(r.start), r.outsideHours], ['2026-11-07 10:15 +01:00', true]);
    });

    it('proposes Monday after the window when the weekend is not allowed', () => {
      const incident = ams('2026-11-07 10:00');
      const r = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 24) }, now: incident });
      assert.equal(r.kind, 'after-window');
      assert.equal(startOf(r), '2026-11-09 09:00 +01:00');
      assert.equal(r.kind === 'after-window' && r.overdue, false);
    });
  });

  describe('Dutch public holidays', () => {
    it('skips Koningsdag (Monday 27 April 2026)', () => {
      const incident = ams('2026-04-24 15:00');
      const r = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 72) }, now: incident, busy: busy(['2026-04-24 15:00', '2026-04-24 17:00']) });
      assert.equal(r.kind, 'after-window');
      assert.equal(startOf(r), '2026-04-28 09:00 +02:00');
    });

    it('skips Easter Monday (6 April 2026)', () => {
      const incident = ams('2026-04-04 11:00');
      const r = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 72) }, now: incident });
      assert.equal(startOf(r), '2026-04-07 09:00 +02:00');
    });

    it('skips both Christmas days and the weekend after', () => {
      const incident = ams('2026-12-24 16:30');
      const r = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 24 * 7) }, now: incident });
      assert.equal(startOf(r), '2026-12-28 09:00 +01:00');
    });

    it('treats Goede Vrijdag as a working day (not a public holiday)', () => {
      const r = run({ window: { notBefore: ams('2026-04-03 08:00'), dueBy: ams('2026-04-10 17:00') }, now: ams('2026-04-03 08:00') });
      assert.equal(startOf(r), '2026-04-03 09:00 +02:00');
    });
  });

  describe('daylight saving time', () => {
    it('uses the summer offset on the Sunday clocks go forward', () => {
      const incident = ams('2026-03-28 22:00');
      const r = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 24) }, now: incident, allowOutsideHours: true });
      assert.ok(r.kind === 'in-window');
      assert.equal(r.start.toISOString(), '2026-03-29T06:00:00.000Z');
      assert.equal(local(r.start), '2026-03-29 08:00 +02:00');
    });

    it('moves an opening time that does not exist (02:30 on 29 March) to the first real moment', () => {
      const r = run({
        hours: { start: '02:30', end: '06:00' }, workingDaysOnly: false,
        window: { notBefore: ams('2026-03-29 00:00'), dueBy: ams('2026-03-29 12:00') }, now: ams('2026-03-28 12:00'),
      });
      assert.ok(r.kind === 'in-window');
      assert.equal(r.start.toISOString(), '2026-03-29T01:30:00.000Z');
      assert.equal(local(r.start), '2026-03-29 03:30 +02:00');
    });

    it('counts real minutes across the skipped hour', () => {
      const r = run({
        hours: { start: '00:00', end: '06:00' }, workingDaysOnly: false, busy: busy(['2026-03-29 00:00', '2026-03-29 01:45']),
        window: { notBefore: ams('2026-03-29 00:00'), dueBy: ams('2026-03-29 12:00') }, now: ams('2026-03-28 12:00'),
      });
      assert.ok(r.kind === 'in-window');
      assert.equal(r.end.getTime() - r.start.getTime(), 3_600_000);
      assert.deepEqual([local(r.start), local(r.end)], ['2026-03-29 01:45 +01:00', '2026-03-29 03:45 +02:00']);
    });

    it('tells the two 02:30s apart on the Sunday clocks go back', () => {
      const window = { notBefore: ams('2026-10-25 00:00'), dueBy: ams('2026-10-25 12:00') };
      const base = { hours: { start: '00:00', end: '06:00' }, workingDaysOnly: false, durationMinutes: 30, window, now: ams('2026-10-24 12:00') };
      // busy until the first 02:30 (summer time, 00:30Z)
      const first = run({ ...base, busy: [{ start: new Date('2026-10-24T22:00:00Z'), end: new Date('2026-10-25T00:30:00Z') }] });
      assert.ok(first.kind === 'in-window');
      assert.equal(first.start.toISOString(), '2026-10-25T00:30:00.000Z');
      assert.deepEqual([local(first.start), local(first.end)], ['2026-10-25 02:30 +02:00', '2026-10-25 02:00 +01:00']);
      // busy until the second 02:30 (winter time, 01:30Z)
      const second = run({ ...base, busy: [{ start: new Date('2026-10-24T22:00:00Z'), end: new Date('2026-10-25T01:30:00Z') }] });
      assert.ok(second.kind === 'in-window');
      assert.equal(second.start.toISOString(), '2026-10-25T01:30:00.000Z');
      assert.equal(local(second.start), '2026-10-25 02:30 +01:00');
    });

    it('gives the long autumn night its 25th hour', () => {
      // 00:00-06:00 local that Sunday is seven real hours; six of them busy leaves the last one.
      const r = run({
        hours: { start: '00:00', end: '06:00' }, workingDaysOnly: false,
        busy: [{ start: new Date('2026-10-24T22:00:00Z'), end: new Date('2026-10-25T04:00:00Z') }],
        window: { notBefore: ams('2026-10-25 00:00'), dueBy: ams('2026-10-25 12:00') }, now: ams('2026-10-24 12:00'),
      });
      assert.ok(r.kind === 'in-window');
      assert.deepEqual([local(r.start), local(r.end)], ['2026-10-25 05:00 +01:00', '2026-10-25 06:00 +01:00']);
    });

    it('books 09:00 local on both sides of the autumn change', () => {
      const before = run({ window: { notBefore: ams('2026-10-23 08:00'), dueBy: ams('2026-10-23 17:00') }, now: ams('2026-10-23 08:00') });
      const after = run({ window: { notBefore: ams('2026-10-26 08:00'), dueBy: ams('2026-10-26 17:00') }, now: ams('2026-10-26 08:00') });
      assert.ok(before.kind === 'in-window' && after.kind === 'in-window');
      assert.equal(before.start.toISOString(), '2026-10-23T07:00:00.000Z');
      assert.equal(after.start.toISOString(), '2026-10-26T08:00:00.000Z');
    });
  });

  describe('a full calendar', () => {
    it('steps past busy blocks on the 15-minute grid, whatever their order', () => {
      const r = run({
        window: { notBefore: ams('2026-11-04 09:00'), dueBy: ams('2026-11-04 17:00') }, now: ams('2026-11-04 08:00'),
        busy: busy(['2026-11-04 10:00', '2026-11-04 10:10'], ['2026-11-04 09:00', '2026-11-04 09:30'], ['2026-11-04 09:20', '2026-11-04 10:05']),
      });
      assert.equal(startOf(r), '2026-11-04 10:15 +01:00');
    });

    it('proposes the earliest moment after a window with no free moment', () => {
      const incident = ams('2026-11-02 10:00');
      const r = run({
        window: { notBefore: incident, dueBy: hoursFrom(incident, 72) }, now: incident,
        busy: busy(['2026-11-02 00:00', '2026-11-06 13:30']),
      });
      assert.equal(r.kind, 'after-window');
      assert.equal(startOf(r), '2026-11-06 13:30 +01:00');
      assert.equal(r.kind === 'after-window' && r.overdue, false);
    });

    it('answers none when nothing is free within the search horizon', () => {
      const r = run({
        window: { notBefore: ams('2026-11-02 10:00'), dueBy: ams('2026-11-05 10:00') }, now: ams('2026-11-02 10:00'),
        busy: busy(['2026-11-01 00:00', '2027-03-01 00:00']), searchDaysAfter: 30,
      });
      assert.deepEqual(r, { kind: 'none', overdue: false });
    });

    it('does not fit a slot into a gap shorter than its duration', () => {
      const r = run({
        window: { notBefore: ams('2026-11-04 09:00'), dueBy: ams('2026-11-04 17:00') }, now: ams('2026-11-04 08:00'),
        busy: busy(['2026-11-04 09:00', '2026-11-04 11:00'], ['2026-11-04 11:45', '2026-11-04 17:00']),
      });
      assert.equal(r.kind, 'after-window');
      assert.equal(startOf(r), '2026-11-05 09:00 +01:00');
    });
  });

  describe('a melding reported days late', () => {
    const incident = ams('2026-11-02 10:00'); // Monday
    const now = ams('2026-11-05 14:10'); // reported Thursday afternoon

    it('flags the first and second nazorg overdue and books them as soon as possible', () => {
      const first = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 24) }, now, allowOutsideHours: true });
      assert.equal(first.kind, 'after-window');
      assert.equal(first.kind === 'after-window' && first.overdue, true);
      assert.equal(startOf(first), '2026-11-05 14:15 +01:00');
      const second = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 72) }, now, busy: busy(['2026-11-05 14:00', '2026-11-05 17:00']) });
      assert.equal(second.kind === 'after-window' && second.overdue, true);
      assert.equal(startOf(second), '2026-11-06 09:00 +01:00');
    });

    it('keeps the third nazorg in its own window of 4 to 6 weeks', () => {
      const r = run({ window: { notBefore: ams('2026-11-30 10:00'), dueBy: ams('2026-12-14 10:00') }, now });
      assert.equal(r.kind, 'in-window');
      assert.equal(startOf(r), '2026-11-30 10:00 +01:00');
    });

    it('books an overdue urgent conversation in the evening rather than waiting for the next day', () => {
      const r = run({ window: { notBefore: incident, dueBy: hoursFrom(incident, 24) }, now: ams('2026-11-05 18:50'), allowOutsideHours: true });
      assert.ok(r.kind === 'after-window');
      assert.deepEqual([local(r.start), r.outsideHours, r.overdue], ['2026-11-05 19:00 +01:00', true, true]);
    });
  });

  it('rejects nonsense input', () => {
    const window = { notBefore: ams('2026-11-04 09:00'), dueBy: ams('2026-11-04 17:00') };
    assert.throws(() => run({ window, now: window.notBefore, durationMinutes: 0 }), RangeError);
    assert.throws(() => run({ window, now: window.notBefore, hours: { start: '9', end: '17:00' } }), RangeError);
  });
});
