import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ROOT, placeholdersIn } from '../../scripts/package-app.js';
import { ADMIN_ONLY, ENV_EXAMPLE, Parameters, allowedValues, bicepDefaults, bicepOutputs, bicepParams, envExample, read } from './template.js';

/** Set by the toolkit itself, never by us. */
const TOOLKIT_BUILT_INS = ['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'TEAMSFX_ENV'];

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

const allProduced = new Set([...lifecycle.provision, ...lifecycle.deploy, ...lifecycle.publish].flatMap(produced));
/** What the administrator fills in: keys of the example env file that no action writes. */
const adminInputs = Object.keys(envExample).filter((k) => !allProduced.has(k));

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
