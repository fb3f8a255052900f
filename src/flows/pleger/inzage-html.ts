import { formatDutchDate } from '../../domain/format.js';
import { briefDatum } from '../../domain/pleger-brief.js';
import type { Inzage, InzageMelding } from '../../domain/pleger-inzage.js';
import { escapeHtml } from '../../shared/html.js';
import { fmt, nl } from '../../shared/i18n/nl.js';

const t = nl.pleger.inzage;

const esc = escapeHtml;

const h2 = (s: string): string => `<h2>${esc(s)}</h2>`;
const p = (s: string): string => `<p>${esc(s).replace(/\r?\n/g, '<br>')}</p>`;
const row = (th: string, td: string): string => `<tr><th scope="row">${esc(th)}</th><td>${esc(td).replace(/\r?\n/g, '<br>')}</td></tr>`;

function melding(m: InzageMelding): string {
  const overU = Object.values(m.overU).join(' · ');
  const rows = [
    row(t.datum, formatDutchDate(m.datum)),
    row(t.soort, m.soort),
    row(t.kanaal, m.kanaal),
    row(t.status, m.status),
    row(t.overU, overU || t.geen),
    ...(m.online ? [row(t.online, Object.values(m.online).join(' · '))] : []),
    row(t.maatregelen, m.maatregelen.length > 0 ? m.maatregelen.join(', ') : t.geen),
    ...(m.periode ? [row(t.periode, `${m.periode.van ? briefDatum(m.periode.van) : ''} – ${briefDatum(m.periode.tot)}`)] : []),
    ...(m.maatregelen.length > 0 ? [row(t.gehoord, m.gehoord ? fmt(t.ja, { date: briefDatum(m.gehoord) }) : t.nee)] : []),
    ...(m.brief
      ? [row(t.feiten, m.brief.feiten), row(t.gronden, m.brief.gronden), ...(m.brief.zienswijze ? [row(t.zienswijze, m.brief.zienswijze)] : [])]
      : []),
  ];
  return `${h2(fmt(t.meldingKop, { nummer: m.nummer }))}<table>${rows.join('')}</table>`;
}

/**
 * The inzage as a page the coordinator checks and hands to the pleger: self-contained (no
 * scripts, no external resources), every value escaped.
 */
export function inzageHtml(inzage: Inzage): string {
  const title = t.titel;
  const body = [
    `<h1>${esc(title)}</h1>`,
    p(fmt(t.intro, { organisatie: inzage.organisatie, naam: inzage.naam, date: briefDatum(inzage.gemaakt) })),
    h2(t.waaromKop),
    p(t.waarom),
    ...inzage.meldingen.map(melding),
    h2(t.weggelatenKop),
    p(t.weggelaten),
    h2(t.ontvangersKop),
    p(t.ontvangers),
    h2(t.rechtenKop),
    p(t.rechten),
  ].join('\n');
  return `<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    '<style>body{font-family:Arial,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;line-height:1.5}th,td{border:1px solid #767676;padding:.4rem;text-align:left;vertical-align:top}table{border-collapse:collapse;width:100%}</style>' +
    `</head><body>\n${body}\n</body></html>\n`;
}
