import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { PHASES } from '../domain/reminders.js';
import { DeadlineKindSchema, InstantSchema } from '../domain/types.js';
import { DocumentTable, type Versioned } from './document-table.js';
import { isConflict } from './retry.js';
import { assertKeyPart } from './row.js';
import { ensureTables, type TableClientFactory } from './tables.js';

export const TIMERS_TABLE = 'timers';

export const TimerSchema = z.object({
  orgId: z.string().min(1).max(100),
  incidentId: z.string().min(1).max(100),
  kind: DeadlineKindSchema,
  phase: z.enum(PHASES),
  at: InstantSchema,
  dueBy: InstantSchema,
  /** armed: waits for `at`; firing: claimed by `leaseOwner` until `leaseUntil`; fired: its job is enqueued */
  status: z.enum(['armed', 'firing', 'fired']),
  leaseOwner: z.string().max(100).optional(),
  leaseUntil: InstantSchema.optional(),
});
export type Timer = z.infer<typeof TimerSchema>;

const rowKey = (t: Pick<Timer, 'incidentId' | 'kind' | 'phase'>): string => `${t.incidentId}_${t.kind}_${t.phase}`;

/**
 * The `timers` table: PartitionKey the organisation, RowKey `<incidentId>_<kind>_<phase>`, one
 * row per moment a deadline is watched. It is the record of what is still to fire, so a restart
 * loses nothing; every change of a row goes through its ETag, so of two instances polling the
 * same account only one claims a timer.
 */
export class TimerRepository {
  private readonly docs: DocumentTable<Timer>;

  constructor(client: TableClient) {
    this.docs = new DocumentTable(client, TimerSchema, (t) => ({ status: t.status, at: t.at }));
  }

  /**
   * Creates the timer, or moves one whose deadline moved; a timer for the same deadline stays as
   * it is (a fired one is not fired again). Returns whether the row changed.
   */
  async arm(timer: Omit<Timer, 'status' | 'leaseOwner' | 'leaseUntil'>): Promise<boolean> {
    const doc: Timer = { ...timer, status: 'armed' };
    for (let n = 0; n < 5; n += 1) {
      const current = await this.docs.get(timer.orgId, rowKey(timer));
      try {
        if (!current) {
          await this.docs.create(timer.orgId, rowKey(timer), doc);
          return true;
        }
        if (current.value.dueBy === timer.dueBy && current.value.at === timer.at) return false;
        await this.docs.update(timer.orgId, rowKey(timer), doc, current.etag);
        return true;
      } catch (e) {
        if (!isConflict(e)) throw e;
      }
    }
    return false;
  }

  /** Timers whose moment has come: armed ones, and claims whose holder went silent. */
  async due(orgId: string, now: Date): Promise<Versioned<Timer>[]> {
    const rows = await this.docs.list(orgId, odata`at le ${now.toISOString()} and status ne ${'fired'}`);
    return rows.filter((r) => r.value.status === 'armed' || (r.value.leaseUntil ?? '') <= now.toISOString());
  }

  /** Takes the timer for `leaseMs`; false when another instance changed it first. */
  async claim(row: Versioned<Timer>, owner: string, now: Date, leaseMs: number): Promise<Versioned<Timer> | undefined> {
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    try {
      return await this.docs.update(row.value.orgId, rowKey(row.value), { ...row.value, status: 'firing', leaseOwner: owner, leaseUntil }, row.etag);
    } catch (e) {
      if (isConflict(e)) return undefined;
      throw e;
    }
  }

  /** Its job is enqueued. A re-armed row (its deadline moved meanwhile) keeps waiting. */
  async markFired(row: Versioned<Timer>): Promise<void> {
    const { leaseOwner: _o, leaseUntil: _u, ...rest } = row.value;
    try {
      await this.docs.update(row.value.orgId, rowKey(row.value), { ...rest, status: 'fired' }, row.etag);
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }

  async list(orgId: string, incidentId: string): Promise<Timer[]> {
    return (await this.docs.list(orgId, ofIncident(incidentId))).map((r) => r.value);
  }

  /** Deletes the melding's timers (erasure); a rerun finds fewer. Returns how many went. */
  async deleteAll(orgId: string, incidentId: string): Promise<number> {
    assertKeyPart(incidentId, 'incidentId');
    let deleted = 0;
    for (const row of await this.docs.list(orgId, ofIncident(incidentId))) {
      if (await this.docs.delete(orgId, rowKey(row.value))) deleted += 1;
    }
    return deleted;
  }
}

/** One melding's rows: '`' is the character after '_', so the range holds exactly the keys `<incidentId>_...`. */
const ofIncident = (incidentId: string): string => odata`RowKey ge ${`${incidentId}_`} and RowKey lt ${`${incidentId}\``}`;

/** The timer table, created when missing (safe from several instances at once). */
export async function openTimers(tables: TableClientFactory): Promise<TimerRepository> {
  await ensureTables(tables, [TIMERS_TABLE]);
  return new TimerRepository(tables(TIMERS_TABLE));
}
