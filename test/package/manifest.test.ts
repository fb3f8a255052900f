import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { BERICHT_COMMAND_ID } from '../../src/flows/bericht/effects.js';
import { COMMANDS, menuEntries, type MenuScope } from '../../src/flows/commands.js';
import {
  APP_PACKAGE_DIR,
  LOCAL_DEFAULTS,
  ROOT,
  buildAppPackage,
  placeholdersIn,
  substitutePlaceholders,
} from '../../scripts/package-app.js';
import { localizationSchemaErrors, manifestSchemaErrors } from '../../scripts/validate-app-package.js';

const Command = z.object({ title: z.string(), description: z.string().optional() });
const Manifest = z.looseObject({
  $schema: z.string(),
  manifestVersion: z.string(),
  version: z.string(),
  supportsChannelFeatures: z.literal('tier1'),
  icons: z.object({ color: z.string(), outline: z.string() }),
  localizationInfo: z.object({
    defaultLanguageTag: z.string(),
    additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string() })),
  }),
  bots: z.array(
    z.looseObject({
      botId: z.string(),
      scopes: z.array(z.string()),
      supportsFiles: z.boolean(),
      commandLists: z.array(z.object({ scopes: z.array(z.string()), commands: z.array(Command) })),
    }),
  ),
  composeExtensions: z.array(
    z.looseObject({
      botId: z.string(),
      commands: z.array(z.looseObject({ id: z.string(), type: z.string(), context: z.array(z.string()), fetchTask: z.boolean() })),
    }),
  ),
  validDomains: z.array(z.string()),
  authorization: z.object({
    permissions: z.object({ resourceSpecific: z.array(z.object({ name: z.string(), type: z.string() })) }),
  }),
});
type Manifest = z.infer<typeof Manifest>;

const rawManifest = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
const filled = (): unknown => JSON.parse(substitutePlaceholders(rawManifest, LOCAL_DEFAULTS));
const manifest: Manifest = Manifest.parse(filled());
const bot = manifest.bots[0];

function commandsFor(scope: MenuScope): z.infer<typeof Command>[] {
  const list = bot?.commandLists.find((l) => l.scopes.includes(scope));
  assert.ok(list, `a command list for scope ${scope}`);
  return list.commands;
}

/** The menu COMMANDS asks for in one scope, in its order, as the manifest writes it. */
function menuOf(scope: MenuScope): z.infer<typeof Command>[] {
  return Object.values(COMMANDS).flatMap((c) =>
    menuEntries(c).flatMap((m) => (m.scope === scope ? [{ title: c.text, description: m.description }] : [])),
  );
}

describe('Teams app manifest', () => {
  it('uses exactly the placeholders the Agents Toolkit fills', () => {
    assert.deepEqual(placeholdersIn(rawManifest).sort(), ['BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
  });

  it('validates against its schema with @microsoft/app-manifest once the placeholders are filled', async () => {
    assert.equal(manifest.$schema, 'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    assert.deepEqual(await manifestSchemaErrors(filled()), []);
  });

  it('is rejected by the same check when something is wrong (the check can fail)', async () => {
    const broken = { ...manifest, id: 'not-a-guid', bots: [{ ...bot, scopes: ['everywhere'] }] };
    const errors = await manifestSchemaErrors(broken);
    assert.ok(errors.some((e) => e.startsWith('/id ')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/bots/0/scopes/0 ')), errors.join('\n'));
  });

  it('declares a personal and team bot that accepts files and works in shared and private channels', () => {
    assert.deepEqual([...(bot?.scopes ?? [])].sort(), ['personal', 'team']);
    assert.equal(bot?.supportsFiles, true);
    assert.equal(bot?.botId, LOCAL_DEFAULTS.BOT_ID);
    assert.equal(manifest.supportsChannelFeatures, 'tier1');
    assert.deepEqual(manifest.validDomains, [LOCAL_DEFAULTS.BOT_DOMAIN]);
  });

  it('asks only the one resource-specific permission the roster check needs: channel member events', () => {
    // The roster itself (pagedmembers) needs none; membership events of shared and private
    // channels need ChannelMember.Read.Group (docs/DEPLOY.md, step 6).
    assert.deepEqual(manifest.authorization.permissions.resourceSpecific, [{ name: 'ChannelMember.Read.Group', type: 'Application' }]);
  });

  it('offers in the personal chat the menu src/flows/commands.ts lists, in its order and words', () => {
    assert.deepEqual(commandsFor('personal'), menuOf('personal'));
  });

  it('offers in channels the menu src/flows/commands.ts lists, in its order and words', () => {
    assert.deepEqual(commandsFor('team'), menuOf('team'));
  });

  it('has icons of the required sizes: colour 192x192, outline 32x32 white on transparent', () => {
    const color = PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, manifest.icons.color)));
    assert.deepEqual([color.width, color.height], [192, 192]);
    const outline = PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, manifest.icons.outline)));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const alpha = outline.data[i + 3] ?? 0;
      if (alpha === 0) transparent++;
      else {
        opaque++;
        assert.deepEqual([outline.data[i], outline.data[i + 1], outline.data[i + 2]], [255, 255, 255]);
      }
    }
    assert.ok(opaque > 30 && transparent > 300, `outline has a shape and a transparent background (${opaque}/${transparent})`);
  });

  it('offers "Melden bij Weerbaar" on any message: an action command of the bot that asks it for the dialog', () => {
    assert.deepEqual(
      manifest.composeExtensions.map((e) => ({ botId: e.botId, commands: e.commands.map((c) => [c.id, c.type, c.context, c.fetchTask]) })),
      [{ botId: LOCAL_DEFAULTS.BOT_ID, commands: [[BERICHT_COMMAND_ID, 'action', ['message'], true]] }],
    );
  });

  it('keeps the app version in step with package.json', () => {
    const pkg = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
    assert.equal(manifest.version, pkg.version);
  });
});

