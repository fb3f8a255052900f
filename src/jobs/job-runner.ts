import type { QueueClient, ReceivedMessageItem } from '@azure/storage-queue';
import type { JobErrorCode } from '../shared/error-codes.js';
import { isNotFound } from '../store/errors.js';
import { backoffDelayMs, toVisibilitySeconds } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { decodeEnvelope } from './envelope.js';
import type { JobEnvelope } from './envelope.js';
import { PermanentError, RetryableError, type JobHandler } from '../shared/jobs.js';
import { errorCode } from './errors.js';
import type { JobStateStore, ParkedJob } from './job-state.js';
import type { Logger } from './logger.js';

export interface JobRunnerOptions {
  queue: QueueClient;
  state: JobStateStore;
  logger: Logger;
  handlers: ReadonlyMap<string, JobHandler<unknown>>;
  workerId: string;
  leaseMs: number;
  /** a cap on attempts besides the time budget (Infinity: none) */
  maxAttempts: number;
  /** how long a job is retried, from its first attempt, before it is parked */
  retryBudgetMs: number;
  /** a longer (or shorter) budget for some job types, e.g. the notice that work was parked */
  retryBudgetsMs: Readonly<Record<string, number>>;
  backoff: BackoffOptions;
  onParked: ((job: ParkedJob) => void | Promise<void>) | undefined;
  now: () => number;
  random: () => number;
}

/**
 * One message, start to end. The job state row, not the message, decides: a key already done
 * is acknowledged without running, a key another worker holds is put back until its lease ends,
 * and only the worker that won the claim (ETag) runs the handler. The order is always
 * "record in the state table, then touch the message": a crash in between leaves a message
 * that the next worker resolves from the state row.
 */
export class JobRunner {
  constructor(private readonly o: JobRunnerOptions) {}

  async process(message: ReceivedMessageItem): Promise<void> {
    const envelope = decodeEnvelope(message.messageText);
    if (envelope === undefined) return this.parkPoison(message);
    const log = { key: envelope.key, type: envelope.type, messageId: message.messageId };
    const claim = await this.o.state.claim(envelope.key, envelope.type, this.o.workerId, this.o.leaseMs);
    if (claim.kind === 'done' || claim.kind === 'failed') {
      this.o.logger.info({ ...log, status: claim.kind }, 'job already settled; message dropped');
      return this.deleteMessage(message);
    }
    if (claim.kind === 'busy') {
      this.o.logger.info(log, 'job held by another worker; message put back');
      return this.setVisibility(message, claim.until - this.o.now() + 1);
    }
    const attempt = claim.attempt;
    const spent = this.o.now() - claim.firstAttemptAt >= this.budgetOf(envelope.type);
    if (attempt > this.o.maxAttempts || (claim.abandoned && spent)) {
      // the budget went on runs that never reported back (crashes, lost leases): a job that kills its process ends here
      return this.park(message, envelope, attempt - 1, claim.lastError ?? ('abandoned' satisfies JobErrorCode));
    }
    const previousOutcome = claim.abandoned ? ('abandoned' satisfies JobErrorCode) : claim.lastError;
    try {
      await this.runHandler(envelope, attempt, previousOutcome);
    } catch (e) {
      return this.fail(message, envelope, claim, e);
    }
    await this.o.state.markDone(envelope.key, envelope.type, attempt);
    this.o.logger.info({ ...log, attempt }, 'job done');
    await this.deleteMessage(message);
  }

  /** Makes messages this worker will not get to visible again at once (used on stop). */
  async handBack(messages: readonly ReceivedMessageItem[]): Promise<void> {
    for (const m of messages) await this.setVisibility(m, 0);
  }

  private budgetOf(type: string): number {
    return this.o.retryBudgetsMs[type] ?? this.o.retryBudgetMs;
  }

  private async runHandler(envelope: JobEnvelope, attempt: number, previousOutcome: string | undefined): Promise<void> {
    const handler = this.o.handlers.get(envelope.type);
    // retried, not parked: during a rolling deploy an older instance may not know a new type yet
    if (handler === undefined) throw new RetryableError('unknown-job-type');
    const parsed = handler.schema.safeParse(envelope.payload);
    if (!parsed.success) throw new PermanentError('invalid-payload');
    await handler.handle(parsed.data, {
      idempotencyKey: envelope.key,
      type: envelope.type,
      attempt,
      enqueuedAt: envelope.enqueuedAt,
      ...(previousOutcome !== undefined ? { previousOutcome } : {}),
    });
  }

  /**
   * A failure is retried until the job's time budget is spent, not after a count of failures:
   * a throttled service answering `Retry-After: 0` must not use up a job in seconds. Retry-After
   * is a minimum; the backoff still grows, so an outage is waited out, not hammered.
   */
  private async fail(
    message: ReceivedMessageItem,
    envelope: JobEnvelope,
    claim: { attempt: number; etag: string; firstAttemptAt: number },
    e: unknown,
  ): Promise<void> {
    const { attempt, etag } = claim;
    const code = errorCode(e);
    const spent = this.o.now() - claim.firstAttemptAt >= this.budgetOf(envelope.type);
    if (e instanceof PermanentError || attempt >= this.o.maxAttempts || spent) {
      return this.park(message, envelope, attempt, code);
    }
    const retryAfterMs = e instanceof RetryableError ? (e.retryAfterMs ?? 0) : 0;
    const delayMs = Math.max(retryAfterMs, backoffDelayMs(attempt, this.o.backoff, this.o.random));
    this.o.logger.warn(
      { key: envelope.key, type: envelope.type, attempt, error: code, retryInMs: delayMs },
      'job failed; will retry',
    );
    await this.o.state.release(envelope.key, etag, code);
    await this.setVisibility(message, delayMs);
  }

  private async park(message: ReceivedMessageItem, envelope: JobEnvelope, attempts: number, code: string): Promise<void> {
    const parked = await this.o.state.park(envelope.key, envelope.type, attempts, code, message.messageText);
    await this.deleteMessage(message);
    if (parked !== undefined) await this.announce(parked);
  }

  private async parkPoison(message: ReceivedMessageItem): Promise<void> {
    const parked = await this.o.state.park(
      `poison:${message.messageId}`,
      'unparseable',
      message.dequeueCount,
      'poison-message' satisfies JobErrorCode,
    );
    await this.deleteMessage(message);
    if (parked !== undefined) await this.announce(parked);
  }

  private async announce(parked: ParkedJob): Promise<void> {
    this.o.logger.error(
      { key: parked.key, type: parked.type, attempts: parked.attempts, error: parked.lastError },
      'job parked as failed',
    );
    try {
      await this.o.onParked?.(parked);
    } catch (e) {
      this.o.logger.error({ key: parked.key, error: errorCode(e) }, 'onParked hook failed');
    }
  }

  /** A 404 means the pop receipt is stale: another worker has the message now and will settle it. */
  private async deleteMessage(message: ReceivedMessageItem): Promise<void> {
    try {
      await this.o.queue.deleteMessage(message.messageId, message.popReceipt);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  private async setVisibility(message: ReceivedMessageItem, delayMs: number): Promise<void> {
    try {
      await this.o.queue.updateMessage(message.messageId, message.popReceipt, undefined, toVisibilitySeconds(delayMs));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
