import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Amsterdam';

export type InstantInput = Date | string | DateTime;

/** An instant on the Amsterdam wall clock; throws RangeError on an unparseable value. */
export function toAmsterdam(value: InstantInput): DateTime {
  const dt =
    value instanceof Date
      ? DateTime.fromJSDate(value)
      : typeof value === 'string'
        ? DateTime.fromISO(value, { setZone: true })
        : value;
  if (!dt.isValid) throw new RangeError(`Invalid instant: ${String(value)}`);
  return dt.setZone(ZONE);
}

// The holiday table is static data; building it per call would cost more than the lookup.
const holidays = new Holidays('NL');
const publicDaysByYear = new Map<number, ReadonlySet<string>>();

/**
 * Only the days date-holidays types 'public' (Nieuwjaar, Pasen and Tweede paasdag, Koningsdag,
 * Hemelvaart, Pinksteren, Kerst). Goede Vrijdag and Bevrijdingsdag (type 'school') are working
 * days for most Dutch employers except in lustrum years, so they count as working days here.
 */
function publicHolidays(year: number): ReadonlySet<string> {
  let days = publicDaysByYear.get(year);
  if (!days) {
    days = new Set(holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    publicDaysByYear.set(year, days);
  }
  return days;
}

/** A Dutch public holiday on the Amsterdam calendar (Koningsdag moves to 26 April when the 27th is a Sunday). */
export function isPublicHoliday(value: InstantInput): boolean {
  const day = toAmsterdam(value);
  return publicHolidays(day.year).has(day.toISODate() ?? '');
}

/** Monday to Friday and not a Dutch public holiday, on the Amsterdam calendar. */
export function isWorkingDay(value: InstantInput): boolean {
  return toAmsterdam(value).weekday <= 5 && !isPublicHoliday(value);
}

/**
 * Moves n working days forward (negative: back) from the day of `from`, keeping its local time.
 * The day of `from` itself never counts, working day or not: +1 from a Friday is the Monday.
 */
export function addWorkingDays(from: InstantInput, n: number): DateTime {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of working days: ${n}`);
  let day = toAmsterdam(from);
  const step = Math.sign(n);
  for (let left = Math.abs(n); left > 0; ) {
    day = day.plus({ days: step });
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}
