import { z } from 'zod';
import type { ReportRow, Tijd } from './row.js';

export const PARTITIONS = ['categorie', 'rol', 'kanaal', 'maand', 'meldplicht', 'status', 'ernst', 'herhalingsrisico'] as const;
export type PartitionId = (typeof PARTITIONS)[number];

/** Hours above this are counted here: a median beyond eight weeks needs no more precision. */
export const MAX_UREN = 24 * 7 * 8;

const Tally = z.record(z.string().max(60), z.number().int().min(0));

/** A conversation's times over its population: in time, late, not booked, and the hours (rounded) as a histogram. */
export const TijdCountsSchema = z.object({ binnen: z.number().int().min(0), buiten: z.number().int().min(0), geen: z.number().int().min(0), uren: Tally });
export type TijdCounts = z.infer<typeof TijdCountsSchema>;

/**
 * One year's counts before anything is hidden: what the report needs of its rows, small enough to
 * keep beside them (store/report-projection.ts) so an unchanged year is not counted again.
 */
export const YearCountsSchema = z.object({
  year: z.number().int(),
  total: z.number().int().min(0),
  partitions: z.record(z.enum(PARTITIONS), Tally),
  maatregelen: Tally,
  /** plegers with more than one melding in the year */
  herhaald: z.number().int().min(0),
  nazorg: TijdCountsSchema,
  /** over the meldingen the incidentgesprek was decided for */
  gesprek: TijdCountsSchema,
});
export type YearCounts = z.infer<typeof YearCountsSchema>;

const bump = (tally: Record<string, number>, key: string): void => {
  tally[key] = (tally[key] ?? 0) + 1;
};

function tijden(rows: readonly ReportRow[], of: (row: ReportRow) => Tijd | undefined): TijdCounts {
  const out: TijdCounts = { binnen: 0, buiten: 0, geen: 0, uren: {} };
  for (const row of rows) {
    const t = of(row);
    if (t === undefined) out.geen += 1;
    else {
      out[t.binnen ? 'binnen' : 'buiten'] += 1;
      bump(out.uren, String(Math.min(MAX_UREN, Math.round(t.uren))));
    }
  }
  return out;
}

/** The counts of the rows reported in `year` (the others are left out). */
export function yearCounts(all: readonly ReportRow[], year: number): YearCounts {
  const rows = all.filter((r) => r.year === year);
  const partitions = Object.fromEntries(PARTITIONS.map((p) => [p, {}])) as Record<PartitionId, Record<string, number>>;
  const maatregelen: Record<string, number> = {};
  const plegers = new Map<string, number>();
  for (const r of rows) {
    bump(partitions.categorie, r.category);
    bump(partitions.rol, r.role);
    bump(partitions.kanaal, r.kanaal);
    bump(partitions.maand, String(r.month).padStart(2, '0'));
    bump(partitions.meldplicht, r.meldplicht);
    bump(partitions.status, r.open ? 'open' : 'afgesloten');
    bump(partitions.ernst, r.ernst);
    bump(partitions.herhalingsrisico, r.herhalingsrisico);
    for (const m of new Set(r.maatregelen)) bump(maatregelen, m);
    if (r.pleger) plegers.set(r.pleger, (plegers.get(r.pleger) ?? 0) + 1);
  }
  return {
    year,
    total: rows.length,
    partitions,
    maatregelen,
    herhaald: [...plegers.values()].filter((n) => n > 1).length,
    nazorg: tijden(rows, (r) => r.nazorg),
    gesprek: tijden(rows.filter((r) => r.maatregelen.includes('incidentgesprek')), (r) => r.gesprek),
  };
}

/** A year without meldingen. */
export const emptyYear = (year: number): YearCounts => yearCounts([], year);
