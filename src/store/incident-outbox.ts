import { odata } from '@azure/data-tables';
import type { TableClient, TableEntity } from '@azure/data-tables';
import { z } from 'zod';
import { isNotFound, isPreconditionFailed } from './errors.js';
import { parseRow } from './row.js';

/**
 * The outbox of the incidents table: a row beside a melding, in its partition, written in the same
 * transaction as the melding itself, saying that work follows from it (the jobs of a new melding,
 * or of a change). Whoever sweeps the outbox finds every melding whose work may not have been
 * enqueued, however its writer died, without reading any other melding.
 *
 * Incident ids are `[a-z0-9-]`: every key starting with `~` sorts after them all, so the incident
 * listings stop before `~` and the outbox is one range of its own.
 */
export const SIDE_ROWS_FROM = '~';
const OUTBOX_PREFIX = '~uitgaand_';
/** the character after `_`: the end of the outbox's range */
const OUTBOX_END = '~uitgaand`';

/** The filter that keeps a listing of the partition to the meldingen themselves. */
export const incidentRowsOnly = odata`RowKey lt ${SIDE_ROWS_FROM}`;

/** The lease of the instance that sweeps the organisation's outbox (see store/lease.ts). */
export const OUTBOX_LEASE_ROW = '~lease_uitgaand';

export const outboxRowKey = (incidentId: string): string => `${OUTBOX_PREFIX}${incidentId}`;

/** What follows from the writes since the row was last cleared: merged, so a change never hides a new melding. */
export interface OutboxMarks {
  gemeld?: true;
  gewijzigd?: true;
}

export function outboxEntity(orgId: string, incidentId: string, marks: OutboxMarks): TableEntity {
  return { partitionKey: orgId, rowKey: outboxRowKey(incidentId), incidentId, ...marks };
}

const OutboxRowSchema = z.object({
  incidentId: z.string().regex(/^[a-z0-9-]{1,80}$/),
  gemeld: z.boolean().optional(),
  gewijzigd: z.boolean().optional(),
});

export interface OutboxEntry {
  orgId: string;
  incidentId: string;
  gemeld: boolean;
  gewijzigd: boolean;
  /** when the row was last written (the service's clock) */
  writtenAt: number;
  etag: string;
}

export class IncidentOutbox {
  constructor(private readonly client: TableClient) {}

  /** The unfinished work of an organisation: one range read, as long as the outbox, not the table. */
  async list(orgId: string): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    const filter = odata`PartitionKey eq ${orgId} and RowKey ge ${OUTBOX_PREFIX} and RowKey lt ${OUTBOX_END}`;
    for await (const row of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const marks = parseRow(OutboxRowSchema, this.client.tableName, row);
      out.push({
        orgId,
        incidentId: marks.incidentId,
        gemeld: marks.gemeld === true,
        gewijzigd: marks.gewijzigd === true,
        writtenAt: Date.parse(typeof row['timestamp'] === 'string' ? row['timestamp'] : '') || 0,
        etag: typeof row['etag'] === 'string' ? row['etag'] : '',
      });
    }
    return out;
  }

  /**
   * Removes the row as it was listed. False when it was written again meanwhile (a newer change):
   * then it stays for the next sweep.
   */
  async clear(entry: OutboxEntry): Promise<boolean> {
    try {
      await this.client.deleteEntity(entry.orgId, outboxRowKey(entry.incidentId), { etag: entry.etag });
      return true;
    } catch (e) {
      if (isNotFound(e)) return true;
      if (isPreconditionFailed(e)) return false;
      throw e;
    }
  }
}
