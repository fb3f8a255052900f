import type { QueueClient } from '@azure/storage-queue';
import { TABLES, ensureTables } from '../store/tables.js';
import type { TableClientFactory } from '../store/tables.js';
import { JobQueue } from './job-queue.js';
import { JobStateStore } from './job-state.js';
import { JOB_QUEUE_NAME, createQueueClient, ensureQueue } from './queue-client.js';
import type { QueueStorage } from './queue-client.js';
import { Worker } from './worker.js';
import type { WorkerOptions } from './worker.js';

/** The storage of the side effects: what the flows enqueue on, and what a worker polls. */
export interface JobStorage {
  /** enqueue side effects; list and retry parked ones */
  queue: JobQueue;
  state: JobStateStore;
  /** the Storage queue a worker takes its messages from */
  client: QueueClient;
}

export interface Jobs extends JobStorage {
  /** handlers registered, then start(); stop() on shutdown */
  worker: Worker;
}

/**
 * Opens the queue and the job state table, creating them if missing. The worker is made apart
 * (createWorker), last: its handlers and its onParked need the services that enqueue here.
 */
export async function openJobQueue(options: {
  queueStorage: QueueStorage;
  tables: TableClientFactory;
  queueName?: string;
  now?: () => number;
}): Promise<JobStorage> {
  const client = createQueueClient(options.queueStorage, options.queueName ?? JOB_QUEUE_NAME);
  await ensureQueue(client);
  await ensureTables(options.tables, [TABLES.jobState]);
  const state = new JobStateStore(options.tables(TABLES.jobState), options.now);
  return { queue: new JobQueue(client, state, options.now), state, client };
}

/** A worker on the queue of `storage`; several, in one process or many, may share it. */
export function createWorker(storage: JobStorage, options: Omit<WorkerOptions, 'queue' | 'state'>): Worker {
  return new Worker({ ...options, queue: storage.client, state: storage.state });
}
