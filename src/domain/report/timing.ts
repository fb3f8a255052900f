import type { TijdCounts } from './counts.js';
import { suppressPartition, type ShownCell } from './suppress.js';

export const TIJD_KEYS = ['binnen', 'buiten', 'geen'] as const;
export type TijdKey = (typeof TIJD_KEYS)[number];

/** One conversation's timeliness in a year: how many in time, late, or not (yet) booked, the share in time and the median. */
export interface TimingFigures {
  /** binnen / buiten / geen, a table that splits its population like the others */
  cells: ShownCell[];
  /** the share booked inside the deadline, in whole percents; only when both counts it is made of are shown */
  binnenProcent: number | undefined;
  /** the median of the hours from the incident (whole hours); only over at least `threshold` conversations */
  medianUren: number | undefined;
}

/** The median of a histogram of whole hours (the mean of the middle two for an even count). */
function median(uren: Record<string, number>, n: number): number {
  const sorted = Object.entries(uren).map(([h, c]) => [Number(h), c] as const).sort((a, b) => a[0] - b[0]);
  const nth = (k: number): number => {
    let seen = 0;
    for (const [h, c] of sorted) {
      seen += c;
      if (seen > k) return h;
    }
    return 0;
  };
  return n % 2 === 1 ? nth((n - 1) / 2) : Math.round((nth(n / 2 - 1) + nth(n / 2)) / 2);
}

/**
 * The times of one conversation over its population: the first nazorg over every melding of the
 * year, the incidentgesprek over the meldingen it was decided for (so its total is the maatregel's
 * count, and hides with it). A share is only given when both its counts are shown: a share beside
 * a shown count would give the hidden one away.
 */
export function timingFigures(counts: TijdCounts, threshold: number): TimingFigures {
  const cells = suppressPartition(TIJD_KEYS.map((key) => ({ key, value: counts[key] })), threshold).cells;
  const shown = (key: TijdKey): number | undefined => cells.find((c) => c.key === key)?.value;
  const inTime = shown('binnen');
  const late = shown('buiten');
  const booked = counts.binnen + counts.buiten;
  return {
    cells,
    binnenProcent: inTime !== undefined && late !== undefined && inTime + late > 0 ? Math.round((100 * inTime) / (inTime + late)) : undefined,
    medianUren: booked >= threshold ? median(counts.uren, booked) : undefined,
  };
}
