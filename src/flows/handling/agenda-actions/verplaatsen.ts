import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { BookingItem } from '../../../agenda/bookings.js';
import { ZONE } from '../../../domain/calendar.js';
import { nl } from '../../../shared/i18n/nl.js';
import type { BookingRun } from './booking.js';

const t = nl.agenda.melding;
const DAY_MS = 24 * 3_600_000;

/** A moment typed on the card: a real date and time, not in the past, within a year. */
function parseMoment(date: unknown, time: unknown, now: Date): { ok: true; start: Date } | { ok: false; error: string } {
  const d = typeof date === 'string' ? date.trim() : '';
  const tm = typeof time === 'string' ? time.trim().slice(0, 5) : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !/^\d{2}:\d{2}$/.test(tm)) return { ok: false, error: t.datumOngeldig };
  const dt = DateTime.fromISO(`${d}T${tm}`, { zone: ZONE });
  if (!dt.isValid) return { ok: false, error: t.datumOngeldig };
  const start = dt.toJSDate();
  if (start.getTime() <= now.getTime()) return { ok: false, error: t.datumVerleden };
  if (start.getTime() > now.getTime() + 366 * DAY_MS) return { ok: false, error: t.datumTeVer };
  return { ok: true, start };
}

/** One click, named by the moment it moves from and to: a double click counts once, moving back is a new click. */
function requestId(item: BookingItem, target: Date | undefined): string {
  return createHash('sha256').update(`${item.start}>${target?.toISOString() ?? 'volgende'}`).digest('hex').slice(0, 32);
}

/** Verplaatsen: to the moment typed on the card, or to the next free one. */
export const verplaatsen: BookingRun = async (agenda, item, p, raw, now) => {
  if (p.volgende === 'ja') {
    await agenda.verplaatsen(p.incidentId, item.kind, requestId(item, undefined));
    return { ok: true, banner: t.volgende };
  }
  const moment = parseMoment(raw[`datum_${item.kind}`], raw[`tijd_${item.kind}`], now);
  if (!moment.ok) return { ok: false, outcome: 'ongeldig', error: moment.error };
  await agenda.verplaatsen(p.incidentId, item.kind, requestId(item, moment.start), moment.start);
  return { ok: true, banner: t.verplaatst };
};
