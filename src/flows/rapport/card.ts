import { renderCard } from '../../cards/render.js';
import type { PartitionId, YearFigures } from '../../domain/report/yearly.js';
import { PARTITIONS } from '../../domain/report/yearly.js';
import type { ShownCell } from '../../domain/report/suppress.js';
import type { TimingFigures } from '../../domain/report/timing.js';
import type { Profile } from '../../domain/profiles/schema.js';
import { roleLabel } from '../../domain/route.js';
import { RoleSchema } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { CardJson } from '../types.js';

const r = nl.rapport;

type TableId = PartitionId | 'maatregelen';

function label(profile: Profile, table: TableId, key: string): string {
  const of = (map: Record<string, string>): string => map[key] ?? key;
  switch (table) {
    case 'categorie':
      return of(nl.category.label);
    case 'rol':
      return RoleSchema.safeParse(key).success ? roleLabel(profile, RoleSchema.parse(key)) : key;
    case 'kanaal':
      return of(nl.melding.wanneer.kanalen);
    case 'maand':
      return nl.months[Number(key) - 1] ?? key;
    case 'meldplicht':
      return of(nl.meldplicht);
    case 'status':
      return of(r.status);
    case 'ernst':
      return key === 'geen' ? r.nietGeevalueerd : of(nl.evaluatie.ernstKeuze);
    case 'herhalingsrisico':
      return key === 'geen' ? r.nietGeevalueerd : of(nl.evaluatie.risicoKeuze);
    case 'maatregelen':
      return of(nl.maatregel);
  }
}

const shown = (value: number | undefined): string => (value === undefined ? r.verborgen : String(value));

/** A table of this year beside the year before: one row per key, in the order the domain gives. */
function rows(profile: Profile, table: TableId, now: readonly ShownCell[], before: readonly ShownCell[]) {
  const previous = new Map(before.map((c) => [c.key, c.value]));
  return now.map((c) => ({ label: label(profile, table, c.key), nu: shown(c.value), vorig: shown(previous.get(c.key)) }));
}

/** A conversation's timeliness, both years: the counts, the share in time and the median hours. */
function timingRows(now: TimingFigures, before: TimingFigures) {
  const cell = (f: TimingFigures, key: string): number | undefined => f.cells.find((c) => c.key === key)?.value;
  const pct = (value: number | undefined): string => (value === undefined ? r.verborgen : fmt(r.termijnen.procent, { procent: value }));
  return [
    ...(['binnen', 'buiten', 'geen'] as const).map((key) => ({ label: r.termijnen[key], nu: shown(cell(now, key)), vorig: shown(cell(before, key)) })),
    { label: r.termijnen.aandeel, nu: pct(now.binnenProcent), vorig: pct(before.binnenProcent) },
    { label: r.termijnen.mediaan, nu: shown(now.medianUren), vorig: shown(before.medianUren) },
  ];
}

/**
 * The shown cells of a table as chart points: a hidden cell is never drawn (nor a zero in a pie),
 * and the title says how many were left out, so a missing bar is not read as none.
 */
function points(profile: Profile, table: TableId, cells: readonly ShownCell[], options: { zeros: boolean }) {
  const drawn = cells.filter((c): c is { key: string; value: number } => c.value !== undefined && (options.zeros || c.value > 0));
  const hidden = cells.filter((c) => c.value === undefined).length;
  return { hidden, data: drawn.map((c) => ({ label: label(profile, table, c.key), value: c.value })) };
}

function chartTitle(title: string, hidden: number): string {
  return hidden === 0 ? title : fmt(r.grafiek.zonder, { titel: title, aantal: hidden });
}

/** A bar chart's data ({x, y}), empty when nothing can be drawn (the template then leaves the chart out). */
function bars(profile: Profile, table: TableId, cells: readonly ShownCell[], title: string) {
  const p = points(profile, table, cells, { zeros: true });
  return { title: chartTitle(title, p.hidden), data: p.data.some((d) => d.value > 0) ? p.data.map((d) => ({ x: d.label, y: d.value })) : [] };
}

/** A pie's data ({legend, value}), only the shown counts above zero. */
function slices(profile: Profile, table: TableId, cells: readonly ShownCell[], title: string) {
  const p = points(profile, table, cells, { zeros: false });
  return { title: chartTitle(title, p.hidden), data: p.data.map((d) => ({ legend: d.label, value: d.value })) };
}

/** Meldingen per month, one line per year (x the month number); a hidden month is no point of its line. */
function monthLines(now: YearFigures, before: YearFigures) {
  const line = (f: YearFigures) => ({
    legend: String(f.year),
    values: f.partitions.maand.flatMap((c) => (c.value === undefined ? [] : [{ x: Number(c.key), y: c.value }])),
  });
  const hidden = [now, before].reduce((n, f) => n + f.partitions.maand.filter((c) => c.value === undefined).length, 0);
  const lines = [line(now), line(before)].filter((l) => l.values.length > 0);
  return { title: chartTitle(r.grafiek.maand, hidden), data: lines.some((l) => l.values.some((v) => v.y > 0)) ? lines : [] };
}

export interface ReportTable {
  title: string;
  rows: { label: string; nu: string; vorig: string }[];
}

/** The totals and every table of the report, both years, as shown: the card and the exports read the same cells. */
export function reportTables(profile: Profile, now: YearFigures, before: YearFigures): { totaal: ReportTable['rows']; tables: ReportTable[] } {
  return {
    totaal: [{ label: r.totaal, nu: shown(now.total), vorig: shown(before.total) }, { label: r.herhaaldePlegers, nu: shown(now.herhaaldePlegers), vorig: shown(before.herhaaldePlegers) }],
    tables: [
      ...PARTITIONS.map((id) => ({ title: r.tabel[id], rows: rows(profile, id, now.partitions[id], before.partitions[id]) })),
      { title: r.tabel.maatregelen, rows: rows(profile, 'maatregelen', now.maatregelen, before.maatregelen) },
      { title: r.termijnen.nazorg, rows: timingRows(now.termijnen.nazorg, before.termijnen.nazorg) },
      { title: r.termijnen.gesprek, rows: timingRows(now.termijnen.gesprek, before.termijnen.gesprek) },
    ],
  };
}

/** The report card: charts of this year, the total, each table with both years, the conversations' times, and what "–" means. */
export function rapportCard(profile: Profile, now: YearFigures, before: YearFigures, threshold: number): CardJson {
  const jaar = { jaar: now.year };
  const { totaal, tables } = reportTables(profile, now, before);
  return renderCard('rapport', {
    title: fmt(r.title, jaar),
    toelichting: fmt(r.toelichting, { jaar: now.year, vorig: before.year }),
    jaar: String(now.year),
    vorig: String(before.year),
    grafiek: {
      categorie: bars(profile, 'categorie', now.partitions.categorie, fmt(r.grafiek.categorie, jaar)),
      maand: monthLines(now, before),
      kanaal: bars(profile, 'kanaal', now.partitions.kanaal, fmt(r.grafiek.kanaal, jaar)),
      status: slices(profile, 'status', now.partitions.status, fmt(r.grafiek.status, jaar)),
      rol: slices(profile, 'rol', now.partitions.rol, fmt(r.grafiek.rol, jaar)),
    },
    totaal,
    tables,
    uitleg: fmt(r.verborgenUitleg, { drempel: threshold }),
  });
}
