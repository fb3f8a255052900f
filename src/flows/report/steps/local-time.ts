import { DateTime } from 'luxon';
import { ZONE } from '../../../domain/deadlines.js';

/** Today on the Amsterdam clock, yyyy-mm-dd: the latest date a date field accepts. */
export function localDate(now: Date): string {
  return DateTime.fromJSDate(now).setZone(ZONE).toISODate() ?? '';
}

/** yyyy-mm-dd + hh:mm on the Amsterdam clock -> instant; undefined for an impossible date. */
export function parseLocal(date: string, time: string): DateTime | undefined {
  const dt = DateTime.fromISO(`${date}T${time.slice(0, 5)}`, { zone: ZONE });
  return dt.isValid ? dt : undefined;
}
