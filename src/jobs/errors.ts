/**
 * What a handler throws to steer the worker. Anything else counts as a transient failure and
 * is retried with backoff until the budget is spent.
 */

/** Try again later; `retryAfterMs` (e.g. a Teams or Graph 429 Retry-After) is honoured as a minimum. */
export class RetryableError extends Error {
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: string,
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
    readonly code: string,
    options: { cause?: unknown } = {},
  ) {
    super(`Permanent job failure: ${code}`, { cause: options.cause });
    this.name = 'PermanentError';
  }
}

export class JobTooLargeError extends Error {
  constructor(readonly type: string, readonly bytes: number) {
    super(`Job ${type} is too large for a queue message (${bytes} bytes)`);
    this.name = 'JobTooLargeError';
  }
}

/**
 * A short code to store and log for a failure. Never the message: a message from a remote
 * service may quote what was sent, and that can be personal data.
 */
export function errorCode(e: unknown): string {
  let code = 'unknown';
  if (e instanceof RetryableError || e instanceof PermanentError) code = e.code;
  else if (typeof e === 'object' && e !== null) {
    const { code: c, statusCode } = e as { code?: unknown; statusCode?: unknown };
    if (typeof c === 'string' && c !== '') code = c;
    else if (typeof statusCode === 'number') code = `http-${statusCode}`;
    else if (e instanceof Error) code = e.name;
  }
  return code.replace(/[^\w.:-]/g, '_').slice(0, 100);
}
