import { randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { TableClient } from '@azure/data-tables';
import { GEWIST } from '../domain/retention.js';
import { isNotFound } from './errors.js';
import type { AuditRepository } from './ports.js';
import { retryOnConflict } from './retry.js';
import { assertKeyPart, parseRow } from './row.js';
import { AuditEntrySchema } from './schemas.js';
import type { AuditEntry } from './schemas.js';

const MAX_TRIES = 3;

/**
 * PartitionKey = organisation; RowKey = `<incidentId>_<UTC ISO time>_<seq>_<random>`, so a
 * range query returns one incident's history in time order. The per-instance sequence keeps
 * two entries of the same millisecond in the order they were appended; the random part keeps
 * entries of several instances from colliding. Rows are only ever created, never replaced.
 */
export class TableAuditRepository implements AuditRepository {
  private seq = 0;

  constructor(private readonly client: TableClient) {}

  async append(entry: AuditEntry): Promise<void> {
    const e = AuditEntrySchema.parse(entry);
    assertKeyPart(e.orgId, 'orgId');
    assertKeyPart(e.incidentId, 'incidentId');
    const time = new Date(e.at).toISOString();
    await retryOnConflict(MAX_TRIES, async () => {
      this.seq = (this.seq + 1) % 0x1_0000_0000;
      const rowKey = `${e.incidentId}_${time}_${this.seq.toString(16).padStart(8, '0')}_${randomBytes(4).toString('hex')}`;
      await this.client.createEntity({ partitionKey: e.orgId, rowKey, ...e });
    });
  }

  async list(orgId: string, incidentId: string): Promise<AuditEntry[]> {
    const filter = `${ofIncident(orgId, incidentId)} and ${odata`incidentId eq ${incidentId}`}`;
    const out: { rowKey: string; entry: AuditEntry }[] = [];
    for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      out.push({ rowKey: entity.rowKey ?? '', entry: parseRow(AuditEntrySchema, this.client.tableName, entity) });
    }
    return out.sort((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0)).map((r) => r.entry);
  }
}

/**
 * The one change the trail allows, kept apart from the repository so that what flows and jobs
 * are handed (TableAuditRepository) can only append and read; only the erasure job holds this.
 */
export class AuditPseudonymiser {
  constructor(private readonly client: TableClient) {}

  /**
   * The trail is append-only for everything but this: the entries a data subject of the melding
   * made (the melder filing it, clicking their nazorg card) lose the person's id. What the
   * officials did stays theirs (accountability); no entry holds content anyway. Returns how many changed.
   */
  async pseudonymise(orgId: string, incidentId: string, subjects: readonly string[]): Promise<number> {
    assertKeyPart(incidentId, 'incidentId');
    const ids = new Set(subjects.map((s) => s.toLowerCase()).filter((s) => s !== GEWIST));
    if (ids.size === 0) return 0;
    let changed = 0;
    for await (const row of this.client.listEntities<{ actorId?: unknown }>({ queryOptions: { filter: ofIncident(orgId, incidentId) } })) {
      if (typeof row.actorId !== 'string' || !ids.has(row.actorId.toLowerCase()) || row.rowKey === undefined) continue;
      try {
        await this.client.updateEntity({ partitionKey: orgId, rowKey: row.rowKey, actorId: GEWIST }, 'Merge', { etag: row.etag });
        changed += 1;
      } catch (e) {
        // changed since read (it never should: append-only) throws, and the job's retry reads it anew
        if (!isNotFound(e)) throw e;
      }
    }
    return changed;
  }
}

/** One melding's entries: '`' is the character after '_', so the range holds exactly the keys `<incidentId>_...`. */
function ofIncident(orgId: string, incidentId: string): string {
  return odata`PartitionKey eq ${orgId} and RowKey ge ${`${incidentId}_`} and RowKey lt ${`${incidentId}\``}`;
}
