import { renderCard } from '../../cards/render.js';
import type { PartitionId, YearFigures } from '../../domain/report/yearly.js';
import { PARTITIONS } from '../../domain/report/yearly.js';
import type { ShownCell } from '../../domain/report/suppress.js';
import type { Profile } from '../../domain/profiles/schema.js';
import { roleLabel } from '../../domain/route.js';
import { RoleSchema } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { CardJson } from '../types.js';

const r = nl.rapport;

function label(profile: Profile, table: PartitionId | 'maatregelen', key: string): string {
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
function rows(profile: Profile, table: PartitionId | 'maatregelen', now: readonly ShownCell[], before: readonly ShownCell[]) {
  const previous = new Map(before.map((c) => [c.key, c.value]));
  return now.map((c) => ({ label: label(profile, table, c.key), nu: shown(c.value), vorig: shown(previous.get(c.key)) }));
}

/** The report card: the total, each table with both years, the maatregelen and the repeat plegers, and what "–" means. */
export function rapportCard(profile: Profile, now: YearFigures, before: YearFigures, threshold: number): CardJson {
  const tables = [
    ...PARTITIONS.map((id) => ({ title: r.tabel[id], rows: rows(profile, id, now.partitions[id], before.partitions[id]) })),
    { title: r.tabel.maatregelen, rows: rows(profile, 'maatregelen', now.maatregelen, before.maatregelen) },
  ];
  return renderCard('rapport', {
    title: fmt(r.title, { jaar: now.year }),
    toelichting: fmt(r.toelichting, { jaar: now.year, vorig: before.year }),
    jaar: String(now.year),
    vorig: String(before.year),
    totaal: [{ label: r.totaal, nu: shown(now.total), vorig: shown(before.total) }, { label: r.herhaaldePlegers, nu: shown(now.herhaaldePlegers), vorig: shown(before.herhaaldePlegers) }],
    tables,
    uitleg: fmt(r.verborgenUitleg, { drempel: threshold }),
  });
}
