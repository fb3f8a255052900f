import type { TableClient } from '@azure/data-tables';
import type { FunctionarisRole } from '../domain/types.js';
import { DocumentTable } from './document-table.js';
import type { Versioned } from './document-table.js';
import type { ChannelLinkRepository } from './ports.js';
import { ChannelLinkSchema } from './schemas.js';
import type { ChannelLink } from './schemas.js';

/** PartitionKey = organisation, RowKey = handler role: one linked channel per role. */
export class TableChannelLinkRepository implements ChannelLinkRepository {
  private readonly docs: DocumentTable<ChannelLink>;

  constructor(client: TableClient) {
    this.docs = new DocumentTable(client, ChannelLinkSchema, (l) => ({
      teamsChannelId: l.conversationRef.teamsChannelId,
      linkedAt: l.linkedAt,
    }));
  }

  link(link: ChannelLink): Promise<Versioned<ChannelLink>> {
    return this.docs.upsert(link.orgId, link.role, link);
  }

  update(link: ChannelLink, etag: string): Promise<Versioned<ChannelLink>> {
    return this.docs.update(link.orgId, link.role, link, etag);
  }

  get(orgId: string, role: FunctionarisRole): Promise<Versioned<ChannelLink> | undefined> {
    return this.docs.get(orgId, role);
  }

  async list(orgId: string): Promise<ChannelLink[]> {
    return (await this.docs.list(orgId)).map((r) => r.value);
  }

  unlink(orgId: string, role: FunctionarisRole): Promise<boolean> {
    return this.docs.delete(orgId, role);
  }
}
