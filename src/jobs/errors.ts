import type { JobErrorCode } from '../shared/error-codes.js';

/**
 * What a handler throws to steer the worker. Anything else counts as a transient failure and
 * is retried with backoff until the budget is spent.
 */

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

export class JobTooLargeError extends Error {
  constructor(readonly type: string, readonly bytes: number) {
    super(`Job ${type} is too large for a queue message (${bytes} bytes)`);
    this.name = 'JobTooLargeError';
  }
}

/** A failure's short code (RetryableError and PermanentError carry their own); never the message. */
export { errorCode } from '../logger.js';
