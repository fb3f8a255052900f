import assert from 'node:assert/strict';
import { AgendaConfigError, DEFAULT_SAFE_LOCATION, loadAgendaConfig } from '../../src/agenda/config.js';
import { feedToken, feedUrl } from '../../src/agenda/feed.js';
import { storedSecret } from '../../src/store/settings.js';
import { createAgenda } from '../../src/agenda/index.js';
import { loadConfig } from '../../src/config.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { testServices } from '../support/services.js';

describe('agenda configuration and feed tokens', function () {
  this.timeout(20_000);
  let az: AzuriteHandle;
  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());

  it('has local defaults and reads its variables', () => {
    const d = loadAgendaConfig({});
    assert.deepEqual(d.hours, { start: '09:00', end: '17:00' });
    assert.equal(d.safeLocation, DEFAULT_SAFE_LOCATION);
    assert.equal(d.durationMinutes, 60);
    assert.equal(d.coordinatorAttendsGesprek, false);
    assert.equal(d.feedSecret, undefined);
    const c = loadAgendaConfig({ WEERBAAR_AGENDA_HOURS: '08:30-16:00', WEERBAAR_AGENDA_MINUTES: '45', WEERBAAR_NAZORG_LOCATION: 'Kamer 1' });
    assert.deepEqual(c.hours, { start: '08:30', end: '16:00' });
    assert.equal(c.durationMinutes, 45);
    assert.equal(c.nazorgLocation, 'Kamer 1');
    assert.equal(d.nazorgNoticeMinutes, 120, 'two hours unless configured');
    assert.equal(loadAgendaConfig({ WEERBAAR_NAZORG_NOTICE_MINUTES: '30' }).nazorgNoticeMinutes, 30);
    assert.throws(() => loadAgendaConfig({ WEERBAAR_NAZORG_NOTICE_MINUTES: '-5' }), /WEERBAAR_NAZORG_NOTICE_MINUTES/);
    assert.throws(() => loadAgendaConfig({ WEERBAAR_AGENDA_HOURS: '17:00-09:00' }), AgendaConfigError);
    assert.throws(() => loadAgendaConfig({ WEERBAAR_CALENDAR_SECRET: 'kort' }), /WEERBAAR_CALENDAR_SECRET/);
  });

  it('makes tokens that depend on the secret and never contain the address', () => {
    const a = feedToken('geheim-een-0123456789', 'Fleur.deVries@gemeente.example');
    assert.equal(a, feedToken('geheim-een-0123456789', 'fleur.devries@gemeente.example'), 'case-insensitive address');
    assert.notEqual(a, feedToken('geheim-twee-0123456789', 'fleur.devries@gemeente.example'));
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.equal(feedUrl('https://bot.example/', 's', 'x@y.nl'), `https://bot.example/calendar/${feedToken('s', 'x@y.nl')}.ics`);
  });

  it('keeps the feeds off outside a local run until a secret is set', async () => {
    const stack = await testServices({ az });
    try {
      stack.services.config = loadConfig({
        STORAGE_CONNECTION_STRING: az.connectionString, BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_PASSWORD: 'x',
      });
      const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
      const off = await createAgenda(stack.services, { tables, agendaConfig: loadAgendaConfig({}) });
      assert.deepEqual(off.routes.map((r) => r.path), ['/calendar/gesprek/'], 'no personal feeds; the letter\'s .ics stays');
      assert.equal(off.icsUrlFor('fleur.devries@gemeente-lokaal.example'), undefined);
      // the letter's link: from a secret made once and kept in storage, the same after a restart
      const letter = off.gesprekIcsUrl('00000000-0000-4000-8000-000000000001', 'incidentgesprek');
      assert.match(letter ?? '', /\/calendar\/gesprek\/00000000-0000-4000-8000-000000000001\.incidentgesprek\.[0-9a-f]{64}\.ics$/);
      const again = await createAgenda(stack.services, { tables, agendaConfig: loadAgendaConfig({}) });
      assert.equal(again.gesprekIcsUrl('00000000-0000-4000-8000-000000000001', 'incidentgesprek'), letter);
      const [x, y] = await Promise.all([storedSecret(tables, 'race'), storedSecret(tables, 'race')]);
      assert.equal(x, y, 'two instances starting at once agree');
      const on = await createAgenda(stack.services, { tables, agendaConfig: loadAgendaConfig({ WEERBAAR_CALENDAR_SECRET: 'een-lang-geheim-van-de-gemeente' }) });
      assert.deepEqual(on.routes.map((r) => r.path), ['/calendar/gesprek/', '/calendar/'], 'the gesprek .ics for a letter, and the feeds');
      assert.ok(on.icsUrlFor('fleur.devries@gemeente-lokaal.example'));
    } finally {
      await stack.stop();
    }
  });
});
