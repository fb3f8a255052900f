import assert from 'node:assert/strict';
import sinon from 'sinon';
import { reportSheet, toCsv, toXlsx } from '../../src/flows/rapport/export.js';
import { DownloadTooLargeError } from '../../src/store/downloads.js';
import { meldingen } from './rapport-fixtures.js';
import { cardText, invoke, message, send, type Who } from '../support/bot.js';
import { dataOf } from '../support/melding.js';
import { type HandlingStack, handlingSuite } from './handling-harness.js';

/** The rows of the first sheet of an XLSX file, as text per cell. */
async function xlsxRows(body: Buffer): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v)));
  });
  return rows;
}

describe('rapport export: the report as XLSX or CSV behind a link that expires', function () {
  this.timeout(40_000);
  const suite = handlingSuite();
  let s: HandlingStack;

  beforeEach(async () => {
    s = await suite.stack();
    const all = [
      ...meldingen(6, '2026-02-03T09:00:00.000Z', { description: 'GEHEIM-INHOUD' }),
      ...meldingen(2, '2026-05-03T09:00:00.000Z', { kanaal: 'e-mail' }),
      ...meldingen(5, '2025-05-03T09:00:00.000Z'),
    ];
    for (const i of all) await s.services.store.incidents.create({ ...i, organisationId: s.services.orgId });
  });

  const reportCard = async (who: Who): Promise<Record<string, unknown> | undefined> => {
    const r = await send(s.adapter, message(who, 'rapport 2026'));
    return r.replies.find((a) => a.attachments?.length)?.attachments?.[0]?.content as Record<string, unknown> | undefined;
  };
  const download = async (who: Who, data: Record<string, unknown>) => {
    const r = await send(s.adapter, invoke(who, 'rapport.export', data));
    const link = r.replies.flatMap((a) => a.attachments ?? []).map((a) => a.content as Record<string, unknown>)[0];
    const url = JSON.stringify(link ?? {}).match(/"url":"([^"]+)"/)?.[1];
    return { r, link, url };
  };
  const open = async (url: string) => {
    const opened = await s.services.downloads.open(new URL(url).pathname, new Date());
    assert.equal(opened.status, 'ok');
    return opened.status === 'ok' ? opened.file : undefined;
  };

  it('gives the coordinator the same cells as the card, "–" where the card hides one, in both formats', async () => {
    const card = await reportCard('coordinator');
    const xlsx = await download('coordinator', dataOf(card, 'rapport.export'));
    assert.ok(xlsx.url, 'a link on a card of its own');
    assert.match(cardText(xlsx.link), /Jaarrapport 2026 als Excel[\s\S]*De link werkt tot/);
    assert.match(cardText(xlsx.r.invokeCard), /Jaarrapport 2026/, 'the report stays on the card it was asked from');
    const file = await open(xlsx.url);
    assert.equal(file?.filename, 'weerbaar-jaarrapport-2026.xlsx');
    const rows = await xlsxRows(file?.body ?? Buffer.alloc(0));
    assert.deepEqual(rows[0], ['Tabel', 'Onderdeel', '2026', '2025']);
    assert.ok(rows.some((r) => r[1] === 'Meldingen in totaal' && r[2] === '8' && r[3] === '5'));
    assert.ok(rows.some((r) => r[1] === 'E-mail' && r[2] === '–'), 'two e-mails: hidden, as on the card');

    const csv = await download('coordinator', { jaar: '2026', formaat: 'csv' });
    const text = (await open(csv.url ?? ''))?.body.toString('utf8') ?? '';
    assert.ok(text.startsWith('\uFEFFTabel;Onderdeel;2026;2025\r\n'), 'a BOM, ; between fields, CRLF');
    assert.match(text, /;Meldingen in totaal;8;5\r\n/);
    assert.match(text, /;E-mail;–;/);
    for (const body of [text, rows.flat().join(' ')]) assert.doesNotMatch(body, /GEHEIM-INHOUD|2026-000\d/, 'counts only');
  });

  it('refuses anyone without a report role, and answers a forged or broken request in Dutch', async () => {
    for (const who of ['raadslid', 'burgemeester'] as const) {
      const { r, url } = await download(who, { jaar: '2026', formaat: 'xlsx' });
      assert.equal(url, undefined, who);
      assert.match(cardText(r.invokeCard), /Het jaarrapport is er voor/);
    }
    for (const data of [{}, { jaar: '2026', formaat: 'exe' }, { jaar: '2999', formaat: 'csv' }, { jaar: '../x', formaat: 'csv' }]) {
      const { r, url } = await download('coordinator', data);
      assert.equal(url, undefined, JSON.stringify(data));
      assert.match(cardText(r.invokeCard), /Dit verzoek om een bestand is niet te lezen/);
    }
  });

  it('says in Dutch when the file is too large to offer, not the generic error', async () => {
    const card = await reportCard('coordinator');
    const offer = sinon.stub(s.services.downloads, 'offer').rejects(new DownloadTooLargeError(3_000_000));
    try {
      const { r, url } = await download('coordinator', dataOf(card, 'rapport.export'));
      assert.equal(url, undefined);
      assert.match(cardText(r.invokeCard), /Het bestand wordt te groot om als download aan te bieden \(meer dan 2 MB\)/);
      assert.equal(offer.callCount, 1);
    } finally {
      offer.restore();
    }
  });

  it('writes a cell that a spreadsheet would read as a formula as text, in both formats', async () => {
    const sheet = reportSheet(2026, 2025, [{ label: '=HYPERLINK("http://x")', nu: '3', vorig: '–' }], [], 'uitleg; met "aanhalingstekens"');
    const csv = toCsv(sheet).toString('utf8');
    assert.match(csv, /;"'=HYPERLINK\(""http:\/\/x""\)";3;–\r\n/);
    assert.match(csv, /"uitleg; met ""aanhalingstekens"""\r\n$/);
    const rows = await xlsxRows(await toXlsx(sheet));
    assert.equal(rows[1]?.[1], '\'=HYPERLINK("http://x")');
  });
});
