import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { ROOT, startBotProcess } from '../bot/process.js';
import { bundle } from '../../scripts/deploy-bundle.js';
import { until } from '../support/until.js';

const run = promisify(execFile);
const pkg = z
  .object({ scripts: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
const buildConfig = z
  .object({ compilerOptions: z.object({ noEmit: z.literal(false), outDir: z.string(), rootDir: z.string() }).loose(), include: z.array(z.string()) })
  .parse(JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')));

describe('the production build (npm run build, npm run start:prod)', function () {
  this.timeout(120_000);
  // inside the repository, as in the deployed zip: the cards are found from package.json up the tree
  const outDir = join(ROOT, 'dist', `.test-${process.pid}`);
  let az: AzuriteHandle;
  before(async () => {
    az = await startAzurite();
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], { cwd: ROOT }).catch(
      (err: { stdout?: string }) => {
        throw new Error(`tsc -p tsconfig.build.json failed:\n${err.stdout ?? ''}`);
      },
    );
  });
  after(async () => {
    rmSync(outDir, { recursive: true, force: true });
    await az.stop();
  });

  it('compiles src only, and start:prod runs what build wrote', () => {
    assert.deepEqual(buildConfig.include, ['src']);
    assert.equal(buildConfig.compilerOptions.rootDir, 'src');
    assert.match(pkg.scripts['build'] ?? '', /tsc -p tsconfig\.build\.json/);
    const entry = /^node (?:--\S+ )*(\S+)$/.exec(pkg.scripts['start:prod'] ?? '')?.[1] ?? '';
    assert.equal(entry, `${buildConfig.compilerOptions.outDir}/index.js`);
    assert.ok(existsSync(join(outDir, 'index.js')));
    assert.ok(!existsSync(join(outDir, 'test')), 'no tests in the build');
  });

  it('finds the card templates from the compiled code', async () => {
    const render = (await import(pathToFileURL(join(outDir, 'cards/render.js')).href)) as typeof import('../../src/cards/render.js');
    assert.equal(render.CARDS_DIR, join(ROOT, 'cards/'));
    assert.ok(render.templateNames().length > 3);
    const name = render.templateNames()[0] ?? '';
    assert.equal(render.renderCard(name, {})['type'], 'AdaptiveCard');
  });

  it('the deploy bundle holds only what runs, and starts with node alone (no tsx): /healthz, then SIGTERM', async () => {
    const target = mkdtempSync(join(tmpdir(), 'weerbaar-deploy-'));
    try {
      bundle(ROOT, target, outDir);
      assert.deepEqual(readdirSync(target).sort(), ['cards', 'dist', 'package-lock.json', 'package.json']);
      assert.ok(readdirSync(join(target, 'cards')).some((f) => f.endsWith('.json')));
      assert.ok(!readdirSync(join(target, 'dist')).some((f) => f.endsWith('.map')));
      // stands in for `npm ci --omit=dev` in the bundle
      symlinkSync(join(ROOT, 'node_modules'), join(target, 'node_modules'), 'dir');
      const bot = await startBotProcess([join(target, 'dist/index.js')], { STORAGE_CONNECTION_STRING: az.connectionString, NODE_ENV: 'production' });
      // the count is read in the background after start: wait for the first look, then check it
      let body: Record<string, unknown> = {};
      await until('healthz read the parked jobs', async () => {
        body = (await (await fetch(`${bot.url}/healthz`)).json()) as Record<string, unknown>;
        return body['parkedJobs'] !== undefined;
      });
      assert.equal(body['status'], 'ok');
      assert.equal(body['parkedJobs'], '0', 'the health check counts parked jobs');
      bot.child.kill('SIGTERM');
      assert.equal(await bot.exited, 0, bot.output());
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});
