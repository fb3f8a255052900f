import type { QueueClient } from '@azure/storage-queue';
import { toVisibilitySeconds } from './backoff.js';
import { encodeEnvelope } from './envelope.js';
import { JobTooLargeError } from './errors.js';
import type { JobStateStore, ParkedJob } from './job-state.js';

/** Azure Storage Queues accept a message of at most 64 KiB. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface JobRequest {
  type: string;
  /**
   * Names the effect, not the attempt: the same key is done at most once, however often it is
   * enqueued (e.g. `post-melding:<incidentId>:griffier`). Up to 400 characters.
   */
  idempotencyKey: string;
  /** Small JSON: ids, not a melding. Validated by the handler's schema when it runs. */
  payload: unknown;
  /** Not before this moment (up to 7 days ahead). */
  runAfter?: Date;
}

/**
 * The producer side of the side-effect queue, plus what the coordinator needs to see and
 * retry parked jobs. Enqueueing the same key twice is safe: the worker does it once.
 */
export class JobQueue {
  constructor(
    private readonly queue: QueueClient,
    private readonly state: JobStateStore,
    private readonly now: () => number = Date.now,
  ) {}

  async enqueue(job: JobRequest): Promise<void> {
    const text = encodeEnvelope({
      v: 1,
      type: job.type,
      key: job.idempotencyKey,
      payload: job.payload,
      enqueuedAt: new Date(this.now()).toISOString(),
    });
    if (text.length > MAX_MESSAGE_BYTES) throw new JobTooLargeError(job.type, text.length);
    const delayMs = job.runAfter === undefined ? 0 : job.runAfter.getTime() - this.now();
    // time to live -1: a job waiting out a long Teams outage must not silently expire after 7 days
    await this.queue.sendMessage(text, { visibilityTimeout: toVisibilitySeconds(delayMs), messageTimeToLive: -1 });
  }

  listFailed(): Promise<ParkedJob[]> {
    return this.state.listFailed();
  }

  /** Puts a parked job back on the queue with a fresh retry budget. False if it was not parked. */
  async retryFailed(idempotencyKey: string): Promise<boolean> {
    const envelope = await this.state.unpark(idempotencyKey);
    if (envelope === undefined) return false;
    await this.queue.sendMessage(envelope, { messageTimeToLive: -1 });
    return true;
  }
}
