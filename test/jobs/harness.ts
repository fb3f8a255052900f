import { randomUUID } from 'node:crypto';
import type { QueueClient } from '@azure/storage-queue';
import { JobQueue } from '../../src/jobs/job-queue.js';
import { JobStateStore } from '../../src/jobs/job-state.js';
import type { Logger } from '../../src/jobs/logger.js';
import { createQueueClient, ensureQueue } from '../../src/jobs/queue-client.js';
import { Worker } from '../../src/jobs/worker.js';
import type { WorkerOptions } from '../../src/jobs/worker.js';
import { TABLES, createTableClientFactory, ensureTables } from '../../src/store/tables.js';
import type { AzuriteHandle } from '../support/azurite.js';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  info(obj: object, msg: string): void {
    this.lines.push({ level: 'info', obj, msg });
  }
  warn(obj: object, msg: string): void {
    this.lines.push({ level: 'warn', obj, msg });
  }
  error(obj: object, msg: string): void {
    this.lines.push({ level: 'error', obj, msg });
  }
  text(): string {
    return JSON.stringify(this.lines);
  }
}

export interface Harness {
  queueClient: QueueClient;
  state: JobStateStore;
  jobs: JobQueue;
  logger: RecordingLogger;
  workers: Worker[];
  worker(options?: Partial<WorkerOptions>): Worker;
  stopAll(): Promise<void>;
  queueLength(): Promise<number>;
}

/** A fresh queue per test (the job state table is shared; keys are unique per test). */
export async function makeHarness(azurite: AzuriteHandle): Promise<Harness> {
  const storage = { kind: 'connectionString', connectionString: azurite.connectionString } as const;
  const factory = createTableClientFactory(storage);
  await ensureTables(factory, [TABLES.jobState]);
  const queueClient = createQueueClient(storage, `jobs-${randomUUID().slice(0, 8)}`);
  await ensureQueue(queueClient);
  const state = new JobStateStore(factory(TABLES.jobState));
  const logger = new RecordingLogger();
  const workers: Worker[] = [];
  return {
    queueClient,
    state,
    jobs: new JobQueue(queueClient, state),
    logger,
    workers,
    worker(options = {}) {
      const w = new Worker({ queue: queueClient, state, logger, pollIntervalMs: 20, backoff: { baseMs: 0, maxMs: 0 }, ...options });
      workers.push(w);
      return w;
    },
    async stopAll() {
      await Promise.all(workers.map((w) => w.stop()));
    },
    async queueLength() {
      return (await queueClient.getProperties()).approximateMessagesCount ?? -1;
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
