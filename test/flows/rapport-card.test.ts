import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getProfile } from '../../src/domain/profiles/index.js';
import type { ReportRow } from '../../src/domain/report/row.js';
import { yearFigures } from '../../src/domain/report/yearly.js';
import { rapportCard } from '../../src/flows/rapport/card.js';
import { nl } from '../../src/shared/i18n/nl.js';

/** The chart elements' shapes, as Microsoft documents them (the fixture names its page and commit). */
const DOCS = JSON.parse(readFileSync(new URL('../fixtures/adaptive-card-charts.json', import.meta.url), 'utf8')) as {
  source: { page: string };
  charts: Record<string, { data: 'points' | 'series' | 'slices' }>;
};

type Node = Record<string, unknown>;

function charts(card: unknown): Node[] {
  const found: Node[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Node;
      if (typeof o['type'] === 'string' && o['type'].startsWith('Chart.')) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const row = (changes: Partial<ReportRow>): ReportRow => ({
  year: 2026, month: 3, category: 'verbale-agressie', role: 'raadslid', kanaal: 'persoonlijk', meldplicht: 'verplicht', open: true,
  maatregelen: [], pleger: undefined, ernst: 'geen', herhalingsrisico: 'geen', nazorg: undefined, gesprek: undefined, ...changes,
});
const times = (n: number, changes: Partial<ReportRow>): ReportRow[] => Array.from({ length: n }, () => row(changes));

describe('rapport: the charts in the card', () => {
  const profile = getProfile('nijmegen');
  const rows = [
    ...times(12, { kanaal: 'persoonlijk', month: 2 }),
    ...times(9, { kanaal: 'telefoon', month: 3, role: 'wethouder', category: 'bedreiging-intimidatie' }),
    // two e-mails from one burgemeester: hidden, and so never a bar or a slice
    ...times(2, { kanaal: 'e-mail', month: 4, role: 'burgemeester', category: 'fysiek-geweld' }),
    ...times(6, { kanaal: 'persoonlijk', month: 2, year: 2025 }),
  ];
  const now = yearFigures(rows, 2026, profile.roles, 5);
  const card = rapportCard(profile, now, yearFigures(rows, 2025, profile.roles, 5), 5);

  it(`uses only the chart elements and data shapes Microsoft documents (${DOCS.source.page}), each dropped where unknown`, () => {
    const found = charts(card);
    assert.deepEqual(found.map((c) => c['type']).sort(), ['Chart.Donut', 'Chart.HorizontalBar', 'Chart.Line', 'Chart.Pie', 'Chart.VerticalBar']);
    for (const chart of found) {
      const shape = DOCS.charts[String(chart['type'])];
      assert.ok(shape, String(chart['type']));
      assert.equal(chart['fallback'], 'drop');
      const data = chart['data'] as Node[];
      assert.ok(Array.isArray(data) && data.length > 0);
      for (const d of data) {
        if (shape.data === 'points') assert.ok(typeof d['x'] === 'string' && typeof d['y'] === 'number', JSON.stringify(d));
        if (shape.data === 'slices') assert.ok(typeof d['legend'] === 'string' && typeof d['value'] === 'number' && d['value'] > 0, JSON.stringify(d));
        if (shape.data === 'series') {
          assert.equal(typeof d['legend'], 'string');
          for (const p of d['values'] as Node[]) assert.ok(typeof p['x'] === 'number' && typeof p['y'] === 'number', JSON.stringify(p));
        }
      }
    }
  });

  it('draws no hidden cell, and says in the title how many were left out', () => {
    const text = JSON.stringify(charts(card));
    assert.doesNotMatch(text, new RegExp(nl.melding.wanneer.kanalen['e-mail']), 'the two e-mails are no bar');
    assert.doesNotMatch(text, /Fysiek geweld/, 'nor a category bar');
    const line = charts(card).find((c) => c['type'] === 'Chart.Line')?.['data'] as Node[];
    const thisYear = line.find((l) => l['legend'] === '2026')?.['values'] as Node[];
    assert.ok(!thisYear.some((p) => p['x'] === 4), 'nor April a point of this year\'s line');
    assert.ok(thisYear.some((p) => p['x'] === 2 && p['y'] === 12));
    const kanaal = charts(card).find((c) => c['type'] === 'Chart.VerticalBar');
    const hidden = now.partitions.kanaal.filter((c) => c.value === undefined).length;
    assert.ok(hidden >= 1);
    assert.match(String(kanaal?.['title']), new RegExp(`zonder ${hidden} verborgen`));
    assert.equal((kanaal?.['data'] as Node[]).length, now.partitions.kanaal.length - hidden);
  });
});
