/**
 * The queue's own failure. What a handler throws to steer the worker (RetryableError,
 * PermanentError) is part of the job contract in src/shared/jobs.ts.
 */
export class JobTooLargeError extends Error {
  constructor(readonly type: string, readonly bytes: number) {
    super(`Job ${type} is too large for a queue message (${bytes} bytes)`);
    this.name = 'JobTooLargeError';
  }
}

/** A failure's short code (RetryableError and PermanentError carry their own); never the message. */
export { errorCode } from '../logger.js';
