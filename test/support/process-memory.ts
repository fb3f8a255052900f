import { readFileSync } from 'node:fs';

/** Resident set size of a process in MB, from /proc (Linux): what the operating system charges it. */
export function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

/**
 * The RSS a process settles at: the lowest of `samples` readings `everyMs` apart. A reading taken
 * while V8 still holds garbage from start-up or the last turn is higher than what the process
 * needs; the lowest one over a few seconds is what it keeps, and a leak raises every reading.
 */
export async function settledRssMb(pid: number, samples = 20, everyMs = 250): Promise<number> {
  let lowest = Infinity;
  for (let i = 0; i < samples; i++) {
    lowest = Math.min(lowest, rssMb(pid));
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return lowest;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function cpuMs(pid: number): number {
  // the fields after the command name, which is in parentheses and may hold spaces
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`no CPU time for process ${pid}`);
  // USER_HZ is 100 on every Linux Node supports
  return ticks * 10;
}
