import type { DeadlineProgress } from '../../domain/deadlines.js';
import type { Incident } from '../../domain/incident-schema.js';
import { loggableError } from '../../logger.js';
import { deadlineProgress } from '../handling/kaart-view.js';
import type { HandlingAgenda } from '../handling/ports.js';
import type { Services } from '../services.js';

/**
 * Booking reads in flight at once: enough that 200 open meldingen cost a few round trips, few
 * enough that several overviews at once leave the storage account room for the other turns.
 */
export const BOOKING_READS_AT_ONCE = 16;

/** An open melding with what can meet its deadlines, read once per overview. */
export interface Weighed {
  incident: Incident;
  progress: DeadlineProgress;
}

/**
 * What can meet each melding's deadlines, as the card and the reminders read it: its bookings and
 * its tasks. Read only for the meldingen given (the open ones this viewer may see). A melding whose
 * bookings cannot be read keeps its deadlines open: the overview then errs towards "due", never
 * hides a deadline it could not check.
 */
export async function weigh(
  services: Services,
  agenda: Pick<HandlingAgenda, 'bookingsFor'> | undefined,
  incidents: readonly Incident[],
): Promise<Weighed[]> {
  const read = async (incident: Incident): Promise<DeadlineProgress> => {
    try {
      return deadlineProgress(incident, services, await agenda?.bookingsFor(incident.id));
    } catch (err) {
      services.logger.warn({ incident: incident.id, err: loggableError(err) }, 'overview: bookings unreadable; its deadlines shown open');
      return deadlineProgress(incident, services, undefined);
    }
  };
  const weighed: Weighed[] = [];
  const queue = [...incidents];
  const worker = async (): Promise<void> => {
    for (let incident = queue.shift(); incident; incident = queue.shift()) weighed.push({ incident, progress: await read(incident) });
  };
  await Promise.all(Array.from({ length: Math.min(BOOKING_READS_AT_ONCE, queue.length) }, worker));
  // in the order read, which the overview's ranking makes irrelevant
  return weighed;
}
