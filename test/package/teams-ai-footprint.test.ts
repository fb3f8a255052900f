import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The packages some modules load, as a fresh Node process sees them after importing them through tsx. */
function packagesLoadedBy(modules: readonly string[]): string[] {
  const script = [
    ...modules.map((m) => `await import(${JSON.stringify(m)});`),
    "const { createRequire } = await import('node:module');",
    // the innermost node_modules/<package> of each loaded file
    'const names = Object.keys(createRequire(import.meta.url).cache).map((p) => /.*node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(p)?.[1]);',
    'console.log(JSON.stringify([...new Set(names.filter(Boolean))]));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 50_000 });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as string[];
}

/**
 * The bot takes Application, TeamsAdapter and TurnState from their own files in teams-ai: its
 * index also loads the AI half (planners, models, tokenizers), which the bot never uses and which
 * held 12 MB of its heap (gpt-tokenizer, openai), so RSS had little margin under 200 MB.
 */
describe('what the bot loads of @microsoft/teams-ai', () => {
  it('is its turn and adapter, not the AI packages', function () {
    this.timeout(60_000);
    const loaded = packagesLoadedBy(['./src/bot/app.ts', './src/bot/adapter.ts']);
    assert.ok(loaded.includes('@microsoft/teams-ai') && loaded.includes('botbuilder'), `loaded: ${loaded.join(', ')}`);
    for (const unused of ['gpt-tokenizer', 'openai']) assert.ok(!loaded.includes(unused), `${unused} is loaded`);
  });
});
