import type { Worker } from '../worker.js';
import { berichtJob } from './bericht.js';
import type { HandlingJobContext } from './context.js';
import { gemeldJob } from './gemeld.js';
import { postJob } from './post.js';
import { updateJob } from './update.js';

export { createHandlingDeps } from './tables.js';
export type { HandlingJobContext } from './context.js';

/** The afhandeling's job handlers: fan-out, post, update in place, 1:1 message. */
export function registerHandlingJobs(worker: Worker, context: HandlingJobContext): void {
  worker.register(gemeldJob(context)).register(postJob(context)).register(updateJob(context)).register(berichtJob(context));
}
