import assert from 'node:assert/strict';
import { loadAgendaConfig } from '../../src/agenda/config.js';
import { AGENDA_ENV_VARS, CONFIG_ENV_VARS } from '../../src/config.js';
import { allowedValues, bicep, bicepDefaults, deployedParameters, envExample, evaluate, filledIn, read, resourceBlock } from './template.js';

/** App settings the platform reads, not the bot's config. */
const PLATFORM_SETTINGS = ['WEBSITE_RUN_FROM_PACKAGE', 'SCM_DO_BUILD_DURING_DEPLOYMENT', 'NODE_ENV'];

describe('Azure resources (infra/azure.bicep)', () => {
  it('locks the storage account down: no shared keys, TLS 1.2, HTTPS only, no public blobs', () => {
    const storage = resourceBlock('Microsoft.Storage/storageAccounts');
    assert.match(storage, /allowSharedKeyAccess:\s*false/);
    assert.match(storage, /minimumTlsVersion:\s*'TLS1_2'/);
    assert.match(storage, /supportsHttpsTrafficOnly:\s*true/);
    assert.match(storage, /allowBlobPublicAccess:\s*false/);
  });

  it('gives the managed identity the Table and Queue data roles on the storage account', () => {
    for (const role of ['0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', '974c5e8b-45b9-4653-ba55-5f855dd0fb88']) {
      assert.ok(bicep.includes(`'${role}'`), `role ${role}`);
    }
    const assignments = [...bicep.matchAll(/'Microsoft\.Authorization\/roleAssignments@[^']+' = \{([\s\S]*?)\n\}/g)];
    assert.equal(assignments.length, 2);
    for (const [, body] of assignments) {
      assert.match(body ?? '', /scope:\s*storage\b/);
      assert.match(body ?? '', /principalId:\s*identity\.properties\.principalId/);
    }
  });

  describe('the Azure Bot\'s data residency (botRegion)', () => {
    const botLocation = /\n\s*location:\s*(.+)/.exec(resourceBlock('Microsoft.BotService/botServices@'))?.[1] ?? '';
    const channelLocation = /\n\s*location:\s*(.+)/.exec(resourceBlock('Microsoft.BotService/botServices/channels'))?.[1] ?? '';

    it('offers the EU regional bot and the global one, EU by default', () => {
      assert.deepEqual(allowedValues('botRegion').sort(), ['global', 'westeurope']);
      assert.equal(bicepDefaults.get('botRegion'), 'westeurope');
      assert.equal(envExample['BOT_REGION'], 'westeurope');
    });

    for (const region of ['westeurope', 'global']) {
      it(`BOT_REGION=${region} builds the bot and its Teams channel in ${region}`, () => {
        const params = deployedParameters(filledIn({ BOT_REGION: region }));
        assert.equal(evaluate(botLocation, params), region);
        assert.equal(evaluate(channelLocation, params), region, 'a channel lives where its bot lives');
      });
    }

    it('needs no regional setting in the web app: without user sign-in the SDK keeps its global endpoints', () => {
      assert.doesNotMatch(resourceBlock('Microsoft.Web/sites'), /botRegion|OAuthApiEndpoint|OAuthUrl|ToBotFromChannel/);
    });
  });

  it('registers the bot with the managed identity (no password) and the Teams channel', () => {
    const bot = resourceBlock('Microsoft.BotService/botServices');
    assert.match(bot, /msaAppType:\s*'UserAssignedMSI'/);
    assert.match(bot, /msaAppMSIResourceId:\s*identity\.id/);
    assert.match(bot, /msaAppTenantId:\s*identity\.properties\.tenantId/);
    assert.match(bot, /endpoint:\s*'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    assert.match(resourceBlock('Microsoft.BotService/botServices/channels'), /channelName:\s*'MsTeamsChannel'/);
  });

  it('hosts on App Service for Linux with a supported Node LTS and the identity attached', () => {
    const site = resourceBlock('Microsoft.Web/sites');
    // the compiled bot (npm run build); tsx is a devDependency and is not deployed
    assert.match(site, /appCommandLine:\s*'npm run start:prod'/);
    assert.match(read('package.json'), /"start:prod": "node (?:--\S+ )*dist\/index\.js"/);
    assert.match(site, /linuxFxVersion:\s*'NODE\|(22|24)-lts'/);
    assert.match(site, /httpsOnly:\s*true/);
    assert.match(site, /'\$\{identity\.id\}':\s*\{\}/);
    assert.ok(bicep.includes("'Microsoft.Insights/components@"), 'Application Insights');
    assert.ok(bicep.includes("'Microsoft.OperationalInsights/workspaces@"), 'Log Analytics');
  });

  describe('app settings', () => {
    const site = resourceBlock('Microsoft.Web/sites');
    const settings = new Map(
      [...site.matchAll(/\{\s*name:\s*'(\w+)',?\s*value:\s*([^}\n]+?)\s*\}/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );

    it('sets only variables the bot reads (CONFIG_ENV_VARS) or the platform reads', () => {
      const readable = new Set<string>([...CONFIG_ENV_VARS, ...PLATFORM_SETTINGS]);
      assert.ok(settings.size >= 10, `found ${settings.size} settings`);
      for (const name of settings.keys()) assert.ok(readable.has(name), `${name} is read by nothing`);
    });

    /** The agenda's app settings as the web app gets them from the example env file with these changes. */
    function agendaSettings(changes: Readonly<Record<string, string>> = {}): Record<string, string> {
      const params = deployedParameters(filledIn(changes));
      const out: Record<string, string> = {};
      for (const name of AGENDA_ENV_VARS.filter((v) => v !== 'WEERBAAR_CALENDAR_SECRET')) {
        const expr = settings.get(name);
        assert.ok(expr, `app setting ${name}`);
        out[name] = evaluate(expr, params);
      }
      return out;
    }

    it('makes every agenda setting a parameter, and the example env file\'s values are settings the bot accepts', () => {
      const agenda = loadAgendaConfig(agendaSettings());
      assert.deepEqual(agenda.hours, { start: '09:00', end: '17:00' });
      assert.equal(agenda.durationMinutes, 60);
      assert.equal(agenda.nazorgLocation, undefined, 'online: no place');
      assert.equal(agenda.coordinatorAttendsGesprek, false);
    });

    it('passes a municipality\'s own agenda values through to the bot', () => {
      const agenda = loadAgendaConfig(
        agendaSettings({
          WEERBAAR_AGENDA_HOURS: '08:30-17:30',
          WEERBAAR_AGENDA_MINUTES: '45',
          WEERBAAR_NAZORG_LOCATION: "Stadhuis 's-Hertogenbosch",
          WEERBAAR_INCIDENTGESPREK_COORDINATOR: 'true',
        }),
      );
      assert.deepEqual(agenda.hours, { start: '08:30', end: '17:30' });
      assert.equal(agenda.durationMinutes, 45);
      assert.equal(agenda.nazorgLocation, "Stadhuis 's-Hertogenbosch");
      assert.equal(agenda.coordinatorAttendsGesprek, true);
    });

    it('turns profileOverridesFile none into no file, and a path into that path', () => {
      const params = (file: string) => deployedParameters(filledIn({ WEERBAAR_PROFILE_OVERRIDES_FILE: file }));
      const expr = settings.get('WEERBAAR_PROFILE_OVERRIDES_FILE') ?? '';
      assert.equal(evaluate(expr, params('none')), '');
      assert.equal(evaluate(expr, params('/home/site/weerbaar/profile.json')), '/home/site/weerbaar/profile.json');
    });

    it('sets what the bot needs in Azure, from the identity and the storage account', () => {
      for (const name of [
        'BOT_ID', 'BOT_TENANT_ID', 'BOT_TYPE', 'STORAGE_TABLE_URL', 'STORAGE_QUEUE_URL', 'AZURE_CLIENT_ID',
        'WEERBAAR_PROFILE', 'WEERBAAR_ORGANISATION', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'CALENDAR_MODE',
      ]) {
        assert.ok(settings.has(name), `app setting ${name}`);
      }
      assert.equal(settings.get('BOT_TYPE'), "'UserAssignedMSI'");
      assert.equal(settings.get('CALENDAR_MODE'), "'graph'");
      assert.equal(settings.get('BOT_ID'), 'identity.properties.clientId');
      assert.equal(settings.get('AZURE_CLIENT_ID'), 'identity.properties.clientId');
      assert.equal(settings.get('STORAGE_TABLE_URL'), 'storage.properties.primaryEndpoints.table');
      assert.equal(settings.get('STORAGE_QUEUE_URL'), 'storage.properties.primaryEndpoints.queue');
    });

    it('carries no secret: no password, no connection string to storage', () => {
      assert.ok(!settings.has('BOT_PASSWORD'));
      assert.ok(!settings.has('STORAGE_CONNECTION_STRING'));
      assert.doesNotMatch(bicep, /listKeys\(/);
    });
  });
});
