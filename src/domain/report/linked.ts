import { meldplichtFor } from '../classify.js';
import type { ReportingRule } from '../profiles/schema.js';
import { CATEGORIES, type Category } from '../types.js';
import { hiddenRange, isProtected, type Allowed } from './audit.js';
import type { PartitionId } from './counts.js';
import type { Cell, ShownCell } from './suppress.js';

/** Two tables whose cells limit each other: which pairs of cells one melding can have. */
export interface Link {
  a: PartitionId;
  b: PartitionId;
  allowed: Allowed;
}

const evaluated = (key: string): boolean => key !== 'geen';

/**
 * What anyone who knows the protocol knows about the report's tables: an evaluation gives both its
 * ernst and its risk, and only a closed melding is evaluated; a melding's meldplicht follows from
 * its category and two answers under the profile's rule (classify.ts).
 */
export function reportLinks(rule: ReportingRule): Link[] {
  const meldplichten = new Map<string, Set<string>>(
    CATEGORIES.map((c: Category) => [
      c,
      new Set([false, true].flatMap((gecorrigeerd) => [false, true].map((aanhoudend) => meldplichtFor(c, { gecorrigeerd, aanhoudend }, rule)))),
    ]),
  );
  return [
    { a: 'ernst', b: 'herhalingsrisico', allowed: (a, b) => evaluated(a) === evaluated(b) },
    { a: 'ernst', b: 'status', allowed: (a, b) => !evaluated(a) || b === 'afgesloten' },
    { a: 'herhalingsrisico', b: 'status', allowed: (a, b) => !evaluated(a) || b === 'afgesloten' },
    { a: 'categorie', b: 'meldplicht', allowed: (a, b) => meldplichten.get(a)?.has(b) ?? true },
  ];
}

interface Table {
  cells: readonly Cell[];
  shown: ShownCell[];
}

const smallestShown = (t: Table, keys: (key: string) => boolean): Cell | undefined =>
  t.cells
    .filter((c) => c.value > 0 && keys(c.key) && t.shown.find((s) => s.key === c.key)?.value !== undefined)
    .sort((x, y) => x.value - y.value || (x.key < y.key ? -1 : 1))[0];

function hide(t: Table, key: string): void {
  t.shown = t.shown.map((c) => (c.key === key ? { key, value: undefined } : c));
}

/** The first hidden cell of `x` that `y` and the total pin down (its range does not reach from 0 or the threshold). */
function exposed(x: Table, y: Table, allowed: Allowed, total: number, threshold: number): string | undefined {
  for (const cell of x.shown) {
    if (cell.value !== undefined) continue;
    const actual = x.cells.find((c) => c.key === cell.key)?.value ?? 0;
    if (!isProtected(hiddenRange(x.shown, y.shown, allowed, total, cell.key, actual), threshold)) return cell.key;
  }
  return undefined;
}

/**
 * Hides more cells of linked tables until no hidden cell of one can be worked out from the other
 * (each table already hides by itself what its own total would give away, suppress.ts). For an
 * exposed cell, the smallest shown count that shares a melding with it is hidden too: first in its
 * own table, else in the other one. Only ever hides more, so every table keeps its own protection.
 */
export function protectLinked(tables: Partial<Record<PartitionId, Table>>, links: readonly Link[], total: number, threshold: number): void {
  for (let round = 0; round < 200; round++) {
    let changed = false;
    for (const link of links) {
      const [a, b] = [tables[link.a], tables[link.b]];
      if (!a || !b) continue;
      const directions: [Table, Table, Allowed][] = [[a, b, link.allowed], [b, a, (p, q) => link.allowed(q, p)]];
      for (const [x, y, allowed] of directions) {
        const key = exposed(x, y, allowed, total, threshold);
        if (key === undefined) continue;
        // cells of x that share a cell of y with the exposed one: only they move with it
        const partners = (k: string): boolean => y.cells.some((c) => allowed(key, c.key) && allowed(k, c.key));
        const next =
          smallestShown(x, (k) => k !== key && partners(k)) ??
          smallestShown(x, (k) => k !== key) ??
          smallestShown(y, (k) => allowed(key, k)) ??
          smallestShown(y, () => true);
        if (next === undefined) continue;
        hide(x.cells.includes(next) ? x : y, next.key);
        changed = true;
      }
    }
    if (!changed) return;
  }
}
