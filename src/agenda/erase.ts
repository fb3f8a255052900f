import { RetryableError } from '../shared/jobs.js';
import { calendarJobError, type AgendaDeps } from './booker.js';
import { replaceItem } from './change.js';

/** A booked conversation as an erased melding keeps it: which, when, and whether it was cancelled; not who. */
export interface Afspraak {
  kind: string;
  start: string;
  geannuleerd: boolean;
}

/** What erasing a melding's personal data asks of the agenda; every step is safe to repeat. */
export interface AgendaErasure {
  moments(incidentId: string): Promise<Afspraak[]>;
  /**
   * Cancels every event the melding booked that is not cancelled yet, through the calendar's own
   * cancel (the attendees get a cancellation without content; the subject was never more than
   * "Nazorggesprek" or "Gesprek"). Returns how many it cancelled.
   */
  cancelAll(incidentId: string): Promise<number>;
  /** Deletes the bookings document (who took part, the pleger's address if invited). */
  forget(incidentId: string): Promise<void>;
}

export function agendaErasure(deps: AgendaDeps, orgId: string): AgendaErasure {
  return {
    async moments(incidentId) {
      const doc = await deps.bookings.get(orgId, incidentId);
      // the moment it was first booked for stays, not the status of a later change
      return (doc?.items ?? []).map((i) => ({ kind: i.kind, start: i.start, geannuleerd: i.status === 'geannuleerd' }));
    },
    async cancelAll(incidentId) {
      const doc = await deps.bookings.get(orgId, incidentId);
      let cancelled = 0;
      for (const item of doc?.items ?? []) {
        if (item.status === 'geannuleerd') continue;
        // a booking still under way: cancel it once it is done
        if (item.status === 'gepland' || item.eventId === undefined) throw new RetryableError('booking-not-ready');
        try {
          await deps.calendar.cancelEvent(item.organiser, item.eventId);
        } catch (err) {
          throw calendarJobError(err);
        }
        await deps.ledger.drop(item.organiser, item.idempotencyKey);
        const now = deps.now();
        await deps.bookings.change(orgId, incidentId, now, (current) =>
          current ? replaceItem(current, item.kind, (i) => ({ ...i, status: 'geannuleerd', movePending: false, updatedAt: now.toISOString() })) : undefined);
        cancelled += 1;
      }
      return cancelled;
    },
    forget: (incidentId) => deps.bookings.remove(orgId, incidentId),
  };
}
