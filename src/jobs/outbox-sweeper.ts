import { randomUUID } from 'node:crypto';
import { recoverOutboxEntry } from '../flows/handling/recovery.js';
import type { HandlingDeps } from '../flows/handling/ports.js';
import type { Services } from '../flows/services.js';
import { IncidentOutbox, OUTBOX_LEASE_ROW, type OutboxEntry } from '../store/incident-outbox.js';
import { Lease } from '../store/lease.js';
import { TABLES, type TableClientFactory } from '../store/tables.js';
import { errorCode } from './errors.js';
import type { JobStateStore } from './job-state.js';
import type { Logger } from './logger.js';
import { PollLoop } from './poll-loop.js';

export interface OutboxSweeperOptions {
  outbox: IncidentOutbox;
  lease: Lease;
  orgId: string;
  /** enqueues the work of one row; true when anything had to be enqueued (see recoverOutboxEntry) */
  recover: (entry: OutboxEntry) => Promise<boolean>;
  logger: Logger;
  /** pause between sweeps (default 5 s) */
  intervalMs?: number;
  /** how long the lease holds without renewal (default 20 s): a dead holder is replaced after it */
  leaseMs?: number;
  /**
   * a row younger than this is left to the turn that wrote it, which is still enqueueing (default
   * 15 s); older, the worker has normally seen its jobs, and the sweep only reads and clears it
   */
  graceMs?: number;
  now?: () => number;
}

/**
 * Sweeps the incidents' outbox continuously, on the one instance that holds the lease: every
 * melding stored, also by an instance that died before it enqueued its work, has that work
 * enqueued within about leaseMs + intervalMs + graceMs. This replaces the recovery at start,
 * and its cost is the outbox's length, not the number of meldingen ever filed.
 */
export class OutboxSweeper {
  private readonly loop: PollLoop;
  private readonly now: () => number;

  constructor(private readonly options: OutboxSweeperOptions) {
    this.now = options.now ?? Date.now;
    this.loop = new PollLoop(() => this.runOnce(), {
      intervalMs: options.intervalMs ?? 5_000,
      logger: options.logger,
      what: 'outbox',
    });
  }

  /** One sweep; returns how many rows it cleared (0 when another instance holds the lease). */
  async runOnce(): Promise<number> {
    const { outbox, lease, orgId, logger } = this.options;
    if (!(await lease.acquire(this.options.leaseMs ?? 20_000))) return 0;
    const graceMs = this.options.graceMs ?? 15_000;
    let cleared = 0;
    for (const entry of await outbox.list(orgId)) {
      if (this.now() - entry.writtenAt < graceMs) continue;
      const log = { incident: entry.incidentId, gemeld: entry.gemeld, gewijzigd: entry.gewijzigd };
      try {
        // its writer stopped before enqueueing, or the queue is so far behind that the worker has not seen the jobs yet
        if (await this.options.recover(entry)) logger.warn(log, 'outbox: work of a melding enqueued by the sweep');
        if (await outbox.clear(entry)) cleared += 1;
      } catch (e) {
        // the row stays: the next sweep tries again
        logger.error({ ...log, error: errorCode(e) }, 'outbox: work not enqueued');
      }
    }
    return cleared;
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}

/** The sweeper of one organisation's outbox, on the incidents table, enqueueing through `services`. */
export function createOutboxSweeper(options: {
  tables: TableClientFactory;
  services: Services;
  deps: HandlingDeps;
  /** whether the worker has seen a job key */
  state: Pick<JobStateStore, 'get'> | { get(key: string): Promise<unknown> };
  owner?: string;
  timing?: Pick<OutboxSweeperOptions, 'intervalMs' | 'leaseMs' | 'graceMs' | 'now'>;
}): OutboxSweeper {
  const { services, deps, state } = options;
  const incidents = options.tables(TABLES.incidents);
  const owner = options.owner ?? `outbox-${process.pid}-${randomUUID().slice(0, 8)}`;
  return new OutboxSweeper({
    outbox: new IncidentOutbox(incidents),
    lease: new Lease(incidents, services.orgId, OUTBOX_LEASE_ROW, owner, options.timing?.now),
    orgId: services.orgId,
    logger: services.logger,
    recover: (entry) => recoverOutboxEntry(services, deps, entry, async (key) => (await state.get(key)) !== undefined),
    ...options.timing,
  });
}
