import { errorCode } from './errors.js';
import type { Logger } from './logger.js';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Waits `ms`, or less when the signal aborts first. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

export interface PollLoopOptions {
  intervalMs: number;
  logger: Logger;
  /** names the loop in the log line of a failed poll */
  what: string;
  sleep?: Sleep;
}

/**
 * Polls until stopped. A poll that found work is followed by the next at once, one that found
 * none by a pause; a failed poll (a storage outage) is logged and the loop goes on.
 */
export class PollLoop {
  private abort: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    /** one poll: how many items it took */
    private readonly poll: (signal: AbortSignal) => Promise<number>,
    private readonly options: PollLoopOptions,
  ) {}

  start(): void {
    if (this.loop !== undefined) return;
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.run(abort.signal);
  }

  /** Lets the poll in hand finish, then resolves. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    this.abort = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const sleep = this.options.sleep ?? abortableSleep;
    while (!signal.aborted) {
      let taken = 0;
      try {
        taken = await this.poll(signal);
      } catch (e) {
        this.options.logger.error({ error: errorCode(e) }, `${this.options.what} poll failed`);
      }
      if (taken === 0 && !signal.aborted) await sleep(this.options.intervalMs, signal);
    }
  }
}
