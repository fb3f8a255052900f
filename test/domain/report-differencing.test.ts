import assert from 'node:assert/strict';
import { meldplichtFor } from '../../src/domain/classify.js';
import { ERNST, HERHALINGSRISICO } from '../../src/domain/incident-schema.js';
import type { ReportingRule } from '../../src/domain/profiles/schema.js';
import { hiddenRange, isProtected } from '../../src/domain/report/audit.js';
import type { ReportRow } from '../../src/domain/report/row.js';
import type { ShownCell } from '../../src/domain/report/suppress.js';
import { PARTITIONS, yearFigures, type YearFigures } from '../../src/domain/report/yearly.js';
import { CATEGORIES, KANALEN, MAATREGEL_TYPES, type AmbtsdragerRole } from '../../src/domain/types.js';
import { prng } from '../support/fuzz.js';

const ROLES: AmbtsdragerRole[] = ['raadslid', 'wethouder', 'burgemeester', 'fractievolger'];
const YEAR = 2026;

/**
 * A melding as the protocol makes it, skewed so that small cells are common: its meldplicht from
 * its category and answers under the rule, an evaluation (ernst and risk together) only once
 * closed, an incidentgesprek booked only where it was decided.
 */
function aRow(random: () => number, rule: ReportingRule, year = YEAR): ReportRow {
  const skewed = <T>(xs: readonly T[]): T => xs[Math.floor(random() ** 2.5 * xs.length)] as T;
  const category = skewed(CATEGORIES);
  const open = random() < 0.3;
  const evaluated = !open && random() < 0.6;
  const maatregelen = MAATREGEL_TYPES.filter(() => random() < 0.2);
  const tijd = () => (random() < 0.7 ? { uren: random() * 60, binnen: random() < 0.8 } : undefined);
  return {
    year,
    month: 1 + Math.floor(random() ** 2 * 12),
    category,
    role: skewed(ROLES),
    kanaal: skewed(KANALEN),
    meldplicht: meldplichtFor(category, { gecorrigeerd: random() < 0.5, aanhoudend: random() < 0.5 }, rule),
    open,
    maatregelen,
    pleger: random() < 0.5 ? `p${Math.floor(random() * 8)}` : undefined,
    ernst: evaluated ? skewed(ERNST) : 'geen',
    herhalingsrisico: evaluated ? skewed(HERHALINGSRISICO) : 'geen',
    nazorg: tijd(),
    gesprek: maatregelen.includes('incidentgesprek') ? tijd() : undefined,
  };
}

type TableId = (typeof PARTITIONS)[number] | 'nazorg';
const TABLES: readonly TableId[] = [...PARTITIONS, 'nazorg'];

/** A row's cell in a table, as the report counts it. */
function cellOf(row: ReportRow, table: TableId): string {
  switch (table) {
    case 'categorie':
      return row.category;
    case 'rol':
      return row.role;
    case 'kanaal':
      return row.kanaal;
    case 'maand':
      return String(row.month).padStart(2, '0');
    case 'meldplicht':
      return row.meldplicht;
    case 'status':
      return row.open ? 'open' : 'afgesloten';
    case 'ernst':
      return row.ernst;
    case 'herhalingsrisico':
      return row.herhalingsrisico;
    case 'nazorg':
      return row.nazorg === undefined ? 'geen' : row.nazorg.binnen ? 'binnen' : 'buiten';
  }
}

const shownOf = (f: YearFigures, table: TableId): ShownCell[] => (table === 'nazorg' ? f.termijnen.nazorg.cells : f.partitions[table]);

/**
 * What anyone can know of how the tables limit each other: every pair of cells a melding of this
 * generator can have, found by making many (not from the report's own list of links, so a link
 * the report forgot shows up here).
 */
function possiblePairs(rule: ReportingRule): Map<string, Set<string>> {
  const random = prng(7);
  const pairs = new Map<string, Set<string>>();
  for (let i = 0; i < 20_000; i++) {
    const row = aRow(random, rule);
    for (const a of TABLES) for (const b of TABLES) {
      const key = `${a}:${b}`;
      if (!pairs.has(key)) pairs.set(key, new Set());
      pairs.get(key)?.add(`${cellOf(row, a)}|${cellOf(row, b)}`);
    }
  }
  return pairs;
}

