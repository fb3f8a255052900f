import { nl } from '../../../shared/i18n/nl.js';
import type { BookingRun } from './booking.js';

/** Annuleren: the booked moment is cancelled in the calendar. */
export const annuleren: BookingRun = async (agenda, item, p) => {
  await agenda.annuleren(p.incidentId, item.kind);
  return { ok: true, banner: nl.agenda.melding.geannuleerd };
};
