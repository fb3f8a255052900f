import { randomUUID } from 'node:crypto';
import type { QueueClient, ReceivedMessageItem } from '@azure/storage-queue';
import { DEFAULT_BACKOFF, toVisibilitySeconds } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { errorCode } from './errors.js';
import type { JobHandler } from '../shared/jobs.js';
import type { JobStateStore, ParkedJob } from './job-state.js';
import type { Logger } from './logger.js';
import { JobRunner } from './job-runner.js';

import { PollLoop, type Sleep } from './poll-loop.js';

export type { Sleep } from './poll-loop.js';

export const DEFAULT_RETRY_BUDGET_MS = 3 * 3600_000;

export interface WorkerOptions {
  queue: QueueClient;
  state: JobStateStore;
  logger: Logger;
  /** shows in the job state as the lease owner; unique per process by default */
  workerId?: string;
  /** pause between empty polls (default 1,000 ms) */
  pollIntervalMs?: number;
  /** messages taken per poll (1..32, default 8) */
  batchSize?: number;
  /**
   * jobs of one poll run at the same time (1..batchSize, default 4): most of a job is waiting on
   * Teams, Graph or storage, and one at a time left a burst's cards queued for minutes
   */
  parallel?: number;
  /** how long a claimed job is this worker's; a worker silent for longer is presumed dead (default 120 s) */
  leaseMs?: number;
  /**
   * How long a failing job is retried, from its first attempt, before it is parked as failed
   * (default 3 hours: an hour-long Teams outage is waited out). Retry-After is honoured as a minimum.
   */
  retryBudgetMs?: number;
  /** budgets of their own by job type (the notice that work was parked must outlast the outage that parked it) */
  retryBudgetsMs?: Readonly<Record<string, number>>;
  /** a cap on attempts besides the time budget (default none) */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** who hears of a job parked for a person; a failure of its own is only logged */
  onParked?: (job: ParkedJob) => void | Promise<void>;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

/**
 * Polls the queue and runs each job through its registered handler (see JobRunner for the
 * exactly-once rules). Several workers, in one process or many, may share a queue.
 */
export class Worker {
  private readonly runner: JobRunner;
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly batchSize: number;
  private readonly parallel: number;
  private readonly leaseMs: number;
  private readonly loop: PollLoop;

  constructor(private readonly options: WorkerOptions) {
    this.batchSize = Math.min(32, Math.max(1, options.batchSize ?? 8));
    this.parallel = Math.min(this.batchSize, Math.max(1, options.parallel ?? 4));
    this.leaseMs = options.leaseMs ?? 120_000;
    this.loop = new PollLoop((signal) => this.runOnce(signal), {
      intervalMs: options.pollIntervalMs ?? 1_000,
      logger: options.logger,
      what: 'job',
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    this.runner = new JobRunner({
      queue: options.queue,
      state: options.state,
      logger: options.logger,
      handlers: this.handlers,
      workerId: options.workerId ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`,
      leaseMs: this.leaseMs,
      maxAttempts: options.maxAttempts ?? Number.POSITIVE_INFINITY,
      retryBudgetMs: options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS,
      retryBudgetsMs: options.retryBudgetsMs ?? {},
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      onParked: options.onParked,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
    });
  }

  register<T>(handler: JobHandler<T>): this {
    if (this.handlers.has(handler.type)) throw new Error(`A handler for ${handler.type} is already registered`);
    // the runner parses the payload with handler.schema before calling handle, so T holds
    this.handlers.set(handler.type, handler as unknown as JobHandler<unknown>);
    return this;
  }

  start(): void {
    this.loop.start();
  }

  /** Finishes the job in flight, hands the rest of the batch back to the queue, then resolves. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /**
   * One poll: takes up to batchSize messages and processes them, `parallel` at a time. On stop the
   * jobs in flight finish and the ones not started go back to the queue. Returns how many it took.
   */
  async runOnce(signal?: AbortSignal): Promise<number> {
    const { receivedMessageItems } = await this.options.queue.receiveMessages({
      numberOfMessages: this.batchSize,
      visibilityTimeout: toVisibilitySeconds(this.leaseMs),
    });
    const pending: ReceivedMessageItem[] = [...receivedMessageItems];
    const lane = async (): Promise<void> => {
      for (let message = pending.shift(); message !== undefined; message = pending.shift()) {
        if (signal?.aborted) {
          await this.runner.handBack([message, ...pending.splice(0)]);
          return;
        }
        try {
          await this.runner.process(message);
        } catch (e) {
          // the message comes back after its lease and the state row tells the next worker where it stood
          this.options.logger.error({ messageId: message.messageId, error: errorCode(e) }, 'job processing failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, pending.length) }, lane));
    return receivedMessageItems.length;
  }
}
