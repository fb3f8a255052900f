import { SCHEDULE_SPAN_MS } from '../calendar/graph.js';
import { CalendarError, type Attendee, type CalendarEvent, type CalendarPort, type Interval } from '../calendar/port.js';
import { PermanentError, toJobError } from '../shared/jobs.js';
import type { BookingItem, BookingKind, BookingRepository, Bookings } from './bookings.js';
import type { AgendaConfig } from './config.js';
import { invitationFor } from './invitation.js';
import type { Reservation, SlotLedger } from './ledger.js';
import { NoFreeMomentError } from './plan.js';
import { choose, fitsWindows, type Choice } from './reserve.js';
import type { AgendaServices } from './services.js';

export interface AgendaDeps {
  services: Pick<AgendaServices, 'people' | 'store' | 'profile' | 'logger'>;
  calendar: CalendarPort;
  bookings: BookingRepository;
  /** Serialises planning per organiser across instances, and holds what they reserved. */
  ledger: SlotLedger;
  config: AgendaConfig;
  now: () => Date;
  /** After the stored bookings changed (the cards show them; the melder hears of new nazorg). */
  onBooked?: (incidentId: string, change: BookingChange) => Promise<void>;
}

export interface BookingChange {
  kinds: BookingKind[];
  change: 'geboekt' | 'verplaatst' | 'geannuleerd' | 'uitgenodigd';
}

/** Tells the afhandeling; a failure retries the job, which repeats nothing but this call. */
export async function notifyBooked(deps: AgendaDeps, incidentId: string, change: BookingChange): Promise<void> {
  await deps.onBooked?.(incidentId, change);
}

/** One conversation to book: who, where, and the window the protocol gives it. */
export interface BookingSpec {
  kind: BookingKind;
  idempotencyKey: string;
  /**
   * Who may organise it, in the profile's order: the next one only when the one before has no
   * room inside the window. The conversations of one booking share one organiser.
   */
  organisers: Attendee[];
  attendees: Attendee[];
  online: boolean;
  location?: string;
  window: { notBefore: Date; dueBy: Date };
  allowOutsideHours: boolean;
}

const SEARCH_DAYS_AFTER = 21;
const DAY_MS = 24 * 3_600_000;

/** A calendar failure as the worker understands it: outages are retried, the rest is for a person. */
export function calendarJobError(err: unknown): unknown {
  if (err instanceof CalendarError) {
    return toJobError(`calendar-${err.code}`, { retryable: err.retryable, retryAfterMs: err.retryAfterMs, cause: err });
  }
  if (err instanceof NoFreeMomentError) return new PermanentError('no-free-moment', { cause: err });
  return err;
}

export function eventOf(item: BookingItem): CalendarEvent {
  const { subject, bodyHtml } = invitationFor(item.kind);
  return {
    subject,
    bodyHtml,
    start: new Date(item.start),
    end: new Date(item.end),
    attendees: item.extern ? [...item.attendees, item.extern] : item.attendees,
    online: item.online,
    sensitivity: 'private',
    ...(item.location !== undefined ? { location: item.location } : {}),
  };
}

/**
 * The span of free/busy one booking needs: from now until well past the last window, but never
 * more than one getSchedule answers, so a booking asks Graph once. Nothing is planned past it.
 */
export function busyRange(now: Date, until: Date): Interval {
  const wanted = Math.max(until.getTime(), now.getTime()) + (SEARCH_DAYS_AFTER + 1) * DAY_MS;
  return { start: now, end: new Date(Math.min(wanted, now.getTime() + SCHEDULE_SPAN_MS)) };
}

/** Free/busy per mailbox (lower case) of everyone involved, in one call. */
export async function busyOf(deps: AgendaDeps, mailboxes: string[], range: Interval): Promise<(mailbox: string) => Interval[]> {
  const byMailbox = await deps.calendar.getBusy([...new Set(mailboxes.map((m) => m.toLowerCase()))], range);
  return (mailbox) => byMailbox.get(mailbox.toLowerCase()) ?? [];
}

/**
 * Free/busy is read first (Graph is slow and may throttle); then, holding the leases of the
 * candidate organisers, the plan is made against it and against what any instance reserved,
 * and reserved itself, so two instances never give one calendar the same moment.
 */
