import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, ROOT, TSX_ENTRY } from '../bot/process.js';
import { rssMb } from './process-memory.js';
import { startRoundRobin, type RoundRobin } from './round-robin.js';

/**
 * Bot processes on one storage account, as App Service instances of one deployment run: each
 * its own `node --import tsx src/index.ts` (plus any preload), one port each, and with more
 * than one a round-robin proxy in front.
 */

export interface Instance {
  readonly index: number;
  readonly pid: number;
  /** http://127.0.0.1:<port> of this process */
  readonly url: string;
  /** ms from spawn to the first 200 on /healthz */
  readonly readyMs: number;
  /** resident set size now, in MB (from /proc/<pid>/status) */
  rssMb(): number | undefined;
  /** stdout and stderr so far */
  output(): string;
  /** resolves with the exit code or the signal's name */
  readonly exited: Promise<number | string>;
  /** sends one IPC message and resolves with the child's next message (only with `ipc`) */
  ask(message: unknown, timeoutMs?: number): Promise<unknown>;
  /** SIGTERM (drains and exits) or SIGKILL; resolves once the process is gone */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

export interface InstancesOptions {
  /** environment of every process (PATH and HOME are added) */
  env: Record<string, string>;
  /** node arguments before the entry, e.g. ['--import', './scripts/bench-probe.ts'] */
  preload?: string[];
  /** open an IPC channel to each process (for a preload that reports through it) */
  ipc?: boolean;
  /** the node arguments of the program; default src/index.ts through tsx */
  entry?: string[];
  timeoutMs?: number;
}

export interface Instances {
  /** where clients send: the proxy with more than one instance, else the instance itself */
  readonly url: string;
  readonly list: Instance[];
  readonly proxy: RoundRobin | undefined;
  /** stops instance i (SIGTERM) and starts a new process in its place, on the same port */
  restart(i: number): Promise<Instance>;
  stop(): Promise<void>;
}

/** RSS in MB, or undefined once the process is gone. */
function rssMbOf(pid: number): number | undefined {
  try {
    return rssMb(pid);
  } catch {
    return undefined;
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

/** Starts one process on `port` and waits until /healthz answers 200. */
export async function startInstance(index: number, port: number, options: InstancesOptions): Promise<Instance> {
  const started = process.hrtime.bigint();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [...(options.preload ?? []), ...(options.entry ?? TSX_ENTRY)], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  let gone = false;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      gone = true;
      resolve(code ?? signal ?? -1);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await healthy(url))) {
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bot instance ${index} did not answer /healthz:\n${out.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const pid = child.pid ?? 0;
  return {
    index,
    pid,
    url,
    readyMs,
    rssMb: () => rssMbOf(pid),
    output: () => out,
    exited,
    ask(message, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`instance ${index}: no answer over IPC`)), timeoutMs);
        child.once('message', (answer) => {
          clearTimeout(timer);
          resolve(answer);
        });
        child.send?.(message as object);
      });
    },
    async stop(signal = 'SIGTERM') {
      if (!gone) child.kill(signal);
      await exited;
    },
  };
}

export async function startInstances(count: number, options: InstancesOptions): Promise<Instances> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const list = await Promise.all(ports.map((port, i) => startInstance(i, port, options)));
  const proxy = count > 1 ? await startRoundRobin(list.map((x) => x.url)) : undefined;
  return {
    url: proxy?.url ?? list[0]?.url ?? '',
    list,
    proxy,
    async restart(i) {
      const old = list[i];
      if (!old) throw new Error(`no instance ${i}`);
      await old.stop();
      const fresh = await startInstance(i, Number(new URL(old.url).port), options);
      list[i] = fresh;
      return fresh;
    },
    async stop() {
      await proxy?.stop();
      await Promise.all(list.map((x) => x.stop()));
    },
  };
}
