import { findSlot } from '../calendar/slots.js';
import { defineJob, PermanentError, RetryableError, type JobHandler } from '../shared/jobs.js';
import { busyOf, calendarJobError, notifyBooked, type AgendaDeps } from './booker.js';
import type { BookingItem, BookingKind, Bookings } from './bookings.js';
import {
  AGENDA_JOBS, AnnulerenPayloadSchema, VerplaatsenPayloadSchema, type AnnulerenPayload, type VerplaatsenPayload,
} from './jobs.js';

const MINUTE = 60_000;

export function bookedItem(doc: Bookings | undefined, kind: BookingKind): BookingItem & { eventId: string } {
  const item = doc?.items.find((i) => i.kind === kind);
  if (!item) throw new PermanentError('booking-not-found');
  if (item.status === 'geannuleerd') throw new PermanentError('booking-cancelled');
  // Still being booked by another job: try again once that has finished.
  if (item.status === 'gepland' || item.eventId === undefined) throw new RetryableError('booking-not-ready');
  return { ...item, eventId: item.eventId };
}

export function replaceItem(doc: Bookings, kind: BookingKind, change: (i: BookingItem) => BookingItem): Bookings {
  return { ...doc, items: doc.items.map((i) => (i.kind === kind ? change(i) : i)) };
}

/** The next free moment of everyone involved after the current one, by the same rules as booking. */
async function nextMoment(deps: AgendaDeps, item: BookingItem): Promise<{ start: Date; end: Date }> {
  const dueBy = new Date(item.window.dueBy);
  const busy = await busyOf(deps, [item.organiser, ...item.attendees.map((a) => a.email)], dueBy);
  const result = findSlot({
    window: { notBefore: new Date(item.end), dueBy },
    durationMinutes: (new Date(item.end).getTime() - new Date(item.start).getTime()) / MINUTE,
    busy,
    hours: deps.config.hours,
    workingDaysOnly: true,
    allowOutsideHours: item.kind === 'nazorg-1',
    now: deps.now(),
    searchDaysAfter: 21,
  });
  if (result.kind === 'none') throw new PermanentError('no-free-moment');
  return { start: result.start, end: result.end };
}

/**
 * Verplaatsen: the same event gets a new moment, never a second event. The new moment is stored
 * first (with the click's id), so a retry after a crash sends the same change again.
 */
export async function verplaatsen(deps: AgendaDeps, p: VerplaatsenPayload): Promise<void> {
  try {
    const doc = await deps.bookings.get(p.orgId, p.incidentId);
    let item = bookedItem(doc, p.kind);
    if (item.moveRequestId !== p.requestId) {
      const duration = new Date(item.end).getTime() - new Date(item.start).getTime();
      const target = p.start ? { start: new Date(p.start), end: new Date(new Date(p.start).getTime() + duration) } : await nextMoment(deps, item);
      const now = deps.now();
      const saved = await deps.bookings.change(p.orgId, p.incidentId, now, (current) => {
        if (!current) return undefined;
        return replaceItem(current, p.kind, (i) => ({
          ...i,
          start: target.start.toISOString(),
          end: target.end.toISOString(),
          buitenTermijn: target.end.getTime() > new Date(i.window.dueBy).getTime(),
          buitenKantooruren: false,
          moveRequestId: p.requestId,
          movePending: true,
          sequence: (i.sequence ?? 0) + 1,
          updatedAt: now.toISOString(),
        }));
      });
      item = bookedItem(saved, p.kind);
    }
    if (item.movePending) {
      await deps.calendar.updateEvent(item.organiser, item.eventId, { start: new Date(item.start), end: new Date(item.end) });
      const now = deps.now();
      await deps.bookings.change(p.orgId, p.incidentId, now, (current) =>
        current ? replaceItem(current, p.kind, (i) => ({ ...i, movePending: false, updatedAt: now.toISOString() })) : undefined);
    }
    await notifyBooked(deps, p.incidentId, { kinds: [p.kind], change: 'verplaatst' });
  } catch (err) {
    throw calendarJobError(err);
  }
}

/** Annuleren: cancels the event (the attendees get the cancellation) and marks the booking. */
export async function annuleren(deps: AgendaDeps, p: AnnulerenPayload): Promise<void> {
  try {
    const doc = await deps.bookings.get(p.orgId, p.incidentId);
    const existing = doc?.items.find((i) => i.kind === p.kind);
    if (existing?.status !== 'geannuleerd') {
      const item = bookedItem(doc, p.kind);
      await deps.calendar.cancelEvent(item.organiser, item.eventId);
      const now = deps.now();
      await deps.bookings.change(p.orgId, p.incidentId, now, (current) =>
        current ? replaceItem(current, p.kind, (i) => ({ ...i, status: 'geannuleerd', movePending: false, updatedAt: now.toISOString() })) : undefined);
    }
    await notifyBooked(deps, p.incidentId, { kinds: [p.kind], change: 'geannuleerd' });
  } catch (err) {
    throw calendarJobError(err);
  }
}

export function verplaatsenJob(deps: AgendaDeps): JobHandler<VerplaatsenPayload> {
  return defineJob({ type: AGENDA_JOBS.verplaatsen, schema: VerplaatsenPayloadSchema, handle: (p) => verplaatsen(deps, p) });
}

export function annulerenJob(deps: AgendaDeps): JobHandler<AnnulerenPayload> {
  return defineJob({ type: AGENDA_JOBS.annuleren, schema: AnnulerenPayloadSchema, handle: (p) => annuleren(deps, p) });
}
