import { formatDutch } from '../../domain/format.js';
import { ERNST, HERHALINGSRISICO, TREND, type Incident } from '../../domain/incident-schema.js';
import { emptyYear, type YearCounts } from '../../domain/report/counts.js';
import { figuresOf, reportThreshold } from '../../domain/report/yearly.js';
import { toAmsterdam } from '../../domain/calendar.js';
import { literal } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { loadYearCounts } from '../rapport/rows.js';
import type { Services } from '../services.js';

const e = nl.evaluatie;

/**
 * The year counts behind the trend question, kept a few minutes per organisation: every render of
 * a closed melding's card (each update job, each click) shows them, and a year that changed is
 * counted again from its rows, thousands for a province. Yearly figures a few minutes old change
 * no answer to "does this happen more often".
 */
const TREND_TTL_MS = 5 * 60_000;
const trendCache = new Map<string, { until: number; counts: Promise<YearCounts[]> }>();

function trendCounts(services: Services, year: number, now: Date): Promise<YearCounts[]> {
  const key = `${services.orgId}:${year}`;
  const hit = trendCache.get(key);
  if (hit && hit.until > now.getTime()) return hit.counts;
  if (trendCache.size >= 100) trendCache.clear();
  const counts = loadYearCounts(services, [year, year - 1]);
  trendCache.set(key, { until: now.getTime() + TREND_TTL_MS, counts });
  // a failed read is not kept: the next render tries again
  counts.catch(() => trendCache.delete(key));
  return counts;
}

/**
 * The figures beside the trend question: meldingen of this category this year and the year
 * before, small counts hidden, from the report's projection (two years of compact rows).
 */
export async function trendCijfers(services: Services, incident: Incident, now: Date): Promise<string> {
  const threshold = reportThreshold(services.profile);
  const year = toAmsterdam(now).year;
  const counts = await trendCounts(services, year, now);
  const of = (i: number, y: number): string => {
    const figures = figuresOf(counts[i] ?? emptyYear(y), services.profile.roles, threshold, services.profile.reportingRule);
    const cell = figures.partitions.categorie.find((c) => c.key === incident.chosenCategory);
    return cell?.value === undefined ? nl.rapport.verborgen : String(cell.value);
  };
  return fmt(e.trendCijfers, { nu: of(0, year), jaar: year, vorig: of(1, year - 1), vorigJaar: year - 1, drempel: threshold });
}

/** The evaluation part of a closed melding's card: the form, to who may evaluate, until it is evaluated; then the answers. */
export function evaluatieCardData(incident: Incident, trend: string | undefined, evaluator: boolean): Record<string, unknown> {
  const done = incident.evaluatie;
  const choices = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ title: labels[k], value: k }));
  return {
    evaluatieForm: evaluator && incident.state === 'afgesloten' && !done,
    evaluatieTrend: trend ?? '',
    ernstKeuzes: choices(ERNST, e.ernstKeuze),
    risicoKeuzes: choices(HERHALINGSRISICO, e.risicoKeuze),
    trendKeuzes: choices(TREND, e.trendKeuze),
    evaluatie: done
      ? [
          fmt(e.regel, { vraag: e.ernst, antwoord: e.ernstKeuze[done.ernst] }),
          fmt(e.regel, { vraag: e.risico, antwoord: e.risicoKeuze[done.herhalingsrisico] }),
          fmt(e.regel, { vraag: e.trend, antwoord: e.trendKeuze[done.trend] }),
          ...(done.oorzaak ? [fmt(e.regel, { vraag: e.oorzaak, antwoord: literal(done.oorzaak) })] : []),
          ...(done.verbeteringen ? [fmt(e.regel, { vraag: e.verbeteringen, antwoord: literal(done.verbeteringen) })] : []),
          fmt(e.door, { name: literal(done.by.name ?? ''), date: formatDutch(done.at) }),
        ].map((text) => ({ text }))
      : [],
  };
}
