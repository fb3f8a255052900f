import { odata } from '@azure/data-tables';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { IncidentSchema, OPEN_STATES } from '../domain/incident-schema.js';
import type { Incident } from '../domain/incident-schema.js';
import { DocumentTable } from './document-table.js';
import type { Versioned } from './document-table.js';
import { AlreadyExistsError, ConflictError, isAlreadyExists, isNotFound, isPreconditionFailed } from './errors.js';
import { incidentRowsOnly, outboxEntity, type OutboxMarks } from './incident-outbox.js';
import { plegerKeyOf, plegerMatchKeys } from './pleger-key.js';
import { KEYS_COLUMN, keysColumn, plegerIndexActions } from './pleger-index.js';
import type { IncidentRepository } from './ports.js';
import { reportActions } from './report-projection.js';

/** The incidents as documents with their index columns: also how the numbering writes a new one. */
export function incidentDocuments(client: TableClient): DocumentTable<Incident> {
  return new DocumentTable(client, IncidentSchema, (i) => ({
    melderId: i.melder.aadObjectId,
    ambtsdragerId: i.ambtsdrager.aadObjectId,
    plegerKey: plegerKeyOf(i.pleger),
    [KEYS_COLUMN]: keysColumn(i),
    state: i.state,
    number: i.number,
    createdAt: i.createdAt,
  }));
}

/**
 * PartitionKey = organisation, RowKey = incident id. The secondary lookups (melder, pleger)
 * are filters on plain index columns inside the organisation's partition: a few thousand rows
 * at most, so no separate index rows to keep in step.
 *
 * Every write also marks the melding in the outbox (incident-outbox.ts), in the same transaction:
 * a melding is never stored without a trace that its work is still to be enqueued; and writes its
 * row of the report's projection (report-projection.ts) and its rows of the pleger index
 * (pleger-index.ts) in it too.
 */
export class TableIncidentRepository implements IncidentRepository {
  private readonly docs: DocumentTable<Incident>;
  /**
   * The pleger keys of the versions this instance read or wrote, by ETag: an update based on one of
   * them knows which keys it may retire without a read (a version's keys follow from its document).
   */
  private readonly keysOf = new Map<string, string[]>();

  constructor(private readonly client: TableClient) {
    this.docs = incidentDocuments(client);
  }

  async create(incident: Incident): Promise<Versioned<Incident>> {
    const { organisationId: pk, id: rk } = incident;
    const { entity, value } = this.docs.toEntity(pk, rk, incident);
    try {
      return this.remember({ value, etag: await this.withOutbox(incident, ['create', entity], { gemeld: true }, []) });
    } catch (e) {
      if (isAlreadyExists(e)) throw new AlreadyExistsError(this.client.tableName, pk, rk, { cause: e });
      throw e;
    }
  }

  async get(orgId: string, id: string): Promise<Versioned<Incident> | undefined> {
    const found = await this.docs.get(orgId, id);
    return found ? this.remember(found) : undefined;
  }

  async update(incident: Incident, etag: string): Promise<Versioned<Incident>> {
    const { organisationId: pk, id: rk } = incident;
    const { entity, value } = this.docs.toEntity(pk, rk, incident);
    try {
      const previous = this.keysOf.get(versionKey(pk, rk, etag)) ?? (await this.previousKeys(pk, rk));
      return this.remember({ value, etag: await this.withOutbox(incident, ['update', entity, 'Replace', { etag }], { gewijzigd: true }, previous) });
    } catch (e) {
      // a row deleted since it was read is as stale as a changed one
      if (isPreconditionFailed(e) || isNotFound(e)) throw new ConflictError(this.client.tableName, pk, rk, { cause: e });
      throw e;
    }
  }

  async listByMelder(orgId: string, aadObjectId: string): Promise<Versioned<Incident>[]> {
    return newestFirst(await this.docs.list(orgId, odata`melderId eq ${aadObjectId}`));
  }

  async listByOrganisation(orgId: string): Promise<Versioned<Incident>[]> {
    return newestFirst(await this.docs.list(orgId, incidentRowsOnly));
  }

  async listOpen(orgId: string): Promise<Versioned<Incident>[]> {
    const open = OPEN_STATES.map((state) => odata`state eq ${state}`).join(' or ');
    return newestFirst(await this.docs.list(orgId, `${incidentRowsOnly} and (${open})`));
  }

  countByPlegerKey(orgId: string, plegerKey: string): Promise<number> {
    return this.docs.count(orgId, odata`plegerKey eq ${plegerKey}`);
  }

  async listByPlegerKey(orgId: string, plegerKey: string): Promise<Versioned<Incident>[]> {
    return newestFirst(await this.docs.list(orgId, odata`plegerKey eq ${plegerKey}`));
  }

  private remember(doc: Versioned<Incident>): Versioned<Incident> {
    if (this.keysOf.size >= MAX_REMEMBERED) this.keysOf.delete(this.keysOf.keys().next().value ?? '');
    this.keysOf.set(versionKey(doc.value.organisationId, doc.value.id, doc.etag), plegerMatchKeys(doc.value));
    return doc;
  }

  /**
   * The keys the stored melding names now, which a change may retire, when this instance does not
   * know its version: its index column (one small read), or, on a row stored before the index, its document.
   */
  private async previousKeys(pk: string, rk: string): Promise<string[]> {
    try {
      const row = await this.client.getEntity<Record<string, unknown>>(pk, rk, { queryOptions: { select: [KEYS_COLUMN] } });
      const keys = row[KEYS_COLUMN];
      if (typeof keys === 'string') return keys === '' ? [] : keys.split(',');
    } catch (e) {
      // gone: the update below fails on its ETag
      if (isNotFound(e)) return [];
      throw e;
    }
    const doc = await this.docs.get(pk, rk);
    return doc ? plegerMatchKeys(doc.value) : [];
  }

  /** One transaction of the partition: the melding's row, its outbox mark, its report row and its index rows; returns the melding's new ETag. */
  private async withOutbox(incident: Incident, write: TransactionAction, marks: OutboxMarks, previousKeys: readonly string[]): Promise<string> {
    const outbox = outboxEntity(incident.organisationId, incident.id, marks);
    const res = await this.client.submitTransaction([write, ['upsert', outbox, 'Merge'], ...reportActions([incident]), ...plegerIndexActions(incident, previousKeys)]);
    // sub-responses come in the order of the request; only a create's names its row
    const etag = res.subResponses[0]?.etag;
    if (etag === undefined) throw new Error('Table Storage returned no ETag');
    return etag;
  }
}

const MAX_REMEMBERED = 2000;
const versionKey = (pk: string, rk: string, etag: string): string => `${pk}\n${rk}\n${etag}`;

function newestFirst(rows: Versioned<Incident>[]): Versioned<Incident>[] {
  const time = (r: Versioned<Incident>): number => Date.parse(r.value.createdAt);
  return rows.sort((a, b) => time(b) - time(a));
}
