import { randomUUID } from 'node:crypto';
import { TERMIJN_JOB } from '../flows/handling/termijnen.js';
import type { EffectQueue } from '../shared/jobs.js';
import type { TimerRepository } from '../store/timer-repository.js';
import { errorCode } from './errors.js';
import type { Logger } from './logger.js';

export interface TimerSchedulerOptions {
  timers: TimerRepository;
  queue: EffectQueue;
  orgId: string;
  logger: Logger;
  owner?: string;
  /** pause between polls (default 60 s: the protocol's deadlines are hours apart) */
  pollIntervalMs?: number;
  /** how long a claimed timer is this instance's before another may take it (default 120 s) */
  leaseMs?: number;
  now?: () => Date;
}

/**
 * Polls the timer table and turns each due timer into a job. A timer is claimed by an
 * ETag-conditional update, so of several instances only one fires it; the job's idempotency key
 * is the timer's own, so a claimer that died between enqueueing and marking it fired is followed
 * by a second claim whose job the worker drops as done.
 */
export class TimerScheduler {
  private readonly owner: string;
  private readonly now: () => Date;
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: TimerSchedulerOptions) {
    this.owner = options.owner ?? `timers-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? (() => new Date());
  }

  /** One poll; returns how many timers this instance fired. */
  async runOnce(): Promise<number> {
    const { timers, queue, orgId } = this.options;
    let fired = 0;
    for (const row of await timers.due(orgId, this.now())) {
      const claimed = await timers.claim(row, this.owner, this.now(), this.options.leaseMs ?? 120_000);
      if (!claimed) continue;
      const { incidentId, kind, phase, dueBy } = claimed.value;
      try {
        await queue.enqueue({
          type: TERMIJN_JOB.signaal,
          idempotencyKey: `termijn:${incidentId}:${kind}:${phase}:${dueBy}`,
          payload: { orgId, incidentId, kind, phase, dueBy },
        });
        await timers.markFired(claimed);
        fired += 1;
      } catch (e) {
        // the claim runs out and the next poll (here or elsewhere) takes the timer again
        this.options.logger.error({ incident: incidentId, kind, phase, error: errorCode(e) }, 'timer not fired');
      }
    }
    return fired;
  }

  start(): void {
    if (this.loop !== undefined) return;
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.run(abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    this.abort = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.runOnce();
      } catch (e) {
        // a storage outage must not end the loop: the timers wait in the table
        this.options.logger.error({ error: errorCode(e) }, 'timer poll failed');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.options.pollIntervalMs ?? 60_000);
        function done(): void {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }
}
