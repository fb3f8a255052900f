import type { TableClient } from '@azure/data-tables';
import { isAlreadyExists } from './errors.js';
import type { IdempotencyRepository } from './ports.js';
import { tableKeyOf } from './table-key.js';

/**
 * One row per key, created and never changed: Table Storage's "create fails if it exists"
 * decides who is first, across any number of instances. Each key is its own partition, so
 * claims never contend with one another.
 */
export class TableIdempotencyRepository implements IdempotencyRepository {
  constructor(
    private readonly client: TableClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async claim(key: string): Promise<boolean> {
    try {
      await this.client.createEntity({
        partitionKey: tableKeyOf(key),
        rowKey: 'claim',
        claimedAt: this.now().toISOString(),
      });
      return true;
    } catch (e) {
      if (isAlreadyExists(e)) return false;
      throw e;
    }
  }
}
