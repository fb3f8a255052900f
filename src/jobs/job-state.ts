import type { TableClient, TableEntity } from '@azure/data-tables';
import { z } from 'zod';
import { isNotFound, isPreconditionFailed } from '../store/errors.js';
import { isConflict, retryOnConflict } from '../store/retry.js';
import { parseRow } from '../store/row.js';
import { tableKeyOf } from '../store/table-key.js';
import { decodeEnvelope } from './envelope.js';

export const JOB_STATUSES = ['pending', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

const JobStateSchema = z.object({
  key: z.string(),
  type: z.string(),
  status: z.enum(JOB_STATUSES),
  attempts: z.number().int().min(0),
  lastError: z.string().optional(),
  /** which worker runs it now, and until when that claim holds (epoch ms) */
  leaseOwner: z.string().optional(),
  leaseUntil: z.number().optional(),
  /** when the first attempt of the current budget began (epoch ms): the retry budget is time from here */
  firstAttemptAt: z.number().optional(),
  updatedAt: z.string(),
  /** the queue message, kept only for a parked job so it can be retried */
  envelope: z.string().optional(),
});
export type JobState = z.infer<typeof JobStateSchema>;

const ParkedJobSchema = z.object({
  key: z.string(),
  type: z.string(),
  attempts: z.number().int(),
  lastError: z.string(),
  parkedAt: z.string(),
  /** the melding the job was about, when its payload names one: the coordinator's list shows its number */
  incidentId: z.string().optional(),
});
export type ParkedJob = z.infer<typeof ParkedJobSchema>;

export type Claim =
  | {
      kind: 'run';
      attempt: number;
      etag: string;
      lastError: string | undefined;
      firstAttemptAt: number;
      /** the previous attempt never reported back: its worker died or lost its lease while running it */
      abandoned: boolean;
    }
  | { kind: 'done' }
  | { kind: 'failed' }
  | { kind: 'busy'; until: number };

const SubjectSchema = z.object({ incidentId: z.string().min(1).max(100) });

function incidentIdOf(envelope: string | undefined): string | undefined {
  if (envelope === undefined) return undefined;
  const subject = SubjectSchema.safeParse(decodeEnvelope(envelope)?.payload);
  return subject.success ? subject.data.incidentId : undefined;
}

const STATE_ROW = 'state';
const FAILED_PARTITION = 'failed';
/** The prefix keeps every state partition apart from the 'failed' listing, whatever the key. */
const statePartition = (key: string): string => `job:${tableKeyOf(key)}`;

/**
 * The `jobstate` table: one partition per idempotency key (`job:<key>`, row 'state'), so keys never contend,
 * plus partition 'failed' listing parked jobs for the coordinator. Every change of a state row
 * goes through its ETag: two workers holding the same key cannot both win the claim.
 */
export class JobStateStore {
  constructor(
    private readonly client: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<{ state: JobState; etag: string } | undefined> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(statePartition(key), STATE_ROW);
      return { state: parseRow(JobStateSchema, this.client.tableName, entity), etag: entity.etag };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** Takes the key for `leaseMs`, counting the attempt before the handler runs (a crash counts too). */
  async claim(key: string, type: string, owner: string, leaseMs: number): Promise<Claim> {
    try {
      return await retryOnConflict(5, async (): Promise<Claim> => {
        const now = this.now();
        const lease = { leaseOwner: owner, leaseUntil: now + leaseMs, updatedAt: new Date(now).toISOString() };
        const current = await this.get(key);
        if (current === undefined) {
          const res = await this.client.createEntity(
            this.entity({ key, type, status: 'pending', attempts: 1, firstAttemptAt: now, ...lease }),
          );
          return { kind: 'run', attempt: 1, etag: res.etag ?? '', lastError: undefined, firstAttemptAt: now, abandoned: false };
        }
        const { state, etag } = current;
        if (state.status === 'done') return { kind: 'done' };
        if (state.status === 'failed') {
          await this.upsertFailedIndex(state); // repairs a crash between parking and listing
          return { kind: 'failed' };
        }
        if (state.leaseUntil !== undefined && state.leaseUntil > now) return { kind: 'busy', until: state.leaseUntil };
        const attempt = state.attempts + 1;
        const firstAttemptAt = state.firstAttemptAt ?? now;
        const res = await this.client.updateEntity(
          this.entity({ ...state, attempts: attempt, firstAttemptAt, ...lease }),
          'Replace',
          { etag },
        );
        // release() and markDone() clear the owner: one still set means the attempt ended unreported
        const abandoned = state.attempts > 0 && state.leaseOwner !== undefined;
        return { kind: 'run', attempt, etag: res.etag ?? '', lastError: state.lastError, firstAttemptAt, abandoned };
      });
    } catch (e) {
      if (!isConflict(e)) throw e;
      return { kind: 'busy', until: this.now() + 1_000 };
    }
  }

  /** Done is the truth once the handler succeeded, even if this worker's lease ran out meanwhile. */
  async markDone(key: string, type: string, attempts: number): Promise<void> {
    await this.client.upsertEntity(
      this.entity({ key, type, status: 'done', attempts, updatedAt: new Date(this.now()).toISOString() }),
      'Replace',
    );
  }

  /** Gives the key back for a later attempt. False when another worker took it over meanwhile. */
  async release(key: string, etag: string, lastError: string): Promise<boolean> {
    const current = await this.get(key);
    if (current === undefined || current.etag !== etag) return false;
    const { leaseOwner: _o, leaseUntil: _u, ...rest } = current.state;
    try {
      await this.client.updateEntity(
        this.entity({ ...rest, lastError, updatedAt: new Date(this.now()).toISOString() }),
        'Replace',
        { etag },
      );
      return true;
    } catch (e) {
      if (isPreconditionFailed(e) || isNotFound(e)) return false;
      throw e;
    }
  }

  /** Undefined when another worker finished the job meanwhile: then there is nothing to park. */
  async park(
    key: string,
    type: string,
    attempts: number,
    lastError: string,
    envelope?: string,
  ): Promise<ParkedJob | undefined> {
    const parkedAt = new Date(this.now()).toISOString();
    const current = await this.get(key);
    if (current?.state.status === 'done') return undefined;
    const state: JobState = { key, type, status: 'failed', attempts, lastError, updatedAt: parkedAt, envelope };
    await this.client.upsertEntity(this.entity(state), 'Replace');
    return this.upsertFailedIndex(state);
  }

  async listFailed(): Promise<ParkedJob[]> {
    const out: ParkedJob[] = [];
    const rows = this.client.listEntities<Record<string, unknown>>({
      queryOptions: { filter: `PartitionKey eq '${FAILED_PARTITION}'` },
    });
    for await (const row of rows) out.push(parseRow(ParkedJobSchema, this.client.tableName, row));
    return out.sort((a, b) => (a.parkedAt < b.parkedAt ? -1 : a.parkedAt > b.parkedAt ? 1 : 0));
  }

  /** Makes a parked job runnable again with a fresh budget; returns its envelope, or undefined. */
  async unpark(key: string): Promise<string | undefined> {
    const current = await this.get(key);
    if (current?.state.status !== 'failed' || current.state.envelope === undefined) return undefined;
    // lastError stays: the handler of the retry learns how the parked run ended (see JobContext.previousOutcome)
    const { envelope, firstAttemptAt: _f, ...rest } = current.state;
    const reset: JobState = { ...rest, status: 'pending', attempts: 0, updatedAt: new Date(this.now()).toISOString() };
    try {
      await this.client.updateEntity(this.entity(reset), 'Replace', { etag: current.etag });
    } catch (e) {
      if (isPreconditionFailed(e)) return undefined;
      throw e;
    }
    await this.client.deleteEntity(FAILED_PARTITION, tableKeyOf(key)).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
    return envelope;
  }

  private async upsertFailedIndex(state: JobState): Promise<ParkedJob> {
    const incidentId = incidentIdOf(state.envelope);
    const parked: ParkedJob = {
      key: state.key,
      type: state.type,
      attempts: state.attempts,
      lastError: state.lastError ?? 'unknown',
      parkedAt: state.updatedAt,
      ...(incidentId !== undefined ? { incidentId } : {}),
    };
    await this.client.upsertEntity({ partitionKey: FAILED_PARTITION, rowKey: tableKeyOf(state.key), ...parked }, 'Replace');
    return parked;
  }

  private entity(state: JobState): TableEntity {
    const entity: TableEntity<Record<string, unknown>> = { partitionKey: statePartition(state.key), rowKey: STATE_ROW };
    for (const [k, v] of Object.entries(state)) if (v !== undefined) entity[k] = v;
    return entity;
  }
}
