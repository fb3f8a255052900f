import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { buildAppPackage, LOCAL_DEFAULTS } from '../../scripts/package-app.js';
import { createBotServer } from '../../src/bot/server.js';
import { loadConfig } from '../../src/config.js';
import { initialize, loadProfile } from '../../src/initialize.js';
import { pageRoutes } from '../../src/pages/index.js';
import { privacyBody, privacyFacts } from '../../src/pages/privacy.js';
import { retentionOf } from '../../src/store/retention.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { silentLogger } from '../support/bot.js';

const Developer = z.looseObject({ developer: z.object({ privacyUrl: z.url(), termsOfUseUrl: z.url() }) });

interface Page {
  status: number;
  contentType: string | null;
  csp: string | null;
  html: string;
}

async function get(url: string): Promise<Page> {
  const res = await fetch(url);
  return { status: res.status, contentType: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), html: await res.text() };
}

/** The page as a reader sees it: tags gone, entities decoded, white space collapsed. */
function visible(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The pages of one configuration, served as the bot serves its routes. */
async function servePages(env: Record<string, string>): Promise<{ url: string; close(): void }> {
  const config = loadConfig(env);
  const { server } = createBotServer({ logger: silentLogger, routes: pageRoutes(config, loadProfile(config)), authenticate: async () => ({ ok: false, status: 401, reason: 'no-bot-here' }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('the privacy statement and the terms of use (the manifest\'s privacyUrl and termsOfUseUrl)', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());

  it('answers both URLs of the packaged manifest with 200 and a Dutch page that names the profile\'s roles', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'weerbaar-pages-'));
    const w = await initialize(loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString, WEERBAAR_ORGANISATION_NAME: 'Gemeente Nijmegen' }), silentLogger);
    try {
      await new Promise<void>((resolve) => w.server.server.listen(0, '127.0.0.1', resolve));
      const bot = `http://127.0.0.1:${(w.server.server.address() as AddressInfo).port}`;
      const built = await buildAppPackage({ envName: 'test', vars: { ...LOCAL_DEFAULTS, BOT_DOMAIN: 'weerbaar.example.nl' }, outDir });
      const { developer } = Developer.parse(built.manifest);
      const onTestServer = (u: string): string => {
        const parsed = new URL(u);
        assert.equal(parsed.host, 'weerbaar.example.nl');
        return `${bot}${parsed.pathname}`;
      };

      const privacy = await get(onTestServer(developer.privacyUrl));
      assert.equal(privacy.status, 200);
      assert.equal(privacy.contentType, 'text/html; charset=utf-8');
      assert.match(privacy.html, /^<!doctype html><html lang="nl">/);
      const p = visible(privacy.html);
      assert.match(p, /Privacyverklaring Weerbaar/);
      assert.match(p, /Gemeente Nijmegen is verantwoordelijk/);
      for (const role of ['raadslid', 'fractievolger', 'griffier', 'plaatsvervangend griffier', 'gemeentesecretaris', 'aangewezen ambtenaar Veiligheid']) {
        assert.ok(p.includes(role), role);
      }
      assert.match(p, /raadslid griffier, plaatsvervangend griffier burgemeester burgemeester, griffier/, 'the row of a raadslid: handlers, informed, nazorg');
      assert.match(p, /Teams-gebruikers-id/);
      assert.match(p, /wist de persoonsgegevens van een melding 5 jaar nadat de melding is afgesloten/);
      assert.match(p, /typt u in uw persoonlijke chat met Weerbaar "mijn gegevens"/);
      assert.match(p, /geef nooit het domicilie-adres op/);
      assert.match(p, /Inzage.*Rectificatie.*Verwijdering.*Bezwaar.*Autoriteit Persoonsgegevens/);

      const terms = await get(onTestServer(developer.termsOfUseUrl));
      assert.equal(terms.status, 200);
      assert.equal(terms.contentType, 'text/html; charset=utf-8');
      const t = visible(terms.html);
      assert.match(t, /Gebruiksvoorwaarden Weerbaar/);
      assert.match(t, /Geen alarmdienst.*Bel direct 112/);
      assert.match(t, /Melden kunnen: raadslid, fractievolger, fractiemedewerker, wethouder, burgemeester/);
      assert.match(t, /Gemeente Nijmegen biedt Weerbaar aan/);
    } finally {
      w.server.server.close();
      await w.stop();
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('is self-contained: no script, no external resource, and the inline style is the one its CSP allows', async () => {
    const pages = await servePages({});
    try {
      for (const path of ['/privacy', '/gebruiksvoorwaarden']) {
        const page = await get(`${pages.url}${path}`);
        assert.doesNotMatch(page.html, /<script|<link|<img|<iframe|\ssrc=|url\(/i, path);
        const style = /<style>([\s\S]*?)<\/style>/.exec(page.html)?.[1] ?? '';
        const hash = createHash('sha256').update(style).digest('base64');
        assert.match(page.csp ?? '', /^default-src 'none'; /);
        assert.ok(page.csp?.includes(`style-src 'sha256-${hash}'`), `${path}: ${page.csp ?? ''}`);
        assert.match(page.csp ?? '', /frame-ancestors 'none'/);
      }
      const health = await fetch(`${pages.url}/healthz`);
      assert.equal(health.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'", 'other routes keep the strict policy');
    } finally {
      pages.close();
    }
  });

  it('changes with the profile: utrecht names its own roles and coordinator, nijmegen does not', async () => {
    const utrecht = await servePages({ WEERBAAR_PROFILE: 'utrecht' });
    const nijmegen = await servePages({ WEERBAAR_PROFILE: 'nijmegen' });
    try {
      const u = visible((await get(`${utrecht.url}/privacy`)).html);
      const n = visible((await get(`${nijmegen.url}/privacy`)).html);
      assert.notEqual(u, n);
      for (const role of ['statengriffier', 'dijkgraaf', 'secretaris-directeur', 'coördinator Veilige Publieke Taak (VPT)']) {
        assert.ok(u.includes(role), `utrecht: ${role}`);
        assert.ok(!n.includes(role), `nijmegen: ${role}`);
      }
      assert.match(u, /Statenlid statengriffier Commissaris van de Koning statengriffier/);
      assert.match(n, /De aangewezen ambtenaar Veiligheid ziet alle meldingen/);
      assert.match(u, /De coördinator Veilige Publieke Taak \(VPT\) ziet een melding pas als de behandelaar om advies of steun vraagt/);
      assert.match(n, /Gebeurde het in een raads- of commissievergadering, dan zien ook de burgemeester en de griffier de hele melding/);
      assert.doesNotMatch(u, /vergadering, dan zien ook/, 'Utrecht\'s handreiking has no such rule');
      assert.match(u, /protocol: Weerbaar Bestuur provincie Utrecht/);
    } finally {
      utrecht.close();
      nijmegen.close();
    }
  });

  it('says where the data is kept: the organisation\'s Azure storage, Outlook through Graph, Application Insights', () => {
    const azure = loadConfig({
      STORAGE_TABLE_URL: 'https://weerbaarst.table.core.windows.net',
      STORAGE_QUEUE_URL: 'https://weerbaarst.queue.core.windows.net',
      CALENDAR_MODE: 'graph',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
      WEERBAAR_ORGANISATION_NAME: 'Gemeente Nijmegen',
    });
    const inAzure = visible(privacyBody(privacyFacts(azure, loadProfile(azure), retentionOf(loadProfile(azure)))));
    assert.match(inAzure, /Azure Table Storage en Azure Queue Storage, in het eigen Azure-opslagaccount van Gemeente Nijmegen/);
    assert.match(inAzure, /Outlook-agenda's .* via Microsoft Graph/);
    assert.match(inAzure, /Application Insights van Gemeente Nijmegen/);
    assert.doesNotMatch(inAzure, /Azurite/);

    const local = loadConfig({});
    const locally = visible(privacyBody(privacyFacts(local, loadProfile(local), retentionOf(loadProfile(local)))));
    assert.match(locally, /In Azurite, de lokale opslag/);
    assert.match(locally, /agenda-overzicht \(\.ics\)/);
    assert.doesNotMatch(locally, /Application Insights|Microsoft Graph/);
  });

  it('names the privacy contact when configured (an e-mail address as a mail link), else the coordinator', () => {
    const page = (env: Record<string, string>): string => {
      const config = loadConfig(env);
      return privacyBody(privacyFacts(config, loadProfile(config), retentionOf(loadProfile(config))));
    };
    assert.match(page({ WEERBAAR_PRIVACY_CONTACT: 'fg@nijmegen.nl' }), /Stuur uw vraag of verzoek aan: <a href="mailto:fg@nijmegen.nl">fg@nijmegen.nl<\/a>/);
    assert.match(visible(page({ WEERBAAR_PRIVACY_CONTACT: 'Privacyloket, Korte Nieuwstraat 6' })), /Stuur uw vraag of verzoek aan: Privacyloket, Korte Nieuwstraat 6/);
    const without = visible(page({}));
    assert.match(without, /Stel uw vraag of verzoek aan de aangewezen ambtenaar Veiligheid van Gemeente Lokaal/);
    assert.doesNotMatch(without, /mailto:/);
  });

  it('tells the retention from the one retention value, and escapes what the configuration puts on the page', () => {
    const config = loadConfig({ WEERBAAR_ORGANISATION_NAME: '<b>Gemeente & Co</b>', WEERBAAR_PRIVACY_CONTACT: '<script>x</script>' });
    const profile = loadProfile(config);
    const standard = visible(privacyBody(privacyFacts(config, profile, retentionOf(profile))));
    assert.match(standard, /wist de persoonsgegevens van een melding 5 jaar nadat de melding is afgesloten/);
    assert.match(standard, /noemen geen bewaartermijn\. 5 jaar is de standaardtermijn van Weerbaar/);
    const own = visible(privacyBody(privacyFacts(config, profile, retentionOf({ ...profile, bewaartermijnJaren: 2 }))));
    assert.match(own, /2 jaar nadat de melding is afgesloten/);
    assert.match(own, /heeft deze termijn vastgesteld/);
    assert.doesNotMatch(own, /standaardtermijn/);
    const facts = privacyFacts(config, profile, retentionOf(profile));
    const html = privacyBody(facts);
    assert.doesNotMatch(html, /<b>|<script>/);
    assert.match(html, /&lt;b&gt;Gemeente &amp; Co&lt;\/b&gt;/);
  });

  it('says which organisations share the pleger signal, only when two or more of the deployment do', () => {
    const config = loadConfig({});
    const profile = loadProfile(config);
    const page = (delen: string[]) => visible(privacyBody(privacyFacts(config, profile, retentionOf(profile), delen)));
    assert.match(page(['Gemeente Zeist', 'Provincie Utrecht']), /In deze omgeving delen Gemeente Zeist, Provincie Utrecht het signaal over plegers met elkaar\./);
    for (const delen of [[], ['Gemeente Zeist']]) assert.doesNotMatch(page(delen), /het signaal over plegers/);
  });
});
