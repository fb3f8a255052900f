/**
 * The job contract: how a module asks for a side effect and how it writes the handler that does
 * it. The worker and the queue behind it stay in src/jobs; this part sits at the bottom so that
 * the store, the agenda and the flows can speak it without importing the worker.
 */
import type { z } from 'zod';
import type { JobErrorCode } from './error-codes.js';

/** Side effects a module asks for; the queue worker performs them (never inline in the turn). */
export interface EffectQueue {
  enqueue(job: { type: string; idempotencyKey: string; payload: unknown }): Promise<void>;
}

export interface JobContext {
  /**
   * The job's idempotency key. A handler whose effect leaves our process (a Teams post, an
   * Outlook invite) passes it on or checks it first, so that a retry after a crash between
   * "effect done" and "job marked done" does not repeat the effect.
   */
  idempotencyKey: string;
  type: string;
  /** 1 for the first run */
  attempt: number;
  enqueuedAt: string;
  /**
   * How the previous attempt ended, absent on the first: its error code, or `abandoned` when it
   * never reported back (its process died mid-run). A handler whose effect leaves our process
   * reads it to know that an earlier attempt may have done the effect already.
   */
  previousOutcome?: string;
}

export interface JobHandler<T> {
  type: string;
  /** the payload is parsed with it before `handle` runs; a payload that fails is parked at once */
  schema: z.ZodType<T>;
  handle(payload: T, context: JobContext): Promise<void>;
}

/** Helps TypeScript infer T from the schema when a handler is written as an object literal. */
export function defineJob<T>(handler: JobHandler<T>): JobHandler<T> {
  return handler;
}

/** Where a module hands its job handlers: the worker of src/jobs. */
export interface JobRegistry {
  register<T>(handler: JobHandler<T>): unknown;
}

// What a handler throws steers the worker. Anything else counts as a transient failure and is
// retried with backoff until the budget is spent.

/** Try again later; `retryAfterMs` (e.g. a Teams or Graph 429 Retry-After) is honoured as a minimum. */
export class RetryableError extends Error {
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: JobErrorCode,
    options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`Retryable job failure: ${code}`, { cause: options.cause });
    this.name = 'RetryableError';
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Retrying cannot help (bad payload, refused for good): park the job at once. */
export class PermanentError extends Error {
  constructor(
    readonly code: JobErrorCode,
    options: { cause?: unknown } = {},
  ) {
    super(`Permanent job failure: ${code}`, { cause: options.cause });
    this.name = 'PermanentError';
  }
}

/**
 * A remote service's failure as the worker understands it: retried, no sooner than its
 * Retry-After, or parked for a person. Which failures are which is each adapter's to say.
 */
export function toJobError(
  code: JobErrorCode,
  failure: { retryable: boolean; retryAfterMs?: number | undefined; cause: unknown },
): RetryableError | PermanentError {
  const { retryable, retryAfterMs, cause } = failure;
  if (!retryable) return new PermanentError(code, { cause });
  return new RetryableError(code, { cause, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
}
