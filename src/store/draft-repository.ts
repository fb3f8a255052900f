import type { TableClient } from '@azure/data-tables';
import type { z } from 'zod';
import { DocumentTable } from './document-table.js';
import type { Versioned } from './document-table.js';
import type { DraftRepository } from './ports.js';

/** PartitionKey = organisation, RowKey = the person's Entra object id: one open draft each. */
export class TableDraftRepository<T> implements DraftRepository<T> {
  private readonly docs: DocumentTable<T>;

  constructor(client: TableClient, schema: z.ZodType<T>) {
    this.docs = new DocumentTable(client, schema);
  }

  get(orgId: string, aadObjectId: string): Promise<Versioned<T> | undefined> {
    return this.docs.get(orgId, aadObjectId);
  }

  save(orgId: string, aadObjectId: string, draft: T, etag?: string): Promise<Versioned<T>> {
    return etag === undefined
      ? this.docs.upsert(orgId, aadObjectId, draft)
      : this.docs.update(orgId, aadObjectId, draft, etag);
  }

  async delete(orgId: string, aadObjectId: string, etag?: string): Promise<void> {
    await this.docs.delete(orgId, aadObjectId, etag);
  }
}
