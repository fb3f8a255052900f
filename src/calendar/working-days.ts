import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Amsterdam';

const holidays = new Holidays('NL');
/** Per year, the local dates ('yyyy-MM-dd') of public holidays; holidays never change within a process. */
const publicByYear = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let set = publicByYear.get(year);
  if (!set) {
    // Only 'public': Goede Vrijdag and Bevrijdingsdag are 'school'/'observance' in NL and
    // municipalities are open then.
    set = new Set(holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    publicByYear.set(year, set);
  }
  return set;
}

/** A Dutch public holiday on this local (Europe/Amsterdam) date. */
export function isPublicHoliday(day: DateTime): boolean {
  const local = day.setZone(ZONE);
  return publicHolidays(local.year).has(local.toFormat('yyyy-MM-dd'));
}

/** Monday to Friday and not a Dutch public holiday. */
export function isWorkingDay(day: DateTime): boolean {
  const local = day.setZone(ZONE);
  return local.weekday <= 5 && !isPublicHoliday(local);
}
