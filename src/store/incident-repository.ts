import { odata } from '@azure/data-tables';
import type { TableClient } from '@azure/data-tables';
import { IncidentSchema } from '../domain/incident-schema.js';
import type { Incident } from '../domain/incident-schema.js';
import { DocumentTable } from './document-table.js';
import type { Versioned } from './document-table.js';
import { plegerKeyOf } from './pleger-key.js';
import type { IncidentRepository } from './ports.js';

/** The incidents as documents with their index columns: also how the numbering writes a new one. */
export function incidentDocuments(client: TableClient): DocumentTable<Incident> {
  return new DocumentTable(client, IncidentSchema, (i) => ({
    melderId: i.melder.aadObjectId,
    ambtsdragerId: i.ambtsdrager.aadObjectId,
    plegerKey: plegerKeyOf(i.pleger),
    state: i.state,
    number: i.number,
    createdAt: i.createdAt,
  }));
}

/**
 * RowKeys of the partition that are not meldingen: the number counter sits beside them (so that
 * it changes in one transaction with a new melding) under a key that sorts after every incident id.
 */
export const NOT_AN_INCIDENT = '~';

/**
 * PartitionKey = organisation, RowKey = incident id. The secondary lookups (melder, pleger)
 * are filters on plain index columns inside the organisation's partition: a few thousand rows
 * at most, so no separate index rows to keep in step.
 */
export class TableIncidentRepository implements IncidentRepository {
  private readonly docs: DocumentTable<Incident>;

  constructor(client: TableClient) {
    this.docs = incidentDocuments(client);
  }

  create(incident: Incident): Promise<Versioned<Incident>> {
    return this.docs.create(incident.organisationId, incident.id, incident);
  }

  get(orgId: string, id: string): Promise<Versioned<Incident> | undefined> {
    return this.docs.get(orgId, id);
  }

  update(incident: Incident, etag: string): Promise<Versioned<Incident>> {
    return this.docs.update(incident.organisationId, incident.id, incident, etag);
  }

  async listByMelder(orgId: string, aadObjectId: string): Promise<Versioned<Incident>[]> {
    return newestFirst(await this.docs.list(orgId, odata`melderId eq ${aadObjectId}`));
  }

  async listByOrganisation(orgId: string): Promise<Versioned<Incident>[]> {
    return newestFirst(await this.docs.list(orgId, odata`RowKey lt ${NOT_AN_INCIDENT}`));
  }

  countByPlegerKey(orgId: string, plegerKey: string): Promise<number> {
    return this.docs.count(orgId, odata`plegerKey eq ${plegerKey}`);
  }

  async listByPlegerKey(orgId: string, plegerKey: string): Promise<Versioned<Incident>[]> {
    return newestFirst(await this.docs.list(orgId, odata`plegerKey eq ${plegerKey}`));
  }
}

function newestFirst(rows: Versioned<Incident>[]): Versioned<Incident>[] {
  const time = (r: Versioned<Incident>): number => Date.parse(r.value.createdAt);
  return rows.sort((a, b) => time(b) - time(a));
}
