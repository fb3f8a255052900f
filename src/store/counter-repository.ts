import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, isNotFound } from './errors.js';
import type { CounterRepository } from './ports.js';
import { isConflict, retryOnConflict } from './retry.js';
import { assertKeyPart, parseRow } from './row.js';

const CounterRowSchema = z.object({ value: z.number().int().min(0) });
const MAX_TRIES = 100;

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PartitionKey = organisation, RowKey = year. Read, then write value+1 under the read's ETag;
 * whoever loses the race reads again. So two instances never hand out the same number, and a
 * number is only used once its write succeeded (no gaps from failed writes).
 */
export class TableCounterRepository implements CounterRepository {
  constructor(
    private readonly client: TableClient,
    private readonly sleep: Sleep = realSleep,
    private readonly random: () => number = Math.random,
  ) {}

  async next(orgId: string, year: number): Promise<number> {
    assertKeyPart(orgId, 'orgId');
    const rowKey = String(year);
    try {
      return await retryOnConflict(
        MAX_TRIES,
        () => this.tryNext(orgId, rowKey),
        (attempt) => this.sleep(Math.floor(this.random() * Math.min(50, attempt * 5))),
      );
    } catch (e) {
      if (isConflict(e)) throw new ConflictError(this.client.tableName, orgId, rowKey, { cause: e });
      throw e;
    }
  }

  private async tryNext(orgId: string, rowKey: string): Promise<number> {
    let current: { value: number; etag: string } | undefined;
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(orgId, rowKey);
      const row = parseRow(CounterRowSchema, this.client.tableName, entity);
      current = { value: row.value, etag: entity.etag };
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (current === undefined) {
      await this.client.createEntity({ partitionKey: orgId, rowKey, value: 1 });
      return 1;
    }
    const value = current.value + 1;
    await this.client.updateEntity({ partitionKey: orgId, rowKey, value }, 'Replace', { etag: current.etag });
    return value;
  }
}
