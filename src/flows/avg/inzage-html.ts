import { formatDutch, formatDutchDate } from '../../domain/format.js';
import { escapeHtml } from '../../shared/html.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { Inzage, InzageMelding } from './inzage.js';

const t = nl.avg.inzage.document;
const v = t.velden;

/** Everything in the document is text the melder or the bot wrote: escaped, never markup. */
const esc = escapeHtml;

const yes = (b: boolean): string => (b ? t.ja : t.nee);
const row = (label: string, value: string): string => `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`;
const list = (items: string[]): string => (items.length === 0 ? esc(t.geen) : `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`);
const rowHtml = (label: string, html: string): string => `<tr><th scope="row">${esc(label)}</th><td>${html}</td></tr>`;

function plegerText(m: InzageMelding): string {
  const p = m.pleger;
  const parts = [p.naam, p.omschrijving, p.organisatie, p.contact, p.voertuig].filter((x): x is string => !!x?.trim());
  return [p.bekend ? t.ja : t.nee, ...parts].join(' · ');
}

function gevolgen(m: InzageMelding): string[] {
  const g = m.gevolgen;
  const k = nl.afhandeling.kaart;
  if (!g) return [];
  return [
    k.gevolgen + fmt(k.gevolgenRegel, { letsel: yes(g.letsel), ziekenhuis: yes(g.ziekenhuis), steun: yes(g.steunNodig) }),
    k.toestemming + fmt(k.toestemmingRegel, { aangifte: yes(g.toestemmingAangifte), informeren: yes(g.toestemmingInformeren) }),
  ];
}

function melding(m: InzageMelding): string {
  const o = m.online;
  const rows = [
    row(v.status, m.status),
    row(v.gemeldOp, formatDutch(m.gemeldOp)),
    row(v.gebeurdOp, formatDutch(m.gebeurdOp)),
    row(v.namens, yes(m.namens)),
    row(v.rol, m.rol),
    row(v.kanaal, m.kanaal),
    row(v.locatie, m.locatie),
    row(v.omschrijving, m.omschrijving),
    row(v.categorie, `${m.categorie} (${m.meldplicht})`),
    row(v.pleger, plegerText(m)),
    ...(o ? [row(v.online, [o.platform, o.account, o.url].filter((x) => !!x).join(' · '))] : []),
    rowHtml(v.bijlagen, list(m.bijlagen)),
    rowHtml(v.gevolgen, list(gevolgen(m))),
    rowHtml(v.maatregelen, m.maatregelen ? list([...m.maatregelen.soorten, ...(m.maatregelen.einddatum ? [formatDutchDate(m.maatregelen.einddatum)] : [])]) : esc(t.geen)),
    rowHtml(v.taken, list(m.taken.map((x) => `${x.taak}: ${x.status} (${formatDutch(x.op)})`))),
    ...(m.afgeslotenOp ? [row(v.afgesloten, formatDutch(m.afgeslotenOp))] : []),
    ...(m.geevalueerdOp ? [row(v.evaluatie, formatDutch(m.geevalueerdOp))] : []),
    rowHtml(v.afspraken, list(m.afspraken.map((a) => `${a.gesprek}: ${formatDutch(a.begin)} (${a.status})`))),
    rowHtml(v.logboek, list(m.logboek.map((l) => `${formatDutch(l.wanneer)}: ${l.wie}, ${l.wat} (${l.uitkomst})`))),
  ];
  return `<h2>${esc(fmt(t.melding, { nummer: m.nummer }))}</h2><table>${rows.join('')}</table>`;
}

/** The readable Dutch document of a melder's inzage: the same content as the JSON file. */
export function inzageHtml(inzage: Inzage): string {
  const body = [
    `<h1>${esc(t.titel)}</h1>`,
    `<p>${esc(fmt(t.gemaakt, { datum: formatDutch(inzage.gemaakt), naam: inzage.naam }))}</p>`,
    ...(inzage.meldingen.length === 0 ? [`<p>${esc(t.geenMeldingen)}</p>`] : inzage.meldingen.map(melding)),
    `<h2>${esc(t.concept)}</h2>`,
    inzage.concept === null ? `<p>${esc(t.geenConcept)}</p>` : `<pre>${esc(JSON.stringify(inzage.concept, null, 2))}</pre>`,
    `<p>${esc(inzage.nietOpgenomen)}</p>`,
  ].join('');
  const style = 'body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}th{text-align:left;vertical-align:top;padding-right:1rem}td,th{border-bottom:1px solid #ddd;padding:.3rem}pre{white-space:pre-wrap}';
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${esc(t.titel)}</title><style>${style}</style></head><body>${body}</body></html>`;
}