describe('English localization (en.json)', () => {
  const language = manifest.localizationInfo.additionalLanguages.find((l) => l.languageTag === 'en');
  const en = z
    .looseObject({ $schema: z.string() })
    .parse(JSON.parse(readFileSync(join(APP_PACKAGE_DIR, language?.file ?? 'en.json'), 'utf8')));

  it('is declared next to Dutch as the default language', () => {
    assert.equal(manifest.localizationInfo.defaultLanguageTag, 'nl-nl');
    assert.equal(language?.file, 'en.json');
  });

  it('validates against the localization schema', async () => {
    assert.deepEqual(await localizationSchemaErrors(en), []);
    const wrongKey: Record<string, unknown> = { 'bots[1].commandLists[0].commands[0].description': 'x' };
    const errors = await localizationSchemaErrors({ ...en, ...wrongKey });
    assert.equal(errors.length, 1);
  });

  it('translates the name, the descriptions and every command description of the manifest', () => {
    const expected = ['name.short', 'name.full', 'description.short', 'description.full'];
    bot?.commandLists.forEach((list, l) =>
      list.commands.forEach((_c, c) => expected.push(`bots[0].commandLists[${l}].commands[${c}].description`)),
    );
    manifest.composeExtensions.forEach((ext, e) =>
      ext.commands.forEach((_c, c) => expected.push(`composeExtensions[${e}].commands[${c}].title`, `composeExtensions[${e}].commands[${c}].description`)),
    );
    assert.deepEqual(Object.keys(en).filter((k) => k !== '$schema').sort(), expected.sort());
  });
});

describe('npm run package (scripts/package-app.ts)', () => {
  let outDir = '';
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'weerbaar-package-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes a zip with manifest, icons and en.json whose manifest validates', async () => {
    const vars = { ...LOCAL_DEFAULTS, BOT_DOMAIN: 'app-weerbaar.azurewebsites.net' };
    const { zipPath } = await buildAppPackage({ envName: 'test', vars, outDir });
    assert.equal(zipPath, join(outDir, 'appPackage.test.zip'));
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const zipped: unknown = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '');
    assert.deepEqual(await manifestSchemaErrors(zipped), []);
    assert.deepEqual(Manifest.parse(zipped).validDomains, ['app-weerbaar.azurewebsites.net']);
  });

  it('refuses to package when a placeholder has no value', async () => {
    await assert.rejects(
      buildAppPackage({ envName: 'test', vars: { TEAMS_APP_ID: LOCAL_DEFAULTS.TEAMS_APP_ID }, outDir }),
      /BOT_DOMAIN[\s\S]*BOT_ID|BOT_ID[\s\S]*BOT_DOMAIN/,
    );
  });

  it('refuses to package a manifest that does not validate', async () => {
    await assert.rejects(
      buildAppPackage({ envName: 'test', vars: { ...LOCAL_DEFAULTS, BOT_ID: 'geen-guid' }, outDir }),
      /niet geldig[\s\S]*\/bots\/0\/botId/,
    );
  });

  it('runs as a command and exits non-zero with a clear message on failure', async () => {
    const run = promisify(execFile);
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const script = join(ROOT, 'scripts', 'package-app.ts');
    const ok = await run(tsx, [script, 'local', '--out', outDir], { cwd: ROOT });
    assert.match(ok.stdout, /appPackage\.local\.zip/);
    await assert.rejects(
      run(tsx, [script, 'local', '--out', outDir], { cwd: ROOT, env: { ...process.env, BOT_ID: 'geen-guid' } }),
      (err: unknown) => {
        const e = z.object({ code: z.number(), stderr: z.string() }).parse(err);
        return e.code === 1 && /niet geldig/.test(e.stderr) && /botId/.test(e.stderr);
      },
    );
  });
});
