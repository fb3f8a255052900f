import { randomUUID } from 'node:crypto';
import { TERMIJN_JOB } from '../flows/handling/termijnen.js';
import type { EffectQueue } from '../shared/jobs.js';
import type { TimerRepository } from '../store/timer-repository.js';
import { errorCode } from './errors.js';
import { PollLoop } from './poll-loop.js';
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
  private readonly loop: PollLoop;

  constructor(private readonly options: TimerSchedulerOptions) {
    this.owner = options.owner ?? `timers-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? (() => new Date());
    // the protocol's deadlines are hours apart: a pause after every poll, also one that fired timers
    this.loop = new PollLoop(
      async () => {
        await this.runOnce();
        return 0;
      },
      {
        intervalMs: options.pollIntervalMs ?? 60_000,
        logger: options.logger,
        what: 'timer',
      },
    );
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
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
