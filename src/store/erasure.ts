import { odata, type TableClient } from '@azure/data-tables';
import { GEWIST } from '../domain/retention.js';
import { isNotFound } from './errors.js';
import { assertKeyPart } from './row.js';
import { TIMERS_TABLE } from './timer-repository.js';
import { TABLES, type TableClientFactory } from './tables.js';

/** The rows of one melding in a table keyed `<incidentId>_...` (the audit trail, the timers). */
function rangeOf(orgId: string, incidentId: string): string {
  return odata`PartitionKey eq ${orgId} and RowKey ge ${`${incidentId}_`} and RowKey lt ${`${incidentId}\``}`;
}

/**
 * What erasing a melding's personal data does beside its own document, each step safe to repeat:
 * a rerun after a crash finds less to do, never something done twice.
 */
export class ErasureStore {
  private readonly audit: TableClient;
  private readonly timers: TableClient;

  constructor(tables: TableClientFactory) {
    this.audit = tables(TABLES.audit);
    this.timers = tables(TIMERS_TABLE);
  }

  /** Deletes the melding's deadline timers; returns how many went. */
  async deleteTimers(orgId: string, incidentId: string): Promise<number> {
    assertKeyPart(incidentId, 'incidentId');
    let deleted = 0;
    for await (const row of this.timers.listEntities({ queryOptions: { filter: rangeOf(orgId, incidentId), select: ['RowKey'] } })) {
      if (row.rowKey === undefined) continue;
      try {
        await this.timers.deleteEntity(orgId, row.rowKey);
        deleted += 1;
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    return deleted;
  }

  /**
   * The audit trail is append-only for everything but this: the entries a data subject of the
   * melding made (the melder filing it, clicking their nazorg card) lose the person's id. What the
   * officials did stays theirs (accountability); no entry holds content anyway.
   */
  async pseudonymiseAudit(orgId: string, incidentId: string, subjects: readonly string[]): Promise<number> {
    assertKeyPart(incidentId, 'incidentId');
    const ids = new Set(subjects.map((s) => s.toLowerCase()).filter((s) => s !== GEWIST));
    if (ids.size === 0) return 0;
    let changed = 0;
    const rows = this.audit.listEntities<{ actorId?: unknown }>({ queryOptions: { filter: rangeOf(orgId, incidentId) } });
    for await (const row of rows) {
      if (typeof row.actorId !== 'string' || !ids.has(row.actorId.toLowerCase()) || row.rowKey === undefined) continue;
      try {
        await this.audit.updateEntity({ partitionKey: orgId, rowKey: row.rowKey, actorId: GEWIST }, 'Merge', { etag: row.etag });
        changed += 1;
      } catch (e) {
        // changed since read (it never should: append-only) throws, and the job's retry reads it anew
        if (!isNotFound(e)) throw e;
      }
    }
    return changed;
  }
}
