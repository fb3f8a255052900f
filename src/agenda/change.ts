import { findSlot } from '../calendar/slots.js';
import { defineJob, PermanentError, RetryableError, type JobHandler } from '../shared/jobs.js';
import { claimedBusy, mailboxKey } from './ledger.js';
import { busyOf, busyRange, calendarJobError, notifyBooked, type AgendaDeps } from './booker.js';
import type { BookingItem, BookingKind, Bookings } from './bookings.js';
import {
  AGENDA_JOBS, AnnulerenPayloadSchema, VerplaatsenPayloadSchema, type AnnulerenPayload, type VerplaatsenPayload,
} from './jobs.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

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

/**
 * The moment to move to: the one asked for, or the next free moment of everyone involved after
 * the current one, by the same rules as booking. Reserved under the organiser's lease, as a booking is.
 */
async function reserveMove(deps: AgendaDeps, item: BookingItem, asked: Date | undefined): Promise<{ start: Date; end: Date }> {
  const duration = new Date(item.end).getTime() - new Date(item.start).getTime();
  const dueBy = new Date(item.window.dueBy);
  const now = deps.now();
  const range = busyRange(now, dueBy);
  const mailboxes = [item.organiser, ...item.attendees.map((a) => a.email)];
  const busy = asked ? undefined : await busyOf(deps, mailboxes, range);
  return deps.ledger.reserve([item.organiser], (claims) => {
    let target = asked ? { start: asked, end: new Date(asked.getTime() + duration) } : undefined;
    if (!target) {
      const result = findSlot({
        window: { notBefore: new Date(item.end), dueBy },
        durationMinutes: duration / MINUTE,
        busy: [...mailboxes.flatMap((m) => busy?.(m) ?? []), ...claimedBusy(claims, mailboxes, new Set([item.idempotencyKey]))],
        hours: deps.config.hours,
        workingDaysOnly: true,
        allowOutsideHours: item.kind === 'nazorg-1',
        now,
        searchDaysAfter: Math.max(0, Math.min(21, (range.end.getTime() - Math.max(dueBy.getTime(), now.getTime())) / DAY)),
      });
      if (result.kind === 'none') throw new PermanentError('no-free-moment');
      target = { start: result.start, end: result.end };
    }
    const claim = {
      key: item.idempotencyKey, start: target.start.toISOString(), end: target.end.toISOString(),
      with: item.attendees.map((a) => mailboxKey(a.email)),
    };
    return { result: target, reservation: { set: [{ mailbox: item.organiser, claim }] } };
  });
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
      const target = await reserveMove(deps, item, p.start ? new Date(p.start) : undefined);
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
      await deps.ledger.drop(item.organiser, item.idempotencyKey);
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
