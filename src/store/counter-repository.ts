import { AsyncResource } from 'node:async_hooks';
import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type { Incident } from '../domain/incident-schema.js';
import { formatIncidentNumber } from '../domain/incident.js';
import type { DocumentTable } from './document-table.js';
import { isAlreadyExists, isNotFound } from './errors.js';
import { outboxEntity, SIDE_ROWS_FROM } from './incident-outbox.js';
import { incidentDocuments } from './incident-repository.js';
import type { CounterRepository, Filed, FilingOutcome, UnnumberedIncident } from './ports.js';
import { isConflict } from './retry.js';
import { reportActions } from './report-projection.js';
import { plegerIndexActions } from './pleger-index.js';
import { plegerMatchKeys } from './pleger-key.js';
import { assertKeyPart, parseRow } from './row.js';

const CounterRowSchema = z.object({ value: z.number().int().min(0) });
/** Lost races on the counter row before giving up: only other instances can make it lose. */
const MAX_ATTEMPTS = 200;
/**
 * A transaction holds at most 100 operations and 4 MiB: the counter and up to 32 meldingen with
 * their outbox marks, report rows and pleger index rows (and the year's report mark), in ~3 MB.
 */
const MAX_BATCH = 32;
/** of the 100: the counter and the report's year marks (two at the turn of a year) come on top */
const MAX_ACTIONS = 96;
/** a melding's operations in the transaction: itself, its outbox mark, its report row, its index rows */
const actionsOf = (incident: UnnumberedIncident): number => 3 + plegerMatchKeys(incident).length;
const MAX_BATCH_CHARS = 3_000_000;

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

interface Request {
  incident: UnnumberedIncident;
  /** the caller's async context: a batch runs in its first request's, so its cost is charged to that turn */
  context: AsyncResource;
  resolve(filed: Filed): void;
  reject(err: unknown): void;
}

/** One organisation and year: its counter as last seen, and who waits for a number. */
interface Lane {
  orgId: string;
  year: number;
  /** etag undefined: the row does not exist yet and is created with the first melding */
  counter: { value: number; etag: string | undefined } | undefined;
  waiting: Request[];
  running: boolean;
  byId: Map<string, Promise<Filed>>;
}

/** beside the meldingen (so it changes in one transaction with a new one), among the side rows that sort after every incident id */
const counterKey = (year: number): string => `${SIDE_ROWS_FROM}nummer-${year}`;