async function planMissing(deps: AgendaDeps, missing: BookingSpec[]): Promise<BookingItem[]> {
  const now = deps.now();
  const organisers = missing[0]?.organisers ?? [];
  const range = busyRange(now, new Date(Math.max(...missing.map((s) => s.window.dueBy.getTime()))));
  const busy = await busyOf(deps, [...organisers, ...missing.flatMap((s) => s.attendees)].map((a) => a.email), range);
  const rules = { hours: deps.config.hours, durationMinutes: deps.config.durationMinutes, now, searchDaysAfter: SEARCH_DAYS_AFTER, searchUntil: range.end };
  // Most bookings fit the first giver: only its lease is taken. All candidates' leases only when it has no room.
  const first = organisers.slice(0, 1);
  const firstFits = await deps.ledger.reserve(first.map((o) => o.email), (claims): { result: Choice | undefined; reservation: Reservation } => {
    if (organisers.length === 1) return choose(first, missing, busy, claims, rules);
    try {
      const planned = choose(first, missing, busy, claims, rules);
      return fitsWindows(planned.result) ? planned : { result: undefined, reservation: {} };
    } catch (err) {
      if (err instanceof NoFreeMomentError) return { result: undefined, reservation: {} };
      throw err;
    }
  });
  const choice = firstFits ?? await deps.ledger.reserve(organisers.map((o) => o.email), (claims) => choose(organisers, missing, busy, claims, rules));
  return missing.map((spec, i): BookingItem => {
    const slot = choice.moments[i];
    if (!slot) throw new NoFreeMomentError(spec.kind);
    return {
      kind: spec.kind,
      idempotencyKey: spec.idempotencyKey,
      organiser: choice.organiser.email,
      attendees: spec.attendees,
      subject: invitationFor(spec.kind).subject,
      online: spec.online,
      ...(spec.location !== undefined ? { location: spec.location } : {}),
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      window: { notBefore: spec.window.notBefore.toISOString(), dueBy: spec.window.dueBy.toISOString() },
      buitenTermijn: slot.buitenTermijn,
      termijnVerstreken: slot.termijnVerstreken,
      buitenKantooruren: slot.buitenKantooruren,
      status: 'gepland',
      updatedAt: now.toISOString(),
    };
  });
}

/**
 * Plans what is not planned yet, stores the plan, then creates the events in one call and
 * stores their ids. Every step can be repeated after a crash: the stored plan fixes the
 * moments and the idempotency keys make the calendar return the events it already has.
 */
export async function book(deps: AgendaDeps, orgId: string, incidentId: string, specs: BookingSpec[]): Promise<Bookings | undefined> {
  try {
    const kinds = new Set(specs.map((s) => s.kind));
    const existing = await deps.bookings.get(orgId, incidentId);
    const planned = new Set((existing?.items ?? []).map((i) => i.kind));
    const missing = specs.filter((s) => !planned.has(s.kind));
    let doc = existing;
    if (missing.length > 0) {
      const items = await planMissing(deps, missing);
      const now = deps.now();
      doc = await deps.bookings.change(orgId, incidentId, now, (current) => {
        // Another worker may have planned meanwhile: its plan stands.
        const have = new Set((current?.items ?? []).map((i) => i.kind));
        const add = items.filter((i) => !have.has(i.kind));
        if (add.length === 0) return undefined;
        return { orgId, incidentId, items: [...(current?.items ?? []), ...add], buitenTermijn: false, updatedAt: now.toISOString() };
      });
    }
    const open = (doc?.items ?? []).filter((i) => kinds.has(i.kind) && i.status === 'gepland');
    const organisers = [...new Set(open.map((i) => i.organiser))];
    for (const organiser of organisers) {
      const mine = open.filter((i) => i.organiser === organiser);
      const created = await deps.calendar.createEvents(organiser, mine.map((i) => ({ event: eventOf(i), idempotencyKey: i.idempotencyKey })));
      const ids = new Map(created.map((c) => [c.idempotencyKey, c.eventId]));
      const now = deps.now();
      doc = await deps.bookings.change(orgId, incidentId, now, (current) => {
        if (!current) return undefined;
        return {
          ...current,
          items: current.items.map((i) => {
            const eventId = ids.get(i.idempotencyKey);
            return eventId !== undefined && i.status === 'gepland' ? { ...i, eventId, status: 'geboekt', updatedAt: now.toISOString() } : i;
          }),
        };
      });
    }
    return doc;
  } catch (err) {
    throw calendarJobError(err);
  }
}
