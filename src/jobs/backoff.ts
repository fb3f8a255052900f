export interface BackoffOptions {
  /** delay before the second attempt; doubles for every further attempt */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 10 * 60_000 };

/**
 * Exponential backoff with "equal jitter": at least half the exponential delay, so a burst of
 * failures (Teams throttling every instance at once) does not come back in lockstep.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Queue visibility is in whole seconds and at most 7 days; round up so a delay is never shortened. */
export function toVisibilitySeconds(delayMs: number): number {
  return Math.min(7 * 24 * 3600 - 1, Math.max(0, Math.ceil(delayMs / 1000)));
}
