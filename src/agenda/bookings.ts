import { z } from 'zod';
import { AttendeeSchema, EventSubjectSchema } from '../calendar/port.js';
import { DocumentTable } from '../store/document-table.js';
import { retryOnConflict } from '../store/retry.js';
import { InstantSchema } from '../domain/types.js';
import type { TableClientFactory } from '../store/tables.js';

export const BOOKINGS_TABLE = 'bookings';

export const NAZORG_KINDS = ['nazorg-1', 'nazorg-2', 'nazorg-3'] as const;
export const BOOKING_KINDS = [...NAZORG_KINDS, 'incidentgesprek', 'herstelgesprek'] as const;
export const BookingKindSchema = z.enum(BOOKING_KINDS);
export type BookingKind = z.infer<typeof BookingKindSchema>;

export function isNazorgKind(kind: BookingKind): boolean {
  return (NAZORG_KINDS as readonly BookingKind[]).includes(kind);
}

export const BOOKING_STATUSES = ['gepland', 'geboekt', 'geannuleerd'] as const;

/**
 * One booked conversation. 'gepland' is stored before the calendar is asked, so a retry after a
 * crash books the same moment again (the idempotency key makes it the same event), never a new one.
 */
export const BookingItemSchema = z.object({
  kind: BookingKindSchema,
  /** the calendar's idempotency key: nazorg:<incidentId>:<1|2|3>, incidentgesprek:<incidentId>, ... */
  idempotencyKey: z.string().min(1).max(200),
  organiser: z.email(),
  attendees: z.array(AttendeeSchema),
  subject: EventSubjectSchema,
  online: z.boolean(),
  location: z.string().max(200).optional(),
  start: InstantSchema,
  end: InstantSchema,
  window: z.object({ notBefore: InstantSchema.optional(), dueBy: InstantSchema }),
  /** No free moment inside the window: booked at the earliest one after it. The coordinator must be told. */
  buitenTermijn: z.boolean(),
  /** The window had already passed when booking (a melding reported late). */
  termijnVerstreken: z.boolean(),
  /** The urgent first conversation had to leave office hours to stay inside its 24 hours. */
  buitenKantooruren: z.boolean(),
  status: z.enum(BOOKING_STATUSES),
  eventId: z.string().min(1).max(1000).optional(),
  /** The Verplaatsen click whose new moment is stored here; the calendar may not have it yet. */
  moveRequestId: z.string().max(100).optional(),
  movePending: z.boolean().optional(),
  /** How often the moment was moved: the SEQUENCE of the letter's .ics, so a calendar replaces its copy. */
  sequence: z.number().int().min(0).optional(),
  /**
   * The pleger, outside the organisation: on the invitation only after the handler confirmed it
   * on the card. Kept apart from `attendees`, whose free/busy is asked when moving.
   */
  extern: AttendeeSchema.optional(),
  externPending: z.boolean().optional(),
  updatedAt: InstantSchema,
});
export type BookingItem = z.infer<typeof BookingItemSchema>;

export const BookingsSchema = z.object({
  orgId: z.string().min(1).max(100),
  incidentId: z.string().min(1).max(100),
  items: z.array(BookingItemSchema),
  /** Any item booked outside its window: what the coordinator's card shows. */
  buitenTermijn: z.boolean(),
  updatedAt: InstantSchema,
});
export type Bookings = z.infer<typeof BookingsSchema>;

export function withFlags(doc: Bookings): Bookings {
  return { ...doc, buitenTermijn: doc.items.some((i) => i.buitenTermijn && i.status !== 'geannuleerd') };
}

/** The `bookings` table: PartitionKey the organisation, RowKey the incident id; one document per incident. */
export class BookingRepository {
  private readonly table: DocumentTable<Bookings>;

  constructor(tables: TableClientFactory) {
    this.table = new DocumentTable(tables(BOOKINGS_TABLE), BookingsSchema, (d) => ({ buitenTermijn: d.buitenTermijn }));
  }

  async get(orgId: string, incidentId: string): Promise<Bookings | undefined> {
    return (await this.table.get(orgId, incidentId))?.value;
  }

  /** Forgets the melding's bookings (erasure); a missing document is fine. */
  async remove(orgId: string, incidentId: string): Promise<void> {
    await this.table.delete(orgId, incidentId);
  }

  /**
   * Read-modify-write under the ETag, again on a conflict. `change` returns undefined when there
   * is nothing to write; it may run more than once, so it must not have side effects.
   */
  async change(
    orgId: string, incidentId: string, now: Date,
    change: (current: Bookings | undefined) => Bookings | undefined,
  ): Promise<Bookings | undefined> {
    return retryOnConflict(5, async () => {
      const current = await this.table.get(orgId, incidentId);
      const next = change(current?.value);
      if (next === undefined) return current?.value;
      const doc = withFlags({ ...next, orgId, incidentId, updatedAt: now.toISOString() });
      return current
        ? (await this.table.update(orgId, incidentId, doc, current.etag)).value
        : (await this.table.create(orgId, incidentId, doc)).value;
    });
  }
}
