import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AttendeeSchema, type CalendarEvent, EventSubjectSchema } from './port.js';

/**
 * Rows of the local calendar table. An event lives once, in its organiser's
 * partition; every attendee's partition holds a small reference row, so a
 * person's feed is one partition query plus point reads.
 */
export const EVENT_PREFIX = 'event_';
export const REF_PREFIX = 'ref_';

/** Partition keys may not hold '/', '\\', '#' or '?'; encoding the address keeps it reversible. */
export function personKey(emailOrId: string): string {
  return encodeURIComponent(emailOrId.trim().toLowerCase());
}

/** The event id follows from organiser and key: a retried create lands on the same row. */
export function eventIdFor(organiser: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${personKey(organiser)}\u0000${idempotencyKey}`).digest('hex').slice(0, 32);
}

export const EventRowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string().startsWith(EVENT_PREFIX),
  etag: z.string().optional(),
  organiser: z.string(),
  subject: EventSubjectSchema,
  bodyHtml: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  attendees: z.string().transform((s, ctx) => {
    let json: unknown;
    try {
      json = JSON.parse(s);
    } catch {
      json = undefined;
    }
    const parsed = z.array(AttendeeSchema).safeParse(json);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'invalid attendees' });
      return z.NEVER;
    }
    return parsed.data;
  }),
  location: z.string().optional(),
  online: z.boolean(),
  sequence: z.number().int(),
  cancelled: z.boolean(),
  updatedAt: z.iso.datetime(),
});
export type EventRow = z.infer<typeof EventRowSchema>;

export const RefRowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string().startsWith(REF_PREFIX),
  organiserKey: z.string(),
});

export interface EventEntity {
  partitionKey: string;
  rowKey: string;
  organiser: string;
  subject: string;
  bodyHtml: string;
  start: string;
  end: string;
  attendees: string;
  location?: string;
  online: boolean;
  sequence: number;
  cancelled: boolean;
  updatedAt: string;
}

export function toEntity(
  organiser: string, eventId: string, event: CalendarEvent,
  state: { sequence: number; cancelled: boolean; updatedAt: Date },
): EventEntity {
  const entity: EventEntity = {
    partitionKey: personKey(organiser),
    rowKey: EVENT_PREFIX + eventId,
    organiser: organiser.trim().toLowerCase(),
    subject: event.subject,
    bodyHtml: event.bodyHtml,
    start: event.start.toISOString(),
    end: event.end.toISOString(),
    attendees: JSON.stringify(event.attendees.map((a) => ({ email: a.email, name: a.name }))),
    online: event.online,
    sequence: state.sequence,
    cancelled: state.cancelled,
    updatedAt: state.updatedAt.toISOString(),
  };
  if (event.location !== undefined) entity.location = event.location;
  return entity;
}

export function toEvent(row: EventRow): CalendarEvent {
  const event: CalendarEvent = {
    subject: row.subject,
    bodyHtml: row.bodyHtml,
    start: new Date(row.start),
    end: new Date(row.end),
    attendees: row.attendees,
    online: row.online,
  };
  if (row.location !== undefined) event.location = row.location;
  return event;
}
