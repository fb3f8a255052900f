import type { ParkedJob } from './job-state.js';
import type { Logger } from './logger.js';
import { PollLoop } from './poll-loop.js';

/** What /healthz shows of the side effects (the bot's Health: string values, `status` first). */
export interface JobsHealth {
  status: 'ok' | 'jobs-parked' | 'notice-parked';
  [detail: string]: string;
}

export interface JobHealthOptions {
  jobs: { listFailed(): Promise<ParkedJob[]> };
  /** the job type of the notice that tells the coordinator about parked work */
  noticeType: string;
  logger: Logger;
  /** pause between two looks at the parked jobs (default 30 s) */
  intervalMs?: number;
}

/**
 * Parked work, for monitoring: /healthz is answered synchronously, so the count is read in the
 * background (the listing of parked jobs only, never the whole job table) and on every parking.
 * `notice-parked` means even the notice to the coordinator could not be delivered: nobody in the
 * organisation knows, so monitoring must.
 */
export class JobHealth {
  private parked = 0;
  private notices = 0;
  private checkedAt: string | undefined;
  private readonly loop: PollLoop;

  constructor(private readonly options: JobHealthOptions) {
    this.loop = new PollLoop(
      async () => {
        await this.refresh();
        return 0;
      },
      { intervalMs: options.intervalMs ?? 30_000, logger: options.logger, what: 'job health' },
    );
  }

  async refresh(): Promise<void> {
    const failed = await this.options.jobs.listFailed();
    this.parked = failed.length;
    this.notices = failed.filter((j) => j.type === this.options.noticeType).length;
    this.checkedAt = new Date().toISOString();
  }

  /** Before the first look, only `ok`: no count is claimed that was not read. */
  current(): JobsHealth {
    if (this.checkedAt === undefined) return { status: 'ok' };
    const status = this.notices > 0 ? 'notice-parked' : this.parked > 0 ? 'jobs-parked' : 'ok';
    return { status, parkedJobs: String(this.parked), parkedNotices: String(this.notices), jobsCheckedAt: this.checkedAt };
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
