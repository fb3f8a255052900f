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

const publicDaysByYear = new Map<number, ReadonlySet<string>>();

/** Easter Sunday of `year` (Gregorian; the anonymous algorithm in Meeus), as [month, day]. */
export function easterSunday(year: number): [month: number, day: number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return [month, ((h + l - 7 * m + 114) % 31) + 1];
}

/**
 * The Dutch public holidays (as date-holidays types them 'public', which a test checks year by
 * year): Nieuwjaar, Eerste en Tweede Paasdag, Koningsdag (26 April when the 27th is a Sunday),
 * Hemelvaart, Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag. Goede Vrijdag and
 * Bevrijdingsdag are working days for most Dutch employers except in lustrum years, so they count
 * as working days here. Computed rather than read from date-holidays, whose table of every
 * country's holidays held 8 MB of the bot's heap for these nine days a year.
 */
function publicHolidays(year: number): ReadonlySet<string> {
  let days = publicDaysByYear.get(year);
  if (!days) {
    const [month, day] = easterSunday(year);
    const easter = DateTime.utc(year, month, day);
    const koningsdag = DateTime.utc(year, 4, 27);
    days = new Set(
      [
        DateTime.utc(year, 1, 1),
        easter,
        easter.plus({ days: 1 }),
        koningsdag.weekday === 7 ? koningsdag.minus({ days: 1 }) : koningsdag,
        easter.plus({ days: 39 }),
        easter.plus({ days: 49 }),
        easter.plus({ days: 50 }),
        DateTime.utc(year, 12, 25),
        DateTime.utc(year, 12, 26),
      ].map((d) => d.toISODate() ?? ''),
    );
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
