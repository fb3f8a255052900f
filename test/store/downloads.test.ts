import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createBotServer } from '../../src/bot/server.js';
import { downloadRoute } from '../../src/pages/download.js';
import {
  DOWNLOAD_TTL_MS,
  DOWNLOADS_TABLE,
  DownloadTooLargeError,
  MAX_DOWNLOAD_BYTES,
  createDownloads,
  type Downloads,
} from '../../src/store/downloads.js';
import { createTableClientFactory, ensureTables, type TableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { silentLogger } from '../support/bot.js';

describe('downloads: a file for one person behind a signed link that expires', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let tables: TableClientFactory;
  let downloads: Downloads;
  const now = new Date('2026-12-02T10:00:00Z');
  const csv = { filename: 'rapport-2026.csv', type: 'csv' as const, body: Buffer.from('categorie;aantal\r\nbedreiging;7\r\n', 'utf8') };

  before(async () => {
    az = await startAzurite();
    tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    await ensureTables(tables);
    downloads = createDownloads(tables, 'a-secret', 'https://weerbaar.example/');
  });
  after(() => az.stop());

  const pathOf = (url: string): string => new URL(url).pathname;

  it('gives back the same bytes through its link until it expires, then says it expired', async () => {
    const offered = await downloads.offer('gemeente-a', 'oid-coordinator', csv, now);
    assert.match(offered.url, /^https:\/\/weerbaar\.example\/download\/gemeente-a\/[0-9a-f-]{36}\/\d+\/[0-9a-f]{64}\/rapport-2026\.csv$/);
    assert.equal(offered.expiresAt.getTime(), now.getTime() + DOWNLOAD_TTL_MS);
    const opened = await downloads.open(pathOf(offered.url), new Date(now.getTime() + DOWNLOAD_TTL_MS - 1));
    assert.equal(opened.status, 'ok');
    assert.ok(opened.status === 'ok' && opened.file.body.equals(csv.body) && opened.file.type === 'csv');
    assert.equal((await downloads.open(pathOf(offered.url), new Date(now.getTime() + DOWNLOAD_TTL_MS))).status, 'expired');
  });

  it('keeps a file of the largest size over several rows, byte for byte, and refuses a larger one', async () => {
    const body = randomBytes(MAX_DOWNLOAD_BYTES);
    const offered = await downloads.offer('gemeente-a', 'oid-melder', { filename: 'mijn-gegevens.json', type: 'json', body }, now);
    const opened = await downloads.open(pathOf(offered.url), now);
    assert.ok(opened.status === 'ok' && opened.file.body.equals(body));
    await assert.rejects(
      downloads.offer('gemeente-a', 'oid-melder', { filename: 'te-groot.json', type: 'json', body: randomBytes(MAX_DOWNLOAD_BYTES + 1) }, now),
      DownloadTooLargeError,
    );
  });

  it('a link with another signature, expiry, file name, organisation or secret opens nothing', async () => {
    const offered = await downloads.offer('gemeente-a', 'oid-coordinator', csv, now);
    const [, , org, id, expires, signature, filename] = pathOf(offered.url).split('/');
    assert.ok(org && id && expires && signature && filename);
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
    const variants = [
      `/download/${org}/${id}/${expires}/${flipped}/${filename}`,
      `/download/${org}/${id}/${Number(expires) + 3_600_000}/${signature}/${filename}`,
      `/download/${org}/${id}/${expires}/${signature}/rapport-2025.csv`,
      `/download/gemeente-b/${id}/${expires}/${signature}/${filename}`,
      `/download/${org}/${id}/${expires}/${signature}`,
      `/download/${org}/../${id}/${expires}/${signature}/${filename}`,
    ];
    for (const path of variants) assert.equal((await downloads.open(path, now)).status, 'not-found', path);
    const otherSecret = createDownloads(tables, 'another-secret', 'https://weerbaar.example');
    assert.equal((await otherSecret.open(pathOf(offered.url), now)).status, 'not-found');
    assert.equal((await downloads.open(pathOf(offered.url), now)).status, 'ok', 'the real link still works');
  });

  it('refuses a file name that a browser or a shell could misread', async () => {
    for (const filename of ['../x.csv', 'a b.csv', 'rapport.exe', 'r"x.csv', 'rapport.csv/']) {
      await assert.rejects(downloads.offer('gemeente-a', 'oid', { ...csv, filename }, now), filename);
    }
  });

  it('the purge deletes expired files with all their rows, and keeps the others', async () => {
    const az2 = await startAzurite();
    try {
      const own = createTableClientFactory({ kind: 'connectionString', connectionString: az2.connectionString });
      await ensureTables(own);
      const d = createDownloads(own, 's', 'http://localhost:3978');
      const old = await d.offer('gemeente-a', 'oid', { ...csv, body: randomBytes(600_000) }, now);
      const fresh = await d.offer('gemeente-a', 'oid', csv, new Date(now.getTime() + DOWNLOAD_TTL_MS));
      assert.equal(await d.purgeExpired(new Date(now.getTime() + DOWNLOAD_TTL_MS)), 1);
      const later = new Date(now.getTime() + DOWNLOAD_TTL_MS + 1);
      assert.equal((await d.open(pathOf(old.url), now)).status, 'not-found');
      assert.equal((await d.open(pathOf(fresh.url), later)).status, 'ok');
      const left: string[] = [];
      for await (const e of own(DOWNLOADS_TABLE).listEntities()) left.push(e.rowKey ?? '');
      const freshId = pathOf(fresh.url).split('/')[3] ?? '';
      assert.deepEqual(left.map((k) => k.split('~')[0]).filter((k) => k !== freshId), [], 'no row of the purged file is left');
    } finally {
      await az2.stop();
    }
  });

  it('over HTTP: the file as an attachment, never cached; an expired or forged link a Dutch page, 410 or 404', async () => {
    let clock = now;
    const server = createBotServer({
      logger: silentLogger,
      authenticate: async () => ({ ok: false, status: 401, reason: 'no-bot-here' }),
      routes: [downloadRoute(downloads, silentLogger, () => clock)],
    });
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
      const offered = await downloads.offer('gemeente-a', 'oid-coordinator', csv, now);
      const ok = await fetch(`${base}${pathOf(offered.url)}`);
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(ok.headers.get('content-disposition'), 'attachment; filename="rapport-2026.csv"');
      assert.equal(ok.headers.get('cache-control'), 'no-store');
      assert.ok(Buffer.from(await ok.arrayBuffer()).equals(csv.body));

      const forged = await fetch(`${base}${pathOf(offered.url).replace(/[0-9a-f]{64}/, '0'.repeat(64))}`);
      assert.equal(forged.status, 404);
      assert.match(await forged.text(), /Dit bestand bestaat niet \(meer\)/);
      clock = offered.expiresAt;
      const expired = await fetch(`${base}${pathOf(offered.url)}`);
      assert.equal(expired.status, 410);
      assert.match(await expired.text(), /Deze link is verlopen/);
      assert.equal((await fetch(`${base}/download/%00`)).status, 404);
    } finally {
      server.server.closeAllConnections();
      server.server.close();
    }
  });
});
