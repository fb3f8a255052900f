import { TABLES, ensureTables } from '../store/tables.js';
import type { TableClientFactory } from '../store/tables.js';
import { JobQueue } from './job-queue.js';
import { JobStateStore } from './job-state.js';
import type { Logger } from './logger.js';
import { JOB_QUEUE_NAME, createQueueClient, ensureQueue } from './queue-client.js';
import type { QueueStorage } from './queue-client.js';
import { Worker } from './worker.js';
import type { WorkerOptions } from './worker.js';

export interface Jobs {
  /** enqueue side effects; list and retry parked ones */
  queue: JobQueue;
  /** register handlers, then start(); stop() on shutdown */
  worker: Worker;
  state: JobStateStore;
}

/** Wires queue, job state table and worker; creates the queue and the table if missing. */
export async function createJobs(options: {
  queueStorage: QueueStorage;
  tables: TableClientFactory;
  logger: Logger;
  queueName?: string;
  worker?: Omit<WorkerOptions, 'queue' | 'state' | 'logger'>;
}): Promise<Jobs> {
  const queueClient = createQueueClient(options.queueStorage, options.queueName ?? JOB_QUEUE_NAME);
  await ensureQueue(queueClient);
  await ensureTables(options.tables, [TABLES.jobState]);
  const state = new JobStateStore(options.tables(TABLES.jobState), options.worker?.now);
  return {
    queue: new JobQueue(queueClient, state, options.worker?.now),
    worker: new Worker({ ...options.worker, queue: queueClient, state, logger: options.logger }),
    state,
  };
}