/** Which operation of a transaction failed: Table Storage starts the message with its index ("0:..."). */
function failedIndex(e: unknown): number | undefined {
  const message = e instanceof Error ? e.message : '';
  const match = /^(\d+):/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * The readable numbers. The counter row lives in the incidents table, in the organisation's
 * partition (RowKey `~nummer-<year>`), so that a new melding and its number are one transaction:
 * create the melding, set the counter under its ETag. Nothing is taken before it is stored, so a
 * crash or a lost race leaves no gap, and a second press of Melden finds the melding by its id.
 *
 * In this process the meldingen of one organisation and year queue for the counter, and whoever
 * waits when a transaction ends goes into the next one together (up to 32): a burst costs a few
 * transactions, not a retry storm on one row. Other instances are met by the ETag: the loser reads
 * the counter again, after a random pause. The counter is kept between transactions, so a melding
 * usually costs one request.
 */
export class TableCounterRepository implements CounterRepository {
  private readonly docs: DocumentTable<Incident>;
  private readonly lanes = new Map<string, Lane>();

  /**
   * @param legacy the counters table of earlier versions (RowKey = year): a year it counted goes on from there
   */
  constructor(
    private readonly client: TableClient,
    private readonly legacy: TableClient,
    private readonly sleep: Sleep = realSleep,
    private readonly random: () => number = Math.random,
  ) {
    this.docs = incidentDocuments(client);
  }

  file(incident: UnnumberedIncident, year: number): Promise<Filed> {
    const orgId = assertKeyPart(incident.organisationId, 'orgId');
    const key = `${orgId}\n${year}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { orgId, year, counter: undefined, waiting: [], running: false, byId: new Map() };
      this.lanes.set(key, lane);
    }
    const same = lane.byId.get(incident.id);
    if (same) return same.then((f) => ({ ...f, outcome: f.outcome === 'created' ? 'joined' : f.outcome }));
    const filed = new Promise<Filed>((resolve, reject) => lane.waiting.push({ incident, context: new AsyncResource('melding.file'), resolve, reject }));
    lane.byId.set(incident.id, filed);
    const forget = (): void => void lane.byId.delete(incident.id);
    filed.then(forget, forget);
    void this.drain(lane);
    return filed;
  }

  private async drain(lane: Lane): Promise<void> {
    if (lane.running) return;
    lane.running = true;
    try {
      while (lane.waiting.length > 0) {
        const batch = this.takeBatch(lane);
        await batch[0]!.context.runInAsyncScope(() => this.fileBatch(lane, batch));
      }
    } finally {
      lane.running = false;
    }
  }

  private takeBatch(lane: Lane): Request[] {
    const batch: Request[] = [];
    let chars = 0;
    let actions = 0;
    while (lane.waiting.length > 0 && batch.length < MAX_BATCH) {
      const size = JSON.stringify(lane.waiting[0]!.incident).length;
      const cost = actionsOf(lane.waiting[0]!.incident);
      if (batch.length > 0 && (chars + size > MAX_BATCH_CHARS || actions + cost > MAX_ACTIONS)) break;
      chars += size;
      actions += cost;
      batch.push(lane.waiting.shift()!);
    }
    return batch;
  }

  /** Settles every request of the batch; never throws. */
  private async fileBatch(lane: Lane, batch: Request[]): Promise<void> {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      try {
        lane.counter ??= await this.readCounter(lane.orgId, lane.year);
      } catch (e) {
        for (const request of pending) request.reject(e);
        return;
      }
      const start = lane.counter.value;
      const prepared: { request: Request; entity: TableEntity; value: Incident }[] = [];
      for (const request of pending) {
        try {
          const numbered = { ...request.incident, number: formatIncidentNumber(lane.year, start + prepared.length + 1) };
          prepared.push({ request, ...this.docs.toEntity(lane.orgId, request.incident.id, numbered) });
        } catch (e) {
          // a melding that cannot be written (too large, invalid) fails alone, without its batch
          request.reject(e);
        }
      }
      pending = prepared.map((p) => p.request);
      if (prepared.length === 0) return;
      const value = start + prepared.length;
      const counter = { partitionKey: lane.orgId, rowKey: counterKey(lane.year), value };
      const counterAction: TransactionAction =
        lane.counter.etag === undefined ? ['create', counter] : ['update', counter, 'Replace', { etag: lane.counter.etag }];
      try {
        // the meldingen first (a failed index names one of them), then the counter, then each melding's outbox mark, report row and pleger index rows
        const marks = prepared.map((p): TransactionAction => ['upsert', outboxEntity(lane.orgId, p.request.incident.id, { gemeld: true }), 'Merge']);
        const rows = reportActions(prepared.map((p) => p.value));
        const index = prepared.flatMap((p) => plegerIndexActions(p.value));
        const result = await this.client.submitTransaction([...prepared.map((p): TransactionAction => ['create', p.entity]), counterAction, ...marks, ...rows, ...index]);
        lane.counter = { value, etag: result.subResponses[prepared.length]?.etag };
        for (const [i, p] of prepared.entries()) {
          const etag = result.subResponses[i]?.etag;
          // an answer without the ETag (not seen, but allowed): the stored row has it
          if (etag === undefined) await this.settleStored(lane.orgId, p.request, 'created', new Error('the melding just stored is not there'));
          else p.request.resolve({ incident: { value: p.value, etag }, outcome: 'created' });
        }
        return;
      } catch (e) {
        const failed = failedIndex(e);
        if (isAlreadyExists(e) && failed !== undefined && failed < pending.length) {
          // that melding was stored before: handed back as stored, the others go on without it
          const [request] = pending.splice(failed, 1);
          if (request) await this.settleStored(lane.orgId, request, 'existing', e);
          continue;
        }
        if (isAlreadyExists(e) && failed === undefined) {
          // the answer does not say which row exists: one at a time, a melding found is settled
          if (pending.length > 1) {
            for (const request of pending) await this.fileBatch(lane, [request]);
            return;
          }
          if (await this.settleStored(lane.orgId, pending[0]!, 'existing')) return;
        }
        if (!isConflict(e) || attempt >= MAX_ATTEMPTS) {
          for (const request of pending) request.reject(e);
          return;
        }
        // another instance moved the counter: read it again after a random pause
        lane.counter = undefined;
        await this.sleep(Math.floor(this.random() * Math.min(100, 5 * attempt)));
      }
    }
  }

  /** Hands back the melding as stored under its id. False when it is not there (rejected with `cause` if given). */
  private async settleStored(orgId: string, request: Request, outcome: FilingOutcome, cause?: unknown): Promise<boolean> {
    try {
      const stored = await this.docs.get(orgId, request.incident.id);
      if (stored) request.resolve({ incident: stored, outcome });
      else if (cause !== undefined) request.reject(cause);
      return stored !== undefined;
    } catch (e) {
      request.reject(e);
      return true;
    }
  }

  private async readCounter(orgId: string, year: number): Promise<{ value: number; etag: string | undefined }> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(orgId, counterKey(year));
      return { value: parseRow(CounterRowSchema, this.client.tableName, entity).value, etag: entity.etag };
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    try {
      const entity = await this.legacy.getEntity<Record<string, unknown>>(orgId, String(year));
      return { value: parseRow(CounterRowSchema, this.legacy.tableName, entity).value, etag: undefined };
    } catch (e) {
      if (isNotFound(e)) return { value: 0, etag: undefined };
      throw e;
    }
  }
}
