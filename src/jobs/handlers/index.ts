import { JOB } from '../../flows/handling/effects.js';
import type { JobRegistry } from '../../shared/jobs.js';
import { berichtJob } from './bericht.js';
import { berichtStartJob } from './bericht-start.js';
import type { HandlingJobContext } from './context.js';
import { gemeldJob } from './gemeld.js';
import { controleJob, geschorstJob, reachJob } from './kanaal.js';
import { NOTICE_RETRY_BUDGET_MS, parkedNoticeJob } from './parked.js';
import { postJob } from './post.js';
import { updateJob } from './update.js';

export { createHandlingDeps } from './tables.js';
export { announceParked } from './parked.js';
export type { HandlingJobContext } from './context.js';
export { REACH_JOB } from './kanaal.js';

/** The retry budgets of the afhandeling's jobs that differ from the worker's default. */
export const HANDLING_RETRY_BUDGETS: Readonly<Record<string, number>> = { [JOB.mislukt]: NOTICE_RETRY_BUDGET_MS };

/**
 * The afhandeling's job handlers: fan-out, post, update in place, 1:1 message, and the notice
 * to the coordinator of a parked job (which announceParked, the worker's onParked, enqueues).
 */
export function registerHandlingJobs(worker: JobRegistry, context: HandlingJobContext): void {
  worker.register(gemeldJob(context));
  worker.register(postJob(context));
  worker.register(updateJob(context));
  worker.register(berichtJob(context));
  worker.register(parkedNoticeJob(context));
  worker.register(controleJob(context));
  worker.register(geschorstJob(context));
  worker.register(reachJob(context));
  worker.register(berichtStartJob(context));
}
