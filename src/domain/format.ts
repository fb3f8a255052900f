import { toAmsterdam, type InstantInput } from './calendar.js';
import { nl } from '../shared/i18n/nl.js';

/** "di 24 nov 2026 14:30" on the Amsterdam clock; fixed abbreviations, not the runtime's Intl data. */
export function formatDutch(instant: InstantInput): string {
  const dt = toAmsterdam(instant);
  const weekday = nl.weekdays[dt.weekday - 1] ?? '';
  const month = nl.months[dt.month - 1] ?? '';
  return `${weekday} ${dt.day} ${month} ${dt.year} ${dt.toFormat('HH:mm')}`;
}

/** "di 24 nov 2026", for a date without a time. */
export function formatDutchDate(instant: InstantInput): string {
  return formatDutch(instant).slice(0, -6);
}
