import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { loadAgendaConfig } from '../../src/agenda/config.js';
import { AGENDA_ENV_VARS, CONFIG_ENV_VARS } from '../../src/config.js';
import { ROOT, parseEnvFile, placeholdersIn, substitutePlaceholders } from '../../scripts/package-app.js';

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const bicep = read('infra/azure.bicep');

/** Set by the toolkit itself, never by us. */
const TOOLKIT_BUILT_INS = ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'TEAMSFX_ENV'];
/** What the administrator fills in, with no default: the example leaves them empty. */
const ADMIN_ONLY = ['RESOURCE_SUFFIX', 'WEERBAAR_ORGANISATION', 'WEERBAAR_ORGANISATION_NAME'];
/** App settings the platform reads, not the bot's config. */
const PLATFORM_SETTINGS = ['WEBSITE_RUN_FROM_PACKAGE', 'SCM_DO_BUILD_DURING_DEPLOYMENT', 'NODE_ENV'];

const Action = z.object({
  uses: z.string(),
  name: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  writeToEnvironmentFile: z.record(z.string(), z.string()).optional(),
});
type Action = z.infer<typeof Action>;
const Lifecycle = z.object({
  version: z.string(),
  environmentFolderPath: z.string(),
  provision: z.array(Action),
  deploy: z.array(Action),
  publish: z.array(Action),
});
const lifecycle = Lifecycle.parse(parseYaml(read('teamsapp.yml')));

const ArmWith = z.object({
  subscriptionId: z.string(),
  resourceGroupName: z.string(),
  templates: z.array(z.object({ path: z.string(), parameters: z.string(), deploymentName: z.string() })),
});
const Parameters = z.object({ parameters: z.record(z.string(), z.object({ value: z.unknown() })) });

const bicepParams = new Map(
  [...bicep.matchAll(/^param\s+(\w+)\s+\w+(\s*=)?/gm)].map((m) => [m[1] ?? '', m[2] !== undefined] as const),
);
const bicepOutputs = [...bicep.matchAll(/^output\s+(\w+)\s+/gm)].map((m) => m[1] ?? '');
/** Each parameter's default, unquoted. */
const bicepDefaults = new Map(
  [...bicep.matchAll(/^param\s+(\w+)\s+(?:string|int|bool)\s*=\s*(.+)$/gm)].map((m) => [m[1] ?? '', (m[2] ?? '').trim().replace(/^'(.*)'$/, '$1')]),
);
/** The values a parameter may take, from its @allowed([...]) decorator. */
function allowedValues(param: string): string[] {
  const block = new RegExp(`@allowed\\(\\[([^\\]]*)\\]\\)\\s*(?:@description\\('[^']*'\\)\\s*)?param ${param} `).exec(bicep)?.[1] ?? '';
  return [...block.matchAll(/'(\w+)'/g)].map((m) => m[1] ?? '');
}

/** The `resource <name> '<type>' = { ... }` block, up to its closing brace at column 0. */
function resourceBlock(type: string): string {
  const start = bicep.indexOf(type.endsWith('@') ? `'${type}` : `'${type}@`);
  assert.ok(start >= 0, `bicep declares a ${type}`);
  const end = bicep.indexOf('\n}\n', start);
  return bicep.slice(start, end);
}

/** Environment variables each action writes, including the outputs of the Bicep it deploys. */
function produced(action: Action): string[] {
  const names = Object.values(action.writeToEnvironmentFile ?? {});
  if (action.uses === 'arm/deploy') names.push(...bicepOutputs);
  return names;
}

/** Every `${{VAR}}` an action reads: in its arguments and in the files it fills in. */
function consumed(action: Action): string[] {
  const text = [JSON.stringify(action.with ?? {})];
  if (action.uses === 'arm/deploy') {
    for (const t of ArmWith.parse(action.with).templates) text.push(read(t.parameters));
  }
  const manifestPath = action.with?.['manifestPath'];
  if (typeof manifestPath === 'string') text.push(read(manifestPath), read('appPackage/en.json'));
  return placeholdersIn(text.join('\n'));
}

const ENV_EXAMPLE = 'env/.env.dev.example';
const envExample = parseEnvFile(read(ENV_EXAMPLE));
const allProduced = new Set([...lifecycle.provision, ...lifecycle.deploy, ...lifecycle.publish].flatMap(produced));
/** What the administrator fills in: keys of the example env file that no action writes. */
const adminInputs = Object.keys(envExample).filter((k) => !allProduced.has(k));

