/** Latency figures and the printed table of the bench. */

export interface Row {
  name: string;
  concurrency: number;
  turns: number;
  /** turns per second over the run's wall time (0 when not measured) */
  perSecond: number;
  median: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** The median and the 99th percentile of unsorted figures. */
export const median = (xs: readonly number[]): number => percentile([...xs].sort((a, b) => a - b), 0.5);
export const p99 = (xs: readonly number[]): number => percentile([...xs].sort((a, b) => a - b), 0.99);

export function summarize(name: string, concurrency: number, turns: number[], wallMs: number): Row {
  const sorted = [...turns].sort((a, b) => a - b);
  return {
    name,
    concurrency,
    turns: turns.length,
    perSecond: wallMs > 0 ? turns.length / (wallMs / 1000) : 0,
    median: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function formatTable(rows: Row[]): string {
  const head = ['', 'gelijktijdig', 'beurten', 'beurten/s', 'mediaan ms', 'p99 ms', 'max ms'];
  return table(head, rows.map((r) => [
    r.name,
    String(r.concurrency),
    String(r.turns),
    r.perSecond > 0 ? r.perSecond.toFixed(0) : '-',
    r.median.toFixed(2),
    r.p99.toFixed(2),
    r.max.toFixed(1),
  ]));
}

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Runs `work(0..total-1)` with at most `concurrency` at a time; returns the wall time in ms. */
export async function pool(total: number, concurrency: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < total) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return Number(process.hrtime.bigint() - started) / 1e6;
}
