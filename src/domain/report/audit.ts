import type { ShownCell } from './suppress.js';

/**
 * What someone can work out of a hidden cell from two published tables of the same meldingen, when
 * the tables are linked: a melding's cell in one limits its cell in the other (an evaluated melding
 * is closed; a melding's meldplicht follows from its category). For a hidden cell of table A: the
 * smallest and largest count it can have, over every split of the meldingen into pairs of cells
 * (one of A, one of B, only the allowed pairs) that gives the published counts and total. The
 * counts of such splits are the flows of a small network, so each bound is a search over flows.
 */
export interface Range {
  lo: number;
  hi: number;
}

export type Allowed = (a: string, b: string) => boolean;

interface Edge {
  to: number;
  cap: number;
  rev: number;
}

/** Maximum flow (Edmonds-Karp); the networks here have a few dozen nodes. */
function maxFlow(graph: Edge[][], s: number, t: number): number {
  let total = 0;
  for (;;) {
    const prev: [number, number][] = new Array<[number, number]>(graph.length);
    const queue = [s];
    prev[s] = [s, -1];
    while (queue.length > 0 && prev[t] === undefined) {
      const u = queue.shift() as number;
      (graph[u] ?? []).forEach((e, i) => {
        if (e.cap > 0 && prev[e.to] === undefined) {
          prev[e.to] = [u, i];
          queue.push(e.to);
        }
      });
    }
    if (prev[t] === undefined) return total;
    let push = Infinity;
    for (let v = t; v !== s; v = (prev[v] as [number, number])[0]) {
      const [u, i] = prev[v] as [number, number];
      push = Math.min(push, (graph[u] as Edge[])[i]?.cap ?? 0);
    }
    for (let v = t; v !== s; v = (prev[v] as [number, number])[0]) {
      const [u, i] = prev[v] as [number, number];
      const e = (graph[u] as Edge[])[i] as Edge;
      e.cap -= push;
      (graph[e.to] as Edge[])[e.rev]!.cap += push;
    }
    total += push;
  }
}

/**
 * Whether some split exists with each cell of A and of B inside its bounds and `total` meldingen:
 * a circulation with lower bounds (source -> A -> B -> sink -> source), decided by one max flow.
 */
function feasible(a: readonly Range[], b: readonly Range[], allowed: (i: number, j: number) => boolean, total: number): boolean {
  const n = a.length + b.length + 4;
  const [s, t, S, T] = [n - 4, n - 3, n - 2, n - 1];
  const graph: Edge[][] = Array.from({ length: n }, () => []);
  const excess = new Array<number>(n).fill(0);
  const add = (u: number, v: number, lo: number, hi: number): void => {
    graph[u]!.push({ to: v, cap: hi - lo, rev: graph[v]!.length });
    graph[v]!.push({ to: u, cap: 0, rev: graph[u]!.length - 1 });
    excess[v]! += lo;
    excess[u]! -= lo;
  };
  a.forEach((r, i) => add(s, i, r.lo, r.hi));
  b.forEach((r, j) => add(a.length + j, t, r.lo, r.hi));
  a.forEach((_, i) => b.forEach((__, j) => allowed(i, j) && add(i, a.length + j, 0, total)));
  add(t, s, total, total);
  let need = 0;
  excess.forEach((x, v) => {
    if (x > 0) {
      add(S, v, 0, x);
      need += x;
    } else if (x < 0) add(v, T, 0, -x);
  });
  return maxFlow(graph, S, T) === need;
}

const bounds = (cells: readonly ShownCell[], total: number): Range[] => cells.map((c) => (c.value === undefined ? { lo: 0, hi: total } : { lo: c.value, hi: c.value }));

/**
 * The range of A's hidden cell `key`, knowing A and B as published, the total and which pairs of
 * cells a melding can have. `actual` is its real count (a split that exists), where the searches start.
 */
export function hiddenRange(a: readonly ShownCell[], b: readonly ShownCell[], allowed: Allowed, total: number, key: string, actual: number): Range {
  const index = a.findIndex((c) => c.key === key);
  const pair = (i: number, j: number): boolean => allowed(a[i]?.key ?? '', b[j]?.key ?? '');
  const A = bounds(a, total);
  const B = bounds(b, total);
  const fits = (x: number): boolean => feasible(A.map((r, i) => (i === index ? { lo: x, hi: x } : r)), B, pair, total);
  // the counts a cell can have form an interval around the actual one: two binary searches
  const search = (from: number, to: number): number => {
    let [good, bad] = [from, to];
    while (Math.abs(bad - good) > 1) {
      const mid = Math.floor((good + bad) / 2);
      if (fits(mid)) good = mid;
      else bad = mid;
    }
    return good;
  };
  return { lo: fits(0) ? 0 : search(actual, -1), hi: fits(total) ? total : search(actual, total + 1) };
}

/**
 * A hidden cell is safe when nobody can tell that it is small: its range reaches the threshold,
 * and does not start between 1 and the threshold ("at least 2 wethouders" is a small count too).
 */
export function isProtected(range: Range, threshold: number): boolean {
  return range.hi >= threshold && range.hi > range.lo && (range.lo === 0 || range.lo >= threshold);
}
