import type { JobStateStore } from '../../src/jobs/job-state.js';
import { createQueueClient } from '../../src/jobs/queue-client.js';

/**
 * Waiting for the worker, so that a test can then check what must NOT have happened: once the jobs
 * have run, whatever is missing from the store or the fake Teams will not arrive later either.
 * A handler enqueues its follow-up jobs before it is done, so a finished chain has no loose end.
 */

const POLL_MS = 50;

/**
 * Until the jobs with these keys have run: done, parked, or tried by a worker without a handler for
 * their type (a stack without an agenda leaves the agenda's jobs alone, and they stay retried).
 * `keys` is read again on every poll: it grows while handlers enqueue more. (The coordinator's
 * notice of a parked job is enqueued just after the parking: wait for that notice itself.)
 */
export async function settled(state: JobStateStore, keys: () => readonly string[], timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  const ran = new Set<string>();
  for (;;) {
    const open: string[] = [];
    const seen = keys().length;
    for (const key of keys().slice(0, seen)) {
      if (ran.has(key)) continue;
      const row = (await state.get(key))?.state;
      const leased = row?.leaseUntil !== undefined && row.leaseUntil > Date.now();
      if (row !== undefined && (row.status !== 'pending' || (row.lastError === 'unknown-job-type' && !leased))) ran.add(key);
      else open.push(key);
    }
    // a job that finished while we looked may have enqueued another: look again
    if (open.length === 0 && keys().length === seen) return;
    if (Date.now() > end) throw new Error(`jobs not settled after ${timeoutMs / 1000} s: ${open.join(', ')}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Until a job queue holds no message at all, visible, leased or waiting out a retry (Azurite counts
 * them all). Only for a queue whose every job type has a handler: a job nobody handles stays.
 */
export async function drained(connectionString: string, queueName: string, timeoutMs = 20_000): Promise<void> {
  const queue = createQueueClient({ kind: 'connectionString', connectionString }, queueName);
  const end = Date.now() + timeoutMs;
  for (;;) {
    const left = (await queue.getProperties()).approximateMessagesCount ?? 0;
    if (left === 0) return;
    if (Date.now() > end) throw new Error(`queue ${queueName}: still ${left} job(s) after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
