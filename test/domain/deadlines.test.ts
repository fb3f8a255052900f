import assert from 'node:assert/strict';
import { addWorkingDays, computeDeadlines, deadlineStatus, deadlineWords, isPublicHoliday, isWorkingDay } from '../../src/domain/deadlines.js';
import { formatDutch } from '../../src/domain/format.js';
import { DeadlineSchema, type Deadline } from '../../src/domain/incident-schema.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import type { DeadlineKind } from '../../src/domain/types.js';

const nijmegen = getProfile('nijmegen');

function byKind(deadlines: Deadline[]): Partial<Record<DeadlineKind, Deadline>> {
  for (const d of deadlines) DeadlineSchema.parse(d);
  return Object.fromEntries(deadlines.map((d) => [d.kind, d]));
}

function due(occurredAt: string, kind: DeadlineKind, extra: { injury?: boolean } = {}): string | undefined {
  return byKind(computeDeadlines({ occurredAt, injury: extra.injury ?? false, profile: nijmegen }))[kind]?.dueBy;
}

describe('deadlines', () => {
  it('counts every deadline from an ordinary Tuesday afternoon incident', () => {
    const d = byKind(computeDeadlines({ occurredAt: '2026-11-24T14:30:00+01:00', injury: true, profile: nijmegen }));
    assert.deepEqual(Object.keys(d).sort(), ['incidentgesprek', 'inspectie-szw', 'maatregelen', 'nazorg-1', 'nazorg-2', 'nazorg-3', 'politie-afspraak']);
    assert.equal(d['nazorg-1']?.dueBy, '2026-11-25T13:30:00.000Z');
    assert.equal(d['nazorg-2']?.dueBy, '2026-11-27T13:30:00.000Z');
    assert.equal(d['nazorg-3']?.notBefore, '2026-12-22T13:30:00.000Z');
    assert.equal(d['nazorg-3']?.dueBy, '2027-01-05T13:30:00.000Z');
    assert.equal(d.incidentgesprek?.dueBy, '2026-11-27T13:30:00.000Z');
    assert.equal(d.maatregelen?.dueBy, '2026-11-27T13:30:00.000Z');
    assert.equal(d['inspectie-szw']?.dueBy, '2026-11-25T13:30:00.000Z');
    // end of the office day of the 2nd working day after the incident day
    assert.equal(formatDutch(d['politie-afspraak']?.dueBy ?? ''), 'do 26 nov 2026 17:00');
  });

  it('leaves out the Inspectie SZW without injury, the police without suspicion, the herstelgesprek without a restrictive measure', () => {
    const kinds = computeDeadlines({ occurredAt: '2026-11-24T14:30:00+01:00', injury: false, strafbaarVermoeden: false, profile: nijmegen }).map((d) => d.kind);
    assert.deepEqual(kinds, ['nazorg-1', 'nazorg-2', 'nazorg-3', 'incidentgesprek', 'maatregelen']);
  });

  it('accepts a Date as well as an ISO string', () => {
    assert.deepEqual(
      computeDeadlines({ occurredAt: new Date('2026-11-24T13:30:00Z'), injury: false, profile: nijmegen }),
      computeDeadlines({ occurredAt: '2026-11-24T14:30:00+01:00', injury: false, profile: nijmegen }),
    );
  });

  it('crosses the spring DST change (and Easter Monday 2027)', () => {
    // Saturday 27 March 2027 10:00 CET; clocks go forward on Sunday 28 March, Tweede paasdag is Monday 29 March
    const at = '2027-03-27T10:00:00+01:00';
    assert.equal(formatDutch(due(at, 'nazorg-1') ?? ''), 'zo 28 mrt 2027 11:00', '24 elapsed hours');
    assert.equal(formatDutch(due(at, 'nazorg-2') ?? ''), 'di 30 mrt 2027 10:00', '3 calendar days keep the wall clock');
    assert.equal(formatDutch(due(at, 'maatregelen') ?? ''), 'di 30 mrt 2027 11:00', '72 elapsed hours');
    assert.equal(formatDutch(due(at, 'politie-afspraak') ?? ''), 'wo 31 mrt 2027 17:00');
    assert.equal(due(at, 'politie-afspraak'), '2027-03-31T15:00:00.000Z');
  });

  it('crosses the autumn DST change', () => {
    // Saturday 24 October 2026 12:00 CEST; clocks go back on Sunday 25 October
    const at = '2026-10-24T12:00:00+02:00';
    assert.equal(formatDutch(due(at, 'nazorg-1') ?? ''), 'zo 25 okt 2026 11:00');
    assert.equal(formatDutch(due(at, 'nazorg-2') ?? ''), 'di 27 okt 2026 12:00');
    assert.equal(due(at, 'nazorg-2'), '2026-10-27T11:00:00.000Z');
    assert.equal(formatDutch(due(at, 'incidentgesprek') ?? ''), 'di 27 okt 2026 11:00');
    assert.equal(due(at, 'politie-afspraak'), '2026-10-27T16:00:00.000Z');
  });

  it('skips Koningsdag, and knows it moves to 26 April when the 27th is a Sunday', () => {
    assert.equal(formatDutch(due('2027-04-26T09:00:00+02:00', 'politie-afspraak') ?? ''), 'do 29 apr 2027 17:00');
    assert.equal(isWorkingDay('2027-04-27T12:00:00+02:00'), false);
    assert.equal(isPublicHoliday('2025-04-26T12:00:00+02:00'), true);
    assert.equal(isPublicHoliday('2025-04-27T12:00:00+02:00'), false);
    assert.equal(isPublicHoliday('2031-04-26T12:00:00+02:00'), true);
  });

  it('skips Easter Monday (Goede Vrijdag counts as a working day)', () => {
    assert.equal(isWorkingDay('2026-04-03T12:00:00+02:00'), true);
    assert.equal(isWorkingDay('2026-04-06T12:00:00+02:00'), false);
    assert.equal(formatDutch(due('2026-04-02T15:00:00+02:00', 'politie-afspraak') ?? ''), 'di 7 apr 2026 17:00');
  });

  it('skips Christmas and the weekend after it', () => {
    assert.equal(isWorkingDay('2026-12-25T12:00:00+01:00'), false);
    assert.equal(isWorkingDay('2027-12-27T12:00:00+01:00'), true);
    assert.equal(isWorkingDay('2028-12-26T12:00:00+01:00'), false, 'Tweede kerstdag on a Tuesday');
    assert.equal(formatDutch(due('2026-12-24T20:00:00+01:00', 'politie-afspraak') ?? ''), 'di 29 dec 2026 17:00');
  });

  it('skips New Year, and counts calendar spans across the year end', () => {
    const at = '2026-12-31T10:00:00+01:00';
    assert.equal(isWorkingDay('2027-01-01T12:00:00+01:00'), false);
    assert.equal(formatDutch(due(at, 'politie-afspraak') ?? ''), 'di 5 jan 2027 17:00');
    assert.equal(formatDutch(due(at, 'nazorg-2') ?? ''), 'zo 3 jan 2027 10:00');
    assert.equal(formatDutch(due(at, 'nazorg-3') ?? ''), 'do 11 feb 2027 10:00');
  });

  it('counts from the incident when it is reported days later, and shows what is past as overdue', () => {
    const occurredAt = '2026-11-02T09:00:00+01:00';
    const reportedAt = '2026-11-05T12:00:00+01:00';
    const d = byKind(computeDeadlines({ occurredAt, injury: true, profile: nijmegen }));
    assert.equal(d['nazorg-1']?.dueBy, '2026-11-03T08:00:00.000Z');
    const status = (kind: DeadlineKind) => deadlineStatus(d[kind] ?? assert.fail(kind), reportedAt);
    assert.deepEqual(status('nazorg-1'), { state: 'overdue', hoursLeft: -51, notYet: false });
    assert.deepEqual(status('inspectie-szw'), { state: 'overdue', hoursLeft: -51, notYet: false });
    assert.deepEqual(status('nazorg-2'), { state: 'overdue', hoursLeft: -3, notYet: false });
    assert.deepEqual(status('maatregelen'), { state: 'overdue', hoursLeft: -3, notYet: false });
    assert.equal(status('politie-afspraak').state, 'overdue');
    assert.equal(formatDutch(d['politie-afspraak']?.dueBy ?? ''), 'wo 4 nov 2026 17:00');
    assert.deepEqual(status('nazorg-3'), { state: 'open', hoursLeft: 933, notYet: true });
  });

  it('opens the herstelgesprek 5 working days before a restrictive measure ends, due at its end', () => {
    const d = byKind(computeDeadlines({ occurredAt: '2026-11-24T14:30:00+01:00', injury: false, restrictiveEnd: '2027-01-15T00:00:00+01:00', profile: nijmegen }));
    assert.equal(d.herstelgesprek?.dueBy, '2027-01-14T23:00:00.000Z');
    assert.equal(formatDutch(d.herstelgesprek?.notBefore ?? ''), 'vr 8 jan 2027 00:00');
  });

  describe('deadlineStatus', () => {
    const deadline = { dueBy: '2026-11-25T13:30:00.000Z' };
    it('is open more than 24 hours ahead', () => {
      assert.deepEqual(deadlineStatus(deadline, '2026-11-24T13:24:00Z'), { state: 'open', hoursLeft: 24.1, notYet: false });
    });
    it('is due soon within 24 hours', () => {
      assert.deepEqual(deadlineStatus(deadline, '2026-11-24T13:30:00Z'), { state: 'due-soon', hoursLeft: 24, notYet: false });
      assert.deepEqual(deadlineStatus(deadline, new Date('2026-11-25T13:29:00Z')), { state: 'due-soon', hoursLeft: 0, notYet: false });
    });
    it('is overdue from the due moment on', () => {
      assert.equal(deadlineStatus(deadline, '2026-11-25T13:30:00Z').state, 'overdue');
      assert.deepEqual(deadlineStatus(deadline, '2026-11-26T01:30:00Z'), { state: 'overdue', hoursLeft: -12, notYet: false });
    });
  });

  describe('working days', () => {
    it('never counts the start day and skips weekends both ways', () => {
      assert.equal(formatDutch(addWorkingDays('2026-11-27T10:00:00+01:00', 1)), 'ma 30 nov 2026 10:00');
      assert.equal(formatDutch(addWorkingDays('2026-11-28T10:00:00+01:00', 1)), 'ma 30 nov 2026 10:00');
      assert.equal(formatDutch(addWorkingDays('2026-11-30T10:00:00+01:00', -1)), 'vr 27 nov 2026 10:00');
      assert.equal(formatDutch(addWorkingDays('2026-11-28T10:00:00+01:00', 0)), 'za 28 nov 2026 10:00');
    });
    it('refuses a fraction of a day and an invalid instant', () => {
      assert.throws(() => addWorkingDays('2026-11-27T10:00:00+01:00', 1.5), RangeError);
      assert.throws(() => isWorkingDay('gisteren'), RangeError);
    });
    it('knows weekends', () => {
      assert.equal(isWorkingDay('2026-11-28T12:00:00+01:00'), false);
      assert.equal(isWorkingDay('2026-11-29T12:00:00+01:00'), false);
      assert.equal(isWorkingDay('2026-11-30T12:00:00+01:00'), true);
    });
  });

  describe('deadlineWords', () => {
    const deadline = { dueBy: '2026-11-25T13:30:00Z' };
    it('tells the state in words, not only in colour', () => {
      assert.deepEqual(deadlineWords(deadline, '2026-11-24T17:30:00Z'), { text: 'Bijna te laat: nog 20 uur', state: 'due-soon' });
      assert.deepEqual(deadlineWords(deadline, '2026-11-25T18:30:00Z'), { text: 'Te laat: 5 uur over de termijn', state: 'overdue' });
      assert.deepEqual(deadlineWords(deadline, '2026-11-22T13:30:00Z'), { text: 'Op tijd: nog 3 dagen', state: 'open' });
      assert.deepEqual(deadlineWords(deadline, '2026-12-02T13:30:00Z'), { text: 'Te laat: 7 dagen over de termijn', state: 'overdue' });
    });
    it('says when a window has not opened yet', () => {
      assert.deepEqual(deadlineWords({ ...deadline, notBefore: '2026-11-20T13:30:00Z' }, '2026-11-19T13:30:00Z'), { text: 'Nog niet aan de beurt', state: 'not-yet' });
    });
  });
});
