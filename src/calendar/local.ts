import { odata, TableClient } from '@azure/data-tables';
import { isAlreadyExists, isNotFound } from '../store/errors.js';
import { retryOnConflict } from '../store/retry.js';
import { renderCalendar, type IcsEntry } from './ics.js';
import {
  EVENT_PREFIX, EventRowSchema, eventIdFor, personKey, REF_PREFIX, RefRowSchema, toEntity, toEvent, type EventRow,
} from './local-rows.js';
import {
  CalendarError, type CalendarEvent, type CalendarEventPatch, type CalendarPort, type CreatedEvent, type CreateItem,
  type Interval,
} from './port.js';

export { toIcsSingle } from './ics.js';

export interface LocalCalendarOptions {
  now?: () => Date;
}

const MAX_ETAG_ATTEMPTS = 5;

/**
 * The calendar when there is no Microsoft 365 tenant: events in Table Storage,
 * each person's calendar served as an iCalendar feed.
 */
export class LocalCalendar implements CalendarPort {
  private ready: Promise<void> | undefined;
  private readonly now: () => Date;

  constructor(private readonly table: TableClient, options: LocalCalendarOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  static fromConnectionString(connectionString: string, tableName = 'calendarevents', options: LocalCalendarOptions = {}): LocalCalendar {
    const table = TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });
    return new LocalCalendar(table, options);
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.table.createTable().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  async createEvent(organiser: string, event: CalendarEvent, idempotencyKey: string): Promise<{ eventId: string }> {
    await this.ensureTable();
    const eventId = eventIdFor(organiser, idempotencyKey);
    let row: EventRow;
    try {
      await this.table.createEntity(toEntity(organiser, eventId, event, { sequence: 0, cancelled: false, updatedAt: this.now() }));
      row = await this.read(organiser, eventId);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      // Created before (a retry or a double click): keep what is stored, it may have been moved since.
      row = await this.read(organiser, eventId);
    }
    // Also on a retry: a crash may have come between the event row and its references.
    await this.writeRefs(row);
    return { eventId };
  }

  async createEvents(organiser: string, items: CreateItem[]): Promise<CreatedEvent[]> {
    const created: CreatedEvent[] = [];
    for (const item of items) {
      const { eventId } = await this.createEvent(organiser, item.event, item.idempotencyKey);
      created.push({ idempotencyKey: item.idempotencyKey, eventId });
    }
    return created;
  }

  async updateEvent(organiser: string, eventId: string, patch: CalendarEventPatch): Promise<void> {
    await this.ensureTable();
    const row = await this.change(organiser, eventId, (current) => {
      if (current.cancelled) throw new CalendarError('invalid', 'event is cancelled');
      return { event: { ...toEvent(current), ...patch }, cancelled: false };
    });
    if (row) await this.writeRefs(row);
  }

  async cancelEvent(organiser: string, eventId: string, _comment?: string): Promise<void> {
    await this.ensureTable();
    try {
      await this.change(organiser, eventId, (current) => (current.cancelled ? undefined : { event: toEvent(current), cancelled: true }));
    } catch (err) {
      if (err instanceof CalendarError && err.code === 'not-found') return;
      throw err;
    }
  }

  async getBusy(mailboxes: string[], window: Interval): Promise<Map<string, Interval[]>> {
    await this.ensureTable();
    const result = new Map<string, Interval[]>();
    for (const mailbox of mailboxes) {
      const busy = (await this.entriesOf(mailbox))
        .filter((e) => !e.cancelled && e.event.start < window.end && e.event.end > window.start)
        .map((e) => ({ start: e.event.start, end: e.event.end }));
      result.set(mailbox, busy);
    }
    return result;
  }

  /** The person's calendar (as organiser or attendee) as an iCalendar feed. */
  async toIcs(personId: string): Promise<string> {
    await this.ensureTable();
    const entries = await this.entriesOf(personId);
    entries.sort((a, b) => a.event.start.getTime() - b.event.start.getTime() || a.uid.localeCompare(b.uid));
    return renderCalendar(entries, 'Weerbaar');
  }

  private async entriesOf(personId: string): Promise<IcsEntry[]> {
    const me = personKey(personId);
    const entries: IcsEntry[] = [];
    const rows = this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${me}` } });
    for await (const raw of rows) {
      if (raw.rowKey?.startsWith(EVENT_PREFIX)) {
        entries.push(this.entry(EventRowSchema.parse(raw), false));
      } else if (raw.rowKey?.startsWith(REF_PREFIX)) {
        const ref = RefRowSchema.parse(raw);
        const eventId = ref.rowKey.slice(REF_PREFIX.length);
        const row = await this.readKey(ref.organiserKey, eventId);
        if (!row) continue;
        // Taken off the invitation later: their copy must disappear from their calendar.
        const removed = !row.attendees.some((a) => personKey(a.email) === me);
        entries.push(this.entry(row, removed));
      }
    }
    return entries;
  }

  private entry(row: EventRow, removed: boolean): IcsEntry {
    return {
      uid: `${row.rowKey.slice(EVENT_PREFIX.length)}@weerbaar`,
      sequence: row.sequence,
      cancelled: row.cancelled || removed,
      dtstamp: new Date(row.updatedAt),
      organiser: row.organiser,
      event: toEvent(row),
    };
  }

  /** Read-modify-write under the row's ETag; undefined from `apply` means nothing to do. */
  private async change(
    organiser: string, eventId: string,
    apply: (current: EventRow) => { event: CalendarEvent; cancelled: boolean } | undefined,
  ): Promise<EventRow | undefined> {
    return retryOnConflict(MAX_ETAG_ATTEMPTS, async () => {
      const current = await this.read(organiser, eventId);
      const next = apply(current);
      if (!next) return undefined;
      const entity = toEntity(current.organiser, eventId, next.event, {
        sequence: current.sequence + 1, cancelled: next.cancelled, updatedAt: this.now(),
      });
      await this.table.updateEntity(entity, 'Replace', { etag: current.etag ?? '*' });
      return this.read(organiser, eventId);
    });
  }

  private async writeRefs(row: EventRow): Promise<void> {
    for (const a of row.attendees) {
      const pk = personKey(a.email);
      if (pk === row.partitionKey) continue;
      await this.table.upsertEntity({
        partitionKey: pk,
        rowKey: REF_PREFIX + row.rowKey.slice(EVENT_PREFIX.length),
        organiserKey: row.partitionKey,
      }, 'Replace');
    }
  }

  private async read(organiser: string, eventId: string): Promise<EventRow> {
    const row = await this.readKey(personKey(organiser), eventId);
    if (!row) throw new CalendarError('not-found', 'event not found', undefined, 404);
    return row;
  }

  private async readKey(pk: string, eventId: string): Promise<EventRow | undefined> {
    try {
      return EventRowSchema.parse(await this.table.getEntity(pk, EVENT_PREFIX + eventId));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}