const parametersText = read('infra/azure.parameters.json');
/** The parameters the toolkit passes once it has filled the placeholders from an env file. */
function deployedParameters(env: Readonly<Record<string, string>>): Map<string, string> {
  const filled = Parameters.parse(JSON.parse(substitutePlaceholders(parametersText, env)));
  const out = new Map(bicepDefaults);
  for (const [name, { value }] of Object.entries(filled.parameters)) out.set(name, String(value));
  return out;
}

/** Evaluates the few Bicep expression forms the template uses for a location or an app setting. */
function evaluate(expr: string, params: ReadonlyMap<string, string>): string {
  const literal = /^'([^']*)'$/.exec(expr);
  if (literal) return literal[1] ?? '';
  const choice = /^(\w+) == '([^']*)' \? '([^']*)' : (\w+)$/.exec(expr);
  if (choice) {
    const [, tested = '', equals, then, otherwise = ''] = choice;
    return params.get(tested) === equals ? (then ?? '') : evaluate(otherwise, params);
  }
  const value = /^\w+$/.test(expr) ? params.get(expr) : undefined;
  assert.ok(value !== undefined, `cannot evaluate ${expr}`);
  return value;
}

describe('teamsapp.yml and infra/azure.bicep', () => {
  const arm = lifecycle.provision.find((a) => a.uses === 'arm/deploy');
  const armWith = ArmWith.parse(arm?.with);
  const parameters = Parameters.parse(JSON.parse(read(armWith.templates[0]?.parameters ?? '')));

  it('deploys infra/azure.bicep with infra/azure.parameters.json', () => {
    assert.deepEqual(
      armWith.templates.map((t) => [t.path, t.parameters]),
      [['./infra/azure.bicep', './infra/azure.parameters.json']],
    );
  });

  it('passes only parameters the Bicep declares, and every one without a default', () => {
    for (const name of Object.keys(parameters.parameters)) assert.ok(bicepParams.has(name), `param ${name} in azure.bicep`);
    for (const [name, hasDefault] of bicepParams) {
      if (!hasDefault) assert.ok(name in parameters.parameters, `${name} has no default, so the parameters file must give it`);
    }
    for (const name of ['resourceBaseName', 'organisationName', 'profile', 'location', 'botDisplayName', 'webAppSku']) {
      assert.ok(bicepParams.has(name), `param ${name}`);
    }
  });

  it('offers exactly the protocol profiles as allowed values', () => {
    assert.deepEqual(allowedValues('profile'), ['nijmegen', 'modelprotocol', 'utrecht']);
  });

  it('holds no municipality\'s value: every parameter is a placeholder filled from the git-ignored env file', () => {
    for (const [name, { value }] of Object.entries(parameters.parameters)) {
      assert.match(String(value), /^(weerbaar)?\$\{\{[A-Z_]+\}\}$/, `${name} is a placeholder`);
    }
  });

  it('the example env file gives every placeholder, with the Bicep default where there is one', () => {
    for (const [name, { value }] of Object.entries(parameters.parameters)) {
      for (const v of placeholdersIn(String(value))) {
        assert.ok(v in envExample, `${v} in ${ENV_EXAMPLE}`);
        const fallback = bicepDefaults.get(name);
        if (fallback !== undefined) assert.equal(envExample[v], fallback, `${v} in ${ENV_EXAMPLE} is the default of ${name}`);
        else assert.ok(ADMIN_ONLY.includes(v), `${v} has no default, so only the administrator can fill it`);
      }
    }
  });

  for (const stage of ['provision', 'deploy', 'publish'] as const) {
    it(`${stage}: every variable an action reads is set by the administrator, the toolkit or an earlier action`, () => {
      const known = new Set([...TOOLKIT_BUILT_INS, ...adminInputs]);
      // deploy and publish run after provision, whose outputs are in env/.env.<env> by then
      if (stage !== 'provision') lifecycle.provision.flatMap(produced).forEach((v) => known.add(v));
      for (const action of lifecycle[stage]) {
        for (const v of consumed(action)) assert.ok(known.has(v), `${action.uses} reads ${v} before anything sets it`);
        produced(action).forEach((v) => known.add(v));
      }
    });
  }

  it('writes the outputs the lifecycle and the manifest rely on', () => {
    for (const name of ['BOT_ID', 'BOT_TENANT_ID', 'BOT_DOMAIN', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_IDENTITY_PRINCIPAL_ID']) {
      assert.ok(bicepOutputs.includes(name), `output ${name}`);
    }
    const zipDeploy = lifecycle.deploy.find((a) => a.uses === 'azureAppService/zipDeploy');
    assert.equal(zipDeploy?.with?.['resourceId'], '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    assert.equal(zipDeploy?.with?.['artifactFolder'], './build/deploy');
  });

  it('runs the provision, deploy and publish steps of the toolkit in order', () => {
    assert.deepEqual(lifecycle.provision.map((a) => a.uses), [
      'teamsApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    assert.deepEqual(
      lifecycle.deploy.map((a) => [a.uses, a.with?.['args'] ?? null, a.with?.['workingDirectory'] ?? null]),
      [
        ['cli/runNpmCommand', 'ci', null],
        ['cli/runNpmCommand', 'run build', null],
        ['cli/runNpmCommand', 'run bundle', null],
        ['cli/runNpmCommand', 'ci --omit=dev', './build/deploy'],
        ['azureAppService/zipDeploy', null, null],
      ],
    );
    assert.equal(lifecycle.publish.at(-1)?.uses, 'teamsApp/publishAppPackage');
  });
});

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
        const params = deployedParameters({ ...envExample, RESOURCE_SUFFIX: 'test', WEERBAAR_ORGANISATION: 'gemeente-test', WEERBAAR_ORGANISATION_NAME: 'Gemeente Test', BOT_REGION: region });
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
    assert.match(read('package.json'), /"start:prod": "node dist\/index\.js"/);
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

    /** The agenda's app settings as the web app gets them from an env file. */
    function agendaSettings(env: Readonly<Record<string, string>>): Record<string, string> {
      const params = deployedParameters({ ...env, RESOURCE_SUFFIX: 'test', WEERBAAR_ORGANISATION: 'gemeente-test', WEERBAAR_ORGANISATION_NAME: 'Gemeente Test' });
      const out: Record<string, string> = {};
      for (const name of AGENDA_ENV_VARS.filter((v) => v !== 'WEERBAAR_CALENDAR_SECRET')) {
        const expr = settings.get(name);
        assert.ok(expr, `app setting ${name}`);
        out[name] = evaluate(expr, params);
      }
      return out;
    }

    it('makes every agenda setting a parameter, and the example env file\'s values are settings the bot accepts', () => {
      const agenda = loadAgendaConfig(agendaSettings(envExample));
      assert.deepEqual(agenda.hours, { start: '09:00', end: '17:00' });
      assert.equal(agenda.durationMinutes, 60);
      assert.equal(agenda.nazorgLocation, undefined, 'online: no place');
      assert.equal(agenda.coordinatorAttendsGesprek, false);
    });

    it('passes a municipality\'s own agenda values through to the bot', () => {
      const agenda = loadAgendaConfig(
        agendaSettings({
          ...envExample,
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
      const params = (file: string) => deployedParameters({ ...envExample, RESOURCE_SUFFIX: 'test', WEERBAAR_ORGANISATION: 'gemeente-test', WEERBAAR_ORGANISATION_NAME: 'Gemeente Test', WEERBAAR_PROFILE_OVERRIDES_FILE: file });
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

describe('environment files', () => {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });

  it(`${ENV_EXAMPLE} is committed without ids or secrets`, () => {
    for (const name of allProduced) assert.equal(envExample[name] ?? '', '', `${name} is written by provision, not committed`);
    assert.ok(Object.keys(envExample).every((k) => !k.startsWith('SECRET_')));
    assert.ok(adminInputs.includes('WEERBAAR_ORGANISATION') && adminInputs.includes('WEERBAAR_PROFILE'));
  });

  it('git ignores the env files a municipality fills in, so a pull never conflicts with them', () => {
    const ignored = git('check-ignore', 'env/.env.dev', 'env/.env.prod', 'env/.env.dev.user', 'env/.env.prod.user').trim().split('\n');
    assert.deepEqual(ignored, ['env/.env.dev', 'env/.env.prod', 'env/.env.dev.user', 'env/.env.prod.user']);
    assert.deepEqual(git('ls-files', 'env').trim().split('\n').sort(), ['env/.env.dev.example', 'env/.env.local']);
  });

  it('the toolkit does not take the example for an environment of its own', () => {
    // fx-core's envUtil lists env/.env.<name> with <name> of word characters and -, no dot
    const toolkitEnvFile = /^\.env\.([\w\d-_]+)$/;
    assert.doesNotMatch(basename(ENV_EXAMPLE), toolkitEnvFile);
    assert.match(basename(ENV_EXAMPLE).replace(/\.example$/, ''), toolkitEnvFile, 'a copy without .example is one');
  });
});
