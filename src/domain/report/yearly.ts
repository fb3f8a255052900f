import { ERNST, HERHALINGSRISICO } from '../incident-schema.js';
import { counterpartOf, type Profile } from '../profiles/schema.js';
import { CATEGORIES, KANALEN, MAATREGEL_TYPES, MELDPLICHTEN, type AmbtsdragerRole } from '../types.js';
import type { ReportRow } from './row.js';
import { suppressCounts, suppressPartition, type Cell, type ShownCell } from './suppress.js';
import { timingFigures, type TimingFigures } from './timing.js';

export { reportRow, type ReportRow } from './row.js';

export const PARTITIONS = ['categorie', 'rol', 'kanaal', 'maand', 'meldplicht', 'status', 'ernst', 'herhalingsrisico'] as const;
export type PartitionId = (typeof PARTITIONS)[number];

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
const month = (row: ReportRow): (typeof MONTHS)[number] => MONTHS[row.month - 1] ?? '01';

function count<K extends string>(keys: readonly K[], of: (row: ReportRow) => K, rows: readonly ReportRow[]): Cell[] {
  const counts = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const row of rows) counts.set(of(row), (counts.get(of(row)) ?? 0) + 1);
  return [...counts].map(([key, value]) => ({ key, value }));
}

/**
 * The figures of one year for the roles of this profile. `threshold` is the smallest count shown
 * (the profile's, default 5): see suppress.ts for how smaller ones are hidden.
 */
export function yearFigures(all: readonly ReportRow[], year: number, roles: readonly AmbtsdragerRole[], threshold: number): YearFigures {
  const rows = all.filter((r) => r.year === year);
  const baseRoles = [...new Set(roles.map(counterpartOf))];
  const partition = (cells: Cell[]): ShownCell[] => suppressPartition(cells, threshold).cells;
  const plegers = new Map<string, number>();
  for (const r of rows) if (r.pleger) plegers.set(r.pleger, (plegers.get(r.pleger) ?? 0) + 1);
  const herhaald = [...plegers.values()].filter((n) => n > 1).length;
  return {
    year,
    total: suppressPartition([{ key: 'alle', value: rows.length }], threshold).total,
    partitions: {
      categorie: partition(count(CATEGORIES, (r) => r.category, rows)),
      rol: partition(count(baseRoles, (r) => r.role, rows)),
      kanaal: partition(count(KANALEN, (r) => r.kanaal, rows)),
      maand: partition(count(MONTHS, month, rows)),
      meldplicht: partition(count(MELDPLICHTEN, (r) => r.meldplicht, rows)),
      status: partition(count(['open', 'afgesloten'] as const, (r) => (r.open ? 'open' : 'afgesloten'), rows)),
      ernst: partition(count([...ERNST, 'geen'] as const, (r) => r.ernst, rows)),
      herhalingsrisico: partition(count([...HERHALINGSRISICO, 'geen'] as const, (r) => r.herhalingsrisico, rows)),
    },
    maatregelen: suppressCounts(
      MAATREGEL_TYPES.map((type) => ({ key: type, value: rows.filter((r) => r.maatregelen.includes(type)).length })),
      threshold,
    ),
    herhaaldePlegers: suppressCounts([{ key: 'herhaald', value: herhaald }], threshold)[0]?.value,
    termijnen: {
      nazorg: timingFigures(rows, (r) => r.nazorg, threshold),
      gesprek: timingFigures(rows.filter((r) => r.maatregelen.includes('incidentgesprek')), (r) => r.gesprek, threshold),
    },
  };
}
