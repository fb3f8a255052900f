import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { isAlreadyExists, isNotFound, isPreconditionFailed } from './errors.js';
import { parseRow } from './row.js';

const LeaseSchema = z.object({ owner: z.string().min(1).max(200), until: z.number() });

/**
 * A short lease on one row, so that of several instances one does a piece of background work at a
 * time. Taken and renewed by ETag: two instances that both see it free cannot both win. A holder
 * that dies simply stops renewing, and after `ms` the next one takes over.
 */
export class Lease {
  constructor(
    private readonly client: TableClient,
    private readonly partitionKey: string,
    private readonly rowKey: string,
    private readonly owner: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes or renews the lease for `ms`; false while another owner holds it. */
  async acquire(ms: number): Promise<boolean> {
    const until = this.now() + ms;
    const entity = { partitionKey: this.partitionKey, rowKey: this.rowKey, owner: this.owner, until };
    try {
      const row = await this.client.getEntity<Record<string, unknown>>(this.partitionKey, this.rowKey);
      const held = parseRow(LeaseSchema, this.client.tableName, row);
      if (held.owner !== this.owner && held.until > this.now()) return false;
      await this.client.updateEntity(entity, 'Replace', { etag: row.etag });
      return true;
    } catch (e) {
      if (isPreconditionFailed(e)) return false;
      if (!isNotFound(e)) throw e;
    }
    try {
      await this.client.createEntity(entity);
      return true;
    } catch (e) {
      if (isAlreadyExists(e)) return false;
      throw e;
    }
  }
}
