import assert from 'node:assert/strict';
import { AZURITE_CONNECTION_STRING, ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('runs on local defaults when nothing is set', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3978);
    assert.deepEqual(c.bot, { auth: 'anonymous' });
    assert.deepEqual(c.storage, { kind: 'connectionString', connectionString: AZURITE_CONNECTION_STRING });
    assert.equal(c.profileId, 'nijmegen');
    assert.equal(c.calendar, 'local');
    assert.equal(c.local, true);
  });

  it('uses the managed identity and account URLs in Azure (no connection string)', () => {
    const c = loadConfig({
      BOT_ID: '11111111-2222-3333-4444-555555555555',
      BOT_TYPE: 'UserAssignedMSI',
      BOT_TENANT_ID: 'tenant-1',
      STORAGE_TABLE_URL: 'https://weerbaarst.table.core.windows.net',
      STORAGE_QUEUE_URL: 'https://weerbaarst.queue.core.windows.net',
      AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      WEERBAAR_PROFILE: 'utrecht',
      CALENDAR_MODE: 'graph',
    });
    assert.deepEqual(c.bot, { auth: 'managed-identity', appId: '11111111-2222-3333-4444-555555555555', tenantId: 'tenant-1' });
    assert.deepEqual(c.storage, {
      kind: 'account',
      tableUrl: 'https://weerbaarst.table.core.windows.net',
      queueUrl: 'https://weerbaarst.queue.core.windows.net',
      managedIdentityClientId: '11111111-2222-3333-4444-555555555555',
    });
    assert.equal(c.local, false);
    assert.equal(c.profileId, 'utrecht');
  });

  it('treats empty values as unset (an unset value in env/.env.dev)', () => {
    const c = loadConfig({ BOT_ID: '', STORAGE_TABLE_URL: ' ', WEERBAAR_PROFILE: '' });
    assert.equal(c.bot.auth, 'anonymous');
    assert.equal(c.profileId, 'nijmegen');
  });

  const bad: [string, Record<string, string>][] = [
    ['PORT', { PORT: 'abc' }],
    ['BOT_ID', { BOT_ID: 'not-a-guid' }],
    ['WEERBAAR_PROFILE', { WEERBAAR_PROFILE: 'amsterdam' }],
    ['BOT_PASSWORD', { BOT_ID: '11111111-2222-3333-4444-555555555555' }],
    ['BOT_TENANT_ID', { BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_TYPE: 'UserAssignedMSI' }],
    ['STORAGE_QUEUE_URL', { STORAGE_TABLE_URL: 'https://x.table.core.windows.net' }],
    ['CALENDAR_MODE', { CALENDAR_MODE: 'outlook' }],
    ['WEERBAAR_ORGANISATION', { WEERBAAR_ORGANISATION: 'Gemeente Nijmegen!' }],
    ['WEERBAAR_PRIVACY_CONTACT', { WEERBAAR_PRIVACY_CONTACT: 'fg@gemeente.nl\nkamer 2' }],
  ];
  for (const [variable, env] of bad) {
    it(`names the variable in the error: ${variable}`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && err.variable === variable && err.message.includes(variable),
      );
    });
  }

  it('takes an optional privacy contact for the privacy page, trimmed; without it there is none', () => {
    assert.equal(loadConfig({ WEERBAAR_PRIVACY_CONTACT: '  Functionaris gegevensbescherming, fg@gemeente.nl ' }).privacyContact, 'Functionaris gegevensbescherming, fg@gemeente.nl');
    assert.equal('privacyContact' in loadConfig({ WEERBAAR_PRIVACY_CONTACT: '' }), false);
  });
});
