import { odata } from '@azure/data-tables';
import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { IncidentStateSchema, type Incident } from '../domain/incident-schema.js';
import type { KeyedMatch, PlegerMatch } from '../domain/pleger-signal.js';
import { actingRoles } from '../domain/route.js';
import { FunctionarisRoleSchema } from '../domain/types.js';
import type { DocumentTable } from './document-table.js';
import { isAlreadyExists, isNotFound } from './errors.js';
import { incidentRowsOnly, SIDE_ROWS_FROM } from './incident-outbox.js';
import { plegerMatchKeys } from './pleger-key.js';
import { parseRow } from './row.js';

/**
 * The pleger index: one row per match key of a melding (store/pleger-key.ts), beside the meldingen
 * in the incidents table and the organisation's partition (RowKey `~pleger_<key>_<incidentId>`),
 * written in the same transaction as the melding itself, so it is never behind it. A lookup is one
 * key range per key and never reads a melding's document. A row holds the key hashed and what
 * counting and access need (number, ambtsdrager's id, handlers, roles, whether the coordinator was
 * informed, a toegangsontzegging's end): no pleger detail, no text.
 *
 * A key a melding no longer names (the melder completed its pleger) keeps a tombstone row (`weg`)
 * until the melding is erased: the transaction cannot delete a row that may not exist.
 */
const PREFIX = `${SIDE_ROWS_FROM}pleger_`;
const END = `${SIDE_ROWS_FROM}pleger\``;
/** sorts before the index's range (`-` before `_`): when the meldingen stored before the index got their rows */
const STATUS_ROW = `${SIDE_ROWS_FROM}pleger-stand`;
export const PLEGER_INDEX_VERSION = 1;
/** the melding row's column with its current keys, comma-separated: what a change must retire */
export const KEYS_COLUMN = 'plegerKeys';

const rowKey = (key: string, incidentId: string): string => `${PREFIX}${key}_${incidentId}`;

function indexEntity(incident: Incident, key: string): TableEntity {
  const toegang = incident.decision?.types.includes('toegangsontzegging') ? incident.decision.endDate : undefined;
  return {
    partitionKey: incident.organisationId,
    rowKey: rowKey(key, incident.id),
    incidentId: incident.id,
    number: incident.number,
    reportedAt: incident.reportedAt,
    state: incident.state,
    ambtsdragerId: incident.ambtsdrager.aadObjectId.toLowerCase(),
    handlerIds: incident.handlerIds.join(','),
    rollen: actingRoles(incident.routing).join(','),
    coordinator: incident.routing.coordinator,
    ...(toegang ? { toegangTot: toegang } : {}),
  };
}

/** What the melding row keeps of its keys (an index column, hashes only). */
export function keysColumn(incident: Incident): string {
  return plegerMatchKeys(incident).join(',');
}

/**
 * The index rows of this melding for its transaction: each current key's row replaced (handlers,
 * state and decision change with it), and a tombstone for each key it named before and not now.
 */
export function plegerIndexActions(incident: Incident, previousKeys: readonly string[] = []): TransactionAction[] {
  const keys = plegerMatchKeys(incident);
  const gone = previousKeys.filter((k) => k !== '' && !keys.includes(k));
  return [
    ...keys.map((k): TransactionAction => ['upsert', indexEntity(incident, k), 'Replace']),
    ...gone.map((k): TransactionAction => ['upsert', { partitionKey: incident.organisationId, rowKey: rowKey(k, incident.id), incidentId: incident.id, weg: true }, 'Replace']),
  ];
}

const list = (s: string): string[] => (s === '' ? [] : s.split(','));
const RowSchema = z.object({
  incidentId: z.string().regex(/^[a-z0-9-]{1,80}$/),
  weg: z.boolean().optional(),
  number: z.string().max(20).optional(),
  reportedAt: z.string().max(40).optional(),
  state: IncidentStateSchema.optional(),
  ambtsdragerId: z.string().max(100).optional(),
  handlerIds: z.string().max(30_000).optional(),
  rollen: z.string().max(1000).transform(list).pipe(z.array(FunctionarisRoleSchema)).optional(),
  coordinator: z.boolean().optional(),
  toegangTot: z.string().max(40).optional(),
});

export class PlegerIndex {
  /** per organisation: its meldingen from before the index have their rows (one check per process) */
  private readonly built = new Map<string, Promise<void>>();

