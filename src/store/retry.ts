import { AlreadyExistsError, ConflictError, isAlreadyExists, isPreconditionFailed } from './errors.js';

/**
 * A write that lost a race on its row: a stale ETag (412), a row another writer created first
 * (409), or the store's typed forms of both. Reading again and deciding again can win.
 */
export function isConflict(e: unknown): boolean {
  return e instanceof ConflictError || e instanceof AlreadyExistsError || isPreconditionFailed(e) || isAlreadyExists(e);
}

/**
 * Runs `attempt` until it does not lose a race, `attempts` times at the most; then the last
 * conflict is thrown. Any other failure is thrown at once. Each attempt must read afresh, and
 * must do nothing before its write that cannot be done twice. `pause` runs between attempts
 * (jitter, so that the losers do not collide again in lockstep).
 */
export async function retryOnConflict<T>(
  attempts: number,
  attempt: (n: number) => Promise<T>,
  pause?: (n: number) => Promise<void>,
): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (e) {
      if (!isConflict(e) || n >= attempts) throw e;
    }
    await pause?.(n);
  }
}
