/**
 * Small counts in a report can point at a person: a municipality has few wethouders, so "1
 * melding by a wethouder in March" names her. A count below the threshold is not shown; and
 * because a table that splits all meldingen adds up to the total shown, one hidden cell could be
 * worked back from the total and the others, so more cells are hidden until that is impossible.
 */

export interface Cell {
  key: string;
  value: number;
}

/** A cell as the report shows it: its count, or undefined when it is hidden. */
export interface ShownCell {
  key: string;
  value: number | undefined;
}

export interface ShownPartition {
  cells: ShownCell[];
  /** the total of all cells; undefined when the total itself is below the threshold (then every cell is hidden) */
  total: number | undefined;
}

const isSmall = (value: number, threshold: number): boolean => value > 0 && value < threshold;

/**
 * A table whose cells split one population (every melding in exactly one cell), with its total.
 * Hidden: every count from 1 to threshold-1 (a zero names nobody); then, while fewer than two
 * cells are hidden or the hidden cells add up to less than the threshold, the smallest shown
 * non-zero cell as well (ties by key, so the result does not depend on the order given). A total
 * below the threshold hides the whole table.
 */
export function suppressPartition(cells: readonly Cell[], threshold: number): ShownPartition {
  const total = cells.reduce((sum, c) => sum + c.value, 0);
  if (isSmall(total, threshold)) return { cells: cells.map((c) => ({ key: c.key, value: undefined })), total: undefined };
  const hidden = new Set(cells.filter((c) => isSmall(c.value, threshold)).map((c) => c.key));
  const sumHidden = (): number => cells.filter((c) => hidden.has(c.key)).reduce((sum, c) => sum + c.value, 0);
  if (hidden.size > 0) {
    const candidates = cells
      .filter((c) => !hidden.has(c.key) && c.value > 0)
      .sort((a, b) => a.value - b.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const next of candidates) {
      if (hidden.size >= 2 && sumHidden() >= threshold) break;
      hidden.add(next.key);
    }
  }
  return { cells: cells.map((c) => ({ key: c.key, value: hidden.has(c.key) ? undefined : c.value })), total };
}

/**
 * Counts that do not split one population (one melding may have several maatregelen), so no
 * total can give a hidden cell away: only the small counts are hidden.
 */
export function suppressCounts(cells: readonly Cell[], threshold: number): ShownCell[] {
  return cells.map((c) => ({ key: c.key, value: isSmall(c.value, threshold) ? undefined : c.value }));
}