  constructor(
    private readonly client: TableClient,
    private readonly incidents: DocumentTable<Incident>,
  ) {}

  /** The other meldingen that share a key with these, each once. */
  async matches(orgId: string, keys: readonly string[], exceptIncidentId?: string): Promise<PlegerMatch[]> {
    if (keys.length === 0) return [];
    await this.ensureBuilt(orgId);
    const found = new Map<string, PlegerMatch>();
    const perKey = await Promise.all(keys.map((k) => this.range(orgId, `${PREFIX}${k}_`, `${PREFIX}${k}\``)));
    for (const { match } of perKey.flat()) if (match.incidentId !== exceptIncidentId) found.set(match.incidentId, match);
    return [...found.values()];
  }

  /**
   * Whether any melding of the organisation names one of these keys: what the count across the
   * organisations of a deployment asks (store/pleger-elders.ts). Stops at the first live row.
   * Asked in another organisation's turn, so it counts the rows there are and never adds that
   * organisation's older meldingen (that lists all its documents): its own first lookup does.
   */
  async holdsAny(orgId: string, keys: readonly string[]): Promise<boolean> {
    if (keys.length === 0) return false;
    const found = await Promise.all(
      keys.map(async (k) => {
        const filter = odata`PartitionKey eq ${orgId} and RowKey ge ${`${PREFIX}${k}_`} and RowKey lt ${`${PREFIX}${k}\``}`;
        for await (const row of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['weg'] } })) {
          if (row['weg'] !== true) return true;
        }
        return false;
      }),
    );
    return found.includes(true);
  }

  /** Every key of every melding of the organisation: the index's rows only, never a document. */
  async all(orgId: string): Promise<KeyedMatch[]> {
    await this.ensureBuilt(orgId);
    return this.range(orgId, PREFIX, END);
  }

  /** Removes every index row of one melding (its erasure); returns how many went. */
  async deleteFor(orgId: string, incidentId: string): Promise<number> {
    const filter = odata`PartitionKey eq ${orgId} and RowKey ge ${PREFIX} and RowKey lt ${END} and incidentId eq ${incidentId}`;
    let deleted = 0;
    for await (const row of this.client.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) {
      if (row.rowKey === undefined) continue;
      try {
        await this.client.deleteEntity(orgId, row.rowKey);
        deleted += 1;
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    return deleted;
  }

  private async range(orgId: string, from: string, to: string): Promise<KeyedMatch[]> {
    const out: KeyedMatch[] = [];
    const filter = odata`PartitionKey eq ${orgId} and RowKey ge ${from} and RowKey lt ${to}`;
    for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const row = parseRow(RowSchema, this.client.tableName, entity);
      if (row.weg === true || row.number === undefined || row.state === undefined) continue;
      const key = (entity.rowKey ?? '').slice(PREFIX.length, -(row.incidentId.length + 1));
      out.push({
        key,
        match: {
          incidentId: row.incidentId,
          number: row.number,
          reportedAt: row.reportedAt ?? '',
          state: row.state,
          ambtsdragerId: row.ambtsdragerId ?? '',
          handlerIds: list(row.handlerIds ?? ''),
          rollen: row.rollen ?? [],
          coordinator: row.coordinator === true,
          toegangTot: row.toegangTot,
        },
      });
    }
    return out;
  }

  /**
   * Meldingen stored before the index existed get their rows once per organisation. A row is only
   * created where none is: one a melding wrote meanwhile in its own transaction is newer.
   */
  private ensureBuilt(orgId: string): Promise<void> {
    let built = this.built.get(orgId);
    if (!built) {
      built = this.build(orgId);
      this.built.set(orgId, built);
      // a failed check is tried again by the next caller
      built.catch(() => this.built.delete(orgId));
    }
    return built;
  }

  private async build(orgId: string): Promise<void> {
    try {
      const status = await this.client.getEntity<Record<string, unknown>>(orgId, STATUS_ROW);
      if (status['versie'] === PLEGER_INDEX_VERSION) return;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    for (const { value } of await this.incidents.list(orgId, incidentRowsOnly)) {
      for (const entity of plegerMatchKeys(value).map((k) => indexEntity(value, k))) {
        try {
          await this.client.createEntity(entity);
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
        }
      }
    }
    await this.client.upsertEntity({ partitionKey: orgId, rowKey: STATUS_ROW, versie: PLEGER_INDEX_VERSION }, 'Replace');
  }
}
