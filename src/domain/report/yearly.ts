import { ERNST, HERHALINGSRISICO } from '../incident-schema.js';
import { counterpartOf, type Profile, type ReportingRule } from '../profiles/schema.js';
import { CATEGORIES, KANALEN, MAATREGEL_TYPES, MELDPLICHTEN, type AmbtsdragerRole } from '../types.js';
import { PARTITIONS, yearCounts, type PartitionId, type YearCounts } from './counts.js';
import { protectLinked, reportLinks } from './linked.js';
import type { ReportRow } from './row.js';
import { suppressCounts, suppressPartition, type Cell, type ShownCell } from './suppress.js';
import { timingFigures, type TimingFigures } from './timing.js';

export { reportRow, type ReportRow } from './row.js';
export { PARTITIONS, type PartitionId } from './counts.js';

/** One year's figures, small counts hidden: every table but the maatregelen splits all meldingen of the year. */
export interface YearFigures {
  year: number;
  total: number | undefined;
  partitions: Record<PartitionId, ShownCell[]>;
  /** per maatregel, how many meldingen it was decided for (one melding may have several) */
  maatregelen: ShownCell[];
  /** plegers with more than one melding this year: a count, never a name */
  herhaaldePlegers: number | undefined;
  /** the first nazorg (over all meldingen) and the incidentgesprek (over those it was decided for) against their deadlines */
  termijnen: { nazorg: TimingFigures; gesprek: TimingFigures };
}

/** The smallest count a report shows: the profile's, else 5 (a cell of 1 or 2 can name someone in a small council). */
export function reportThreshold(profile: Pick<Profile, 'rapportDrempel'>): number {
  return profile.rapportDrempel ?? 5;
}

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;

/** The keys of every table in their order, the profile's roles for the rol table; a key counted but not listed comes last. */
function keysOf(roles: readonly AmbtsdragerRole[]): Record<PartitionId, readonly string[]> {
  return {
    categorie: CATEGORIES,
    rol: [...new Set(roles.map(counterpartOf))],
    kanaal: KANALEN,
    maand: MONTHS,
    meldplicht: MELDPLICHTEN,
    status: ['open', 'afgesloten'],
    ernst: [...ERNST, 'geen'],
    herhalingsrisico: [...HERHALINGSRISICO, 'geen'],
  };
}

const cellsOf = (keys: readonly string[], tally: Readonly<Record<string, number>>): Cell[] =>
  [...new Set([...keys, ...Object.keys(tally)])].map((key) => ({ key, value: tally[key] ?? 0 }));

/**
 * The figures of one year's counts. `threshold` is the smallest count shown (the profile's,
 * default 5): each table hides what its own total would give away (suppress.ts), then the tables
 * that limit each other hide more until none gives a hidden cell of another away (linked.ts).
 */
export function figuresOf(counts: YearCounts, roles: readonly AmbtsdragerRole[], threshold: number, rule: ReportingRule = 'schema'): YearFigures {
  const keys = keysOf(roles);
  const tables = Object.fromEntries(
    PARTITIONS.map((id) => {
      const cells = cellsOf(keys[id], counts.partitions[id] ?? {});
      return [id, { cells, shown: suppressPartition(cells, threshold).cells }];
    }),
  ) as Record<PartitionId, { cells: Cell[]; shown: ShownCell[] }>;
  const total = suppressPartition([{ key: 'alle', value: counts.total }], threshold).total;
  if (total !== undefined) protectLinked(tables, reportLinks(rule), counts.total, threshold);
  return {
    year: counts.year,
    total,
    partitions: Object.fromEntries(PARTITIONS.map((id) => [id, tables[id].shown])) as Record<PartitionId, ShownCell[]>,
    maatregelen: suppressCounts(cellsOf(MAATREGEL_TYPES, counts.maatregelen), threshold),
    herhaaldePlegers: suppressCounts([{ key: 'herhaald', value: counts.herhaald }], threshold)[0]?.value,
    termijnen: { nazorg: timingFigures(counts.nazorg, threshold), gesprek: timingFigures(counts.gesprek, threshold) },
  };
}

/** The figures of one year of these rows (the others are left out). */
export function yearFigures(rows: readonly ReportRow[], year: number, roles: readonly AmbtsdragerRole[], threshold: number, rule?: ReportingRule): YearFigures {
  return figuresOf(yearCounts(rows, year), roles, threshold, rule);
}
