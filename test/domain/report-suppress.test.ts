import assert from 'node:assert/strict';
import { suppressCounts, suppressPartition, type Cell, type ShownPartition } from '../../src/domain/report/suppress.js';

const cells = (...values: number[]): Cell[] => values.map((value, i) => ({ key: `c${i}`, value }));
const shown = (p: ShownPartition): (number | undefined)[] => p.cells.map((c) => c.value);

/** A small deterministic generator, so a failure names a table that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 0x1_0000_0000;
  };
}

describe('domain: small counts hidden in the yearly report', () => {
  it('shows a table without small counts as it is, zeros included', () => {
    assert.deepEqual(shown(suppressPartition(cells(12, 0, 7, 5), 5)), [12, 0, 7, 5]);
  });

  it('hides a small count and the next smallest, so the total does not give it away', () => {
    const p = suppressPartition(cells(1, 5, 10), 5);
    assert.deepEqual(shown(p), [undefined, undefined, 10]);
    assert.equal(p.total, 16);
  });

  it('hides more until the hidden cells add up to the threshold', () => {
    assert.deepEqual(shown(suppressPartition(cells(1, 1, 1, 9, 20), 5)), [undefined, undefined, undefined, undefined, 20]);
  });

  it('hides the whole table, total included, when there are fewer meldingen than the threshold', () => {
    const p = suppressPartition(cells(2, 1, 0), 5);
    assert.deepEqual(shown(p), [undefined, undefined, undefined]);
    assert.equal(p.total, undefined);
  });

  it('hides only the small ones among counts that do not add up to a total', () => {
    assert.deepEqual(suppressCounts(cells(3, 0, 8), 5).map((c) => c.value), [undefined, 0, 8]);
  });

  it('leaves every hidden cell of a random table open from nothing to at least the threshold, given the total and the shown cells (2000 tables)', () => {
    // What can be worked back: the hidden cells add up to the total minus the shown ones, and are whole
    // numbers of at least 0. So each hidden cell may be anything from 0 to that sum: with two or more
    // hidden cells adding up to the threshold or more, nobody can tell whether one of them is small.
    const next = random(20261202);
    for (let run = 0; run < 2000; run++) {
      const threshold = 2 + Math.floor(next() * 5);
      const table = cells(...Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * 3 * threshold)));
      const published = suppressPartition(table, threshold);
      const label = `table ${JSON.stringify(table.map((c) => c.value))}, threshold ${threshold}`;
      for (const [i, c] of published.cells.entries()) {
        const real = table[i]?.value ?? 0;
        if (c.value !== undefined) assert.ok(real === 0 || real >= threshold, `${label}: a small count is shown`);
      }
      if (published.total === undefined) {
        assert.ok(published.cells.every((c) => c.value === undefined), label);
        continue;
      }
      const hidden = published.cells.filter((c) => c.value === undefined);
      if (hidden.length === 0) continue;
      const hiddenSum = published.total - published.cells.reduce((sum, c) => sum + (c.value ?? 0), 0);
      assert.ok(hidden.length >= 2, `${label}: one hidden cell is the total minus the others`);
      assert.ok(hiddenSum >= threshold, `${label}: the hidden cells add up to ${hiddenSum}, so each is known to be small`);
    }
  });
});
