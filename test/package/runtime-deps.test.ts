import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/**
 * App Service installs `npm ci --omit=dev`: a package the bot loads at run time that is only a
 * devDependency works in every test (they install both) and fails in Azure. Type-only imports are
 * erased by tsc and may name a dev package.
 */
describe('the packages the bot loads at run time', () => {
  it('are all runtime dependencies in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const missing = new Set<string>();
    const importLine = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
    for (const file of sources(join(ROOT, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(importLine)) {
        const specifier = m[1] ?? m[2] ?? '';
        if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
        if (!(packageOf(specifier) in pkg.dependencies)) missing.add(`${packageOf(specifier)} (${file.slice(ROOT.length)})`);
      }
    }
    assert.deepEqual([...missing], []);
  });
});
