import { AsyncLocalStorage } from 'node:async_hooks';
import type { TableClient } from '@azure/data-tables';
import type { EffectQueue } from '../shared/jobs.js';
import { observeRest } from './table-rest.js';
import type { TableClientFactory } from './tables.js';

/**
 * Storage operations, as the storage account sees them: `reads` and `writes` are HTTP requests
 * to Table Storage (a list counts one per page, a transaction one), `enqueues` are jobs handed to
 * the effect queue.
 */
export interface StorageOps {
  reads: number;
  writes: number;
  enqueues: number;
}

/** Per label (e.g. a turn's verb): how many turns, their summed operations and the most one turn took. */
export interface LabelledOps {
  turns: number;
  total: StorageOps;
  /** the largest reads + writes + enqueues of one turn */
  maxPerTurn: number;
}

export const zeroOps = (): StorageOps => ({ reads: 0, writes: 0, enqueues: 0 });
export const opsOf = (o: StorageOps): number => o.reads + o.writes + o.enqueues;

interface Scope {
  ops: StorageOps;
  open: boolean;
  parent: Scope | undefined;
}

type PipelinePolicy = Parameters<TableClient['pipeline']['addPolicy']>[0];

const POLICY = 'weerbaarStorageMeter';
const MAX_LABELS = 200;

/**
 * Counts storage operations at the storage port, so that the cost of a turn can be asserted by a
 * test and printed by the bench. Wrap the table client factory (and the effect queue) once; then
 * `measure` gives what one piece of work cost, also under concurrency: the count follows the async
 * context, not the clock, so two turns running at once are each charged their own operations.
 *
 *   const meter = new StorageMeter();
 *   const store = createTableStore(meter.tables(factory));
 *   const { value, ops } = await meter.measure(() => handle(input));
 */
export class StorageMeter {
  private readonly context = new AsyncLocalStorage<Scope>();
  private readonly all: StorageOps = zeroOps();
  private readonly labels = new Map<string, LabelledOps>();

  /** A factory whose clients count every request they send (the same tables, the same behaviour). */
  tables(factory: TableClientFactory): TableClientFactory {
    return (tableName) => {
      const client = factory(tableName);
      const policy: PipelinePolicy = {
        name: POLICY,
        sendRequest: (request, next) => {
          this.count(request.method === 'GET' ? 'reads' : 'writes');
          return next(request);
        },
      };
      client.pipeline.addPolicy(policy);
      // a replace sent straight over HTTP passes no pipeline: one write, like the SDK's request
      observeRest(client, () => this.count('writes'));
      return client;
    };
  }

  /** The effect queue, counting each job handed to it. */
  effects(queue: EffectQueue): EffectQueue {
    return {
      enqueue: (job) => {
        this.count('enqueues');
        return queue.enqueue(job);
      },
    };
  }

  /**
   * Runs `work` and returns what it cost: every operation started inside it (also in what it
   * awaits), until it settles. Scopes nest: an operation counts for each enclosing scope.
   */
  async measure<T>(work: () => Promise<T>): Promise<{ value: T; ops: StorageOps }> {
    const scope: Scope = { ops: zeroOps(), open: true, parent: this.context.getStore() };
    try {
      const value = await this.context.run(scope, work);
      return { value, ops: { ...scope.ops } };
    } finally {
      scope.open = false;
    }
  }

  /** Like measure, and adds the cost to `label`'s figures (see byLabel). */
  async measureAs<T>(label: string, work: () => Promise<T>): Promise<T> {
    const { value, ops } = await this.measure(work);
    this.record(label, ops);
    return value;
  }

  /** Everything counted since this meter was made. */
  total(): StorageOps {
    return { ...this.all };
  }

  /** The figures per label of measureAs, at most 200 labels (later ones go to "(overig)"). */
  byLabel(): Map<string, LabelledOps> {
    return new Map([...this.labels].map(([k, v]) => [k, { ...v, total: { ...v.total } }]));
  }

  private record(label: string, ops: StorageOps): void {
    const key = this.labels.has(label) || this.labels.size < MAX_LABELS ? label : '(overig)';
    const entry = this.labels.get(key) ?? { turns: 0, total: zeroOps(), maxPerTurn: 0 };
    entry.turns += 1;
    entry.total.reads += ops.reads;
    entry.total.writes += ops.writes;
    entry.total.enqueues += ops.enqueues;
    entry.maxPerTurn = Math.max(entry.maxPerTurn, opsOf(ops));
    this.labels.set(key, entry);
  }

  private count(kind: keyof StorageOps): void {
    this.all[kind] += 1;
    for (let s = this.context.getStore(); s; s = s.parent) if (s.open) s.ops[kind] += 1;
  }
}
