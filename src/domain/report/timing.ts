import type { ReportRow, Tijd } from './row.js';
import { suppressPartition, type ShownCell } from './suppress.js';

export const TIJD_KEYS = ['binnen', 'buiten', 'geen'] as const;
export type TijdKey = (typeof TIJD_KEYS)[number];

/** One conversation's timeliness in a year: how many in time, late, or not (yet) booked, the share in time and the median. */
export interface TimingFigures {
  /** binnen / buiten / geen, a table that splits its population like the others */
  cells: ShownCell[];
  /** the share booked inside the deadline, in whole percents; only when both counts it is made of are shown */
  binnenProcent: number | undefined;
  /** the median hours from the incident, rounded; only over at least `threshold` conversations */
  medianUren: number | undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The times of one conversation over its population: the first nazorg over every melding of the
 * year, the incidentgesprek over the meldingen it was decided for (so its total is the maatregel's
 * count, and hides with it). A share is only given when both its counts are shown: a share beside
 * a shown count would give the hidden one away.
 */
export function timingFigures(population: readonly ReportRow[], of: (row: ReportRow) => Tijd | undefined, threshold: number): TimingFigures {
  const times = population.map(of);
  const booked = times.filter((t): t is Tijd => t !== undefined);
  const binnen = booked.filter((t) => t.binnen).length;
  const counts: Record<TijdKey, number> = { binnen, buiten: booked.length - binnen, geen: population.length - booked.length };
  const cells = suppressPartition(TIJD_KEYS.map((key) => ({ key, value: counts[key] })), threshold).cells;
  const shown = (key: TijdKey): number | undefined => cells.find((c) => c.key === key)?.value;
  const inTime = shown('binnen');
  const late = shown('buiten');
  const share = inTime !== undefined && late !== undefined && inTime + late > 0 ? Math.round((100 * inTime) / (inTime + late)) : undefined;
  return {
    cells,
    binnenProcent: share,
    medianUren: booked.length >= threshold ? Math.round(median(booked.map((t) => t.uren))) : undefined,
  };
}
