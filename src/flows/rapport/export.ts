import { fmt, nl } from '../../shared/i18n/nl.js';
import type { ReportTable } from './card.js';

const e = nl.rapport.export;

export type ExportFormat = 'xlsx' | 'csv';

/** The report as rows of one sheet: table, part, this year, last year; a hidden cell stays "–". */
export interface ReportSheet {
  jaar: number;
  vorig: number;
  rows: { tabel: string; onderdeel: string; nu: string; vorig: string }[];
  uitleg: string;
}

export function reportSheet(jaar: number, vorig: number, totaal: ReportTable['rows'], tables: readonly ReportTable[], uitleg: string): ReportSheet {
  const rows = [
    ...totaal.map((r) => ({ tabel: nl.rapport.totaal, onderdeel: r.label, nu: r.nu, vorig: r.vorig })),
    ...tables.flatMap((t) => t.rows.map((r) => ({ tabel: t.title, onderdeel: r.label, nu: r.nu, vorig: r.vorig }))),
  ];
  return { jaar, vorig, rows, uitleg };
}

/**
 * A cell a spreadsheet could read as a formula is written as text (OWASP's CSV injection): the
 * labels are the bot's own, but a role label comes from the profile, which a deployment sets.
 */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  const text = safeText(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV as Dutch Excel opens it by double-click: `;` between fields (the comma is the decimal
 * separator here), CRLF, and a UTF-8 byte order mark so "ë" and "–" survive.
 */
export function toCsv(sheet: ReportSheet): Buffer {
  const header = [e.kolomTabel, e.kolomOnderdeel, String(sheet.jaar), String(sheet.vorig)];
  const lines = [header, ...sheet.rows.map((r) => [r.tabel, r.onderdeel, r.nu, r.vorig])].map((fields) => fields.map(csvField).join(';'));
  return Buffer.from(`\uFEFF${[...lines, '', csvField(sheet.uitleg)].join('\r\n')}\r\n`, 'utf8');
}

/** A count as a number cell, so the spreadsheet can add it up; "–" and "40%" stay text. */
function cellValue(value: string): string | number {
  return /^\d+$/.test(value) ? Number(value) : safeText(value);
}

/** XLSX through exceljs, loaded only when someone asks for a file. */
export async function toXlsx(sheet: ReportSheet): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Weerbaar';
  const ws = book.addWorksheet(fmt(e.bladRapport, { jaar: sheet.jaar }));
  ws.columns = [
    { header: e.kolomTabel, width: 48 },
    { header: e.kolomOnderdeel, width: 44 },
    { header: String(sheet.jaar), width: 10 },
    { header: String(sheet.vorig), width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of sheet.rows) ws.addRow([safeText(r.tabel), safeText(r.onderdeel), cellValue(r.nu), cellValue(r.vorig)]);
  const notes = book.addWorksheet(e.bladToelichting);
  notes.getColumn(1).width = 100;
  notes.addRow([safeText(sheet.uitleg)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
