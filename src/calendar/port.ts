import { z } from 'zod';
import type { CalendarErrorCode } from '../shared/error-codes.js';

/** A half-open span of time [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

/**
 * Subjects are fixed words: a calendar is seen by assistants, delegates and
 * phones on the table, so nothing about the incident may show there.
 */
export const EVENT_SUBJECTS = ['Nazorggesprek', 'Gesprek'] as const;
export const EventSubjectSchema = z.enum(EVENT_SUBJECTS);
export type EventSubject = z.infer<typeof EventSubjectSchema>;

export const AttendeeSchema = z.object({
  email: z.email(),
  name: z.string().min(1),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

/**
 * One appointment as the bot books it. Always private (sensitivity) in every
 * adapter; start/end are instants, shown in Europe/Amsterdam. The schema
 * coerces dates so a queue message (JSON) can be parsed straight back.
 */
export const CalendarEventSchema = z.object({
  subject: EventSubjectSchema,
  /** The conversation's purpose from the protocol; never content of the melding. */
  bodyHtml: z.string(),
  start: z.coerce.date(),
  end: z.coerce.date(),
  attendees: z.array(AttendeeSchema),
  location: z.string().min(1).optional(),
  /** A Teams meeting (Graph) / marked online (local feed). */
  online: z.boolean(),
  /** Every adapter books private events whatever this says; it exists so callers can state it. */
  sensitivity: z.literal('private').optional(),
}).refine((e) => e.end.getTime() > e.start.getTime(), { message: 'end must be after start' });
export type CalendarEvent = z.infer<typeof CalendarEventSchema>;

export type CalendarEventPatch = Partial<CalendarEvent>;

export interface CreateItem {
  event: CalendarEvent;
  idempotencyKey: string;
}

export interface CreatedEvent {
  idempotencyKey: string;
  eventId: string;
}

/**
 * What an adapter throws once its own retries are spent, so the queue worker
 * can decide: 'throttled' and 'unavailable' are worth retrying later
 * (after retryAfterMs when given), the others need a person.
 */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.code === 'throttled' || this.code === 'unavailable';
  }
}

export interface CalendarPort {
  /** Busy intervals per mailbox (keyed by the mailbox as given), inside the window. */
  getBusy(mailboxes: string[], window: Interval): Promise<Map<string, Interval[]>>;
  /** Same key twice gives the same event, never a second one. */
  createEvent(organiser: string, event: CalendarEvent, idempotencyKey: string): Promise<{ eventId: string }>;
  /** One melding's bookings in one go; results in the order of items. */
  createEvents(organiser: string, items: CreateItem[]): Promise<CreatedEvent[]>;
  /** Changes the same event (Verplaatsen), never makes a second one. */
  updateEvent(organiser: string, eventId: string, patch: CalendarEventPatch): Promise<void>;
  /** Idempotent: cancelling an event that is already cancelled or gone succeeds. */
  cancelEvent(organiser: string, eventId: string, comment?: string): Promise<void>;
}
