import assert from 'node:assert/strict';
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { easterSunday, isPublicHoliday, isWorkingDay } from '../../src/domain/calendar.js';

/**
 * The bot computes the Dutch public holidays itself (date-holidays' table of every country held
 * 8 MB of its heap). date-holidays, a dev dependency now, is the oracle: the same days, year by
 * year, for as long as a melding or a deadline can fall.
 */
describe('Dutch public holidays, computed', () => {
  const oracle = new Holidays('NL');

  it('names the same days as date-holidays types public, every year from 2014 to 2100', () => {
    for (let year = 2014; year <= 2100; year++) {
      const expected = oracle.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)).sort();
      const computed: string[] = [];
      for (let day = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: 'Europe/Amsterdam' }).set({ hour: 12 }); day.year === year; day = day.plus({ days: 1 })) {
        if (isPublicHoliday(day)) computed.push(day.toISODate() ?? '');
      }
      assert.deepEqual(computed, expected, `${year}`);
    }
  });

  it('finds Easter on the known dates', () => {
    assert.deepEqual(easterSunday(2024), [3, 31]);
    assert.deepEqual(easterSunday(2025), [4, 20]);
    assert.deepEqual(easterSunday(2026), [4, 5]);
    assert.deepEqual(easterSunday(2038), [4, 25]);
    assert.deepEqual(easterSunday(2285), [3, 22]);
  });

  it('moves Koningsdag to Saturday 26 April when the 27th is a Sunday, and keeps Goede Vrijdag and Bevrijdingsdag working days', () => {
    assert.equal(isPublicHoliday('2025-04-26T10:00:00+02:00'), true);
    assert.equal(isPublicHoliday('2025-04-27T10:00:00+02:00'), false);
    assert.equal(isPublicHoliday('2026-04-27T10:00:00+02:00'), true);
    assert.equal(isWorkingDay('2026-04-03T10:00:00+02:00'), true, 'Goede Vrijdag');
    assert.equal(isWorkingDay('2025-05-05T10:00:00+02:00'), true, 'Bevrijdingsdag');
  });

  it('reads the day on the Amsterdam clock: late on 31 December UTC is already Nieuwjaar', () => {
    assert.equal(isPublicHoliday('2026-12-31T23:30:00Z'), true);
    assert.equal(isPublicHoliday('2026-12-31T22:30:00Z'), false);
  });
});