describe('domain: no hidden cell of the yearly report can be worked out from two of its tables', function () {
  this.timeout(120_000);

  it('finds the cell that a plain per-table rule would give away (the check itself)', () => {
    // categories: emotional own situation 7, emotional criticism 2 (hidden), verbal 20, threat 3 (hidden), violence 8;
    // meldplicht under the schema: the two emotional ones are aanbevolen or facultatief, so 9 of them are 7 + the hidden one
    const categorie: ShownCell[] = [{ key: 'eigen', value: 7 }, { key: 'kritiek', value: undefined }, { key: 'verbaal', value: 20 }, { key: 'dreiging', value: undefined }, { key: 'geweld', value: 8 }];
    const meldplicht: ShownCell[] = [{ key: 'aanbevolen', value: 9 }, { key: 'verplicht', value: 31 }];
    const emotional = (c: string): boolean => c === 'eigen' || c === 'kritiek';
    const allowed = (c: string, m: string): boolean => emotional(c) === (m === 'aanbevolen');
    const range = hiddenRange(categorie, meldplicht, allowed, 40, 'kritiek', 2);
    assert.deepEqual(range, { lo: 2, hi: 2 });
    assert.equal(isProtected(range, 5), false);
    assert.equal(isProtected(hiddenRange(categorie, meldplicht, () => true, 40, 'kritiek', 2), 5), true, 'without the link it is safe');
  });

  for (const rule of ['schema', 'tenzij-aanhoudend', 'altijd'] as const) {
    it(`leaves every hidden cell open from 0 to the threshold, for every pair of tables of a year (rule ${rule}, 80 random years)`, () => {
      const pairs = possiblePairs(rule);
      const random = prng(20261202);
      let checked = 0;
      for (let run = 0; run < 80; run++) {
        const threshold = 3 + Math.floor(random() * 4);
        const rows = Array.from({ length: 8 + Math.floor(random() * 60) }, () => aRow(random, rule));
        const figures = yearFigures(rows, YEAR, ROLES, threshold, rule);
        if (figures.total === undefined) continue;
        for (const a of TABLES) for (const b of TABLES) {
          if (a === b) continue;
          const possible = pairs.get(`${a}:${b}`) ?? new Set();
          const A = shownOf(figures, a);
          for (const cell of A.filter((c) => c.value === undefined)) {
            const actual = rows.filter((r) => cellOf(r, a) === cell.key).length;
            const range = hiddenRange(A, shownOf(figures, b), (x, y) => possible.has(`${x}|${y}`), rows.length, cell.key, actual);
            assert.ok(isProtected(range, threshold), `run ${run}, threshold ${threshold}: ${a} "${cell.key}" (${actual}) is ${range.lo}..${range.hi} given ${b}`);
            checked += 1;
          }
        }
      }
      assert.ok(checked > 300, `only ${checked} hidden cells checked`);
    });
  }

  it('hides the incidentgesprek figures with the maatregel they count, and a share only beside two shown counts', () => {
    const random = prng(99);
    for (let run = 0; run < 300; run++) {
      const threshold = 3 + Math.floor(random() * 4);
      const rows = Array.from({ length: 5 + Math.floor(random() * 50) }, () => aRow(random, 'schema'));
      const f = yearFigures(rows, YEAR, ROLES, threshold);
      const decided = f.maatregelen.find((c) => c.key === 'incidentgesprek')?.value;
      if (decided === undefined) assert.ok(f.termijnen.gesprek.cells.every((c) => c.value === undefined || c.value === 0), `run ${run}`);
      for (const t of [f.termijnen.nazorg, f.termijnen.gesprek]) {
        const [binnen, buiten] = ['binnen', 'buiten'].map((k) => t.cells.find((c) => c.key === k)?.value);
        if (binnen === undefined || buiten === undefined) assert.equal(t.binnenProcent, undefined, `run ${run}: a share beside a hidden count`);
      }
    }
  });

  it('counts a year from its own meldingen only: the year before, shown beside it, changes none of its cells', () => {
    const random = prng(5);
    for (let run = 0; run < 50; run++) {
      const rows = Array.from({ length: 10 + Math.floor(random() * 40) }, () => aRow(random, 'schema'));
      const before = Array.from({ length: Math.floor(random() * 40) }, () => aRow(random, 'schema', YEAR - 1));
      assert.deepEqual(yearFigures([...rows, ...before], YEAR, ROLES, 5), yearFigures(rows, YEAR, ROLES, 5));
    }
  });
});
