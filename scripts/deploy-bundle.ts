import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bundle`: the folder that `teamsapp deploy` zips to the App Service, after
 * `npm run build`. Only what the running bot needs: the compiled code, the card templates
 * and the package files, so `npm ci --omit=dev` in it installs the runtime dependencies
 * only. No sources, tests, env files or the administrator's own node_modules.
 */
export const BUNDLE_ENTRIES = ['dist', 'cards', 'package.json', 'package-lock.json'] as const;

export function bundle(root: string, target: string, dist = join(root, 'dist')): void {
  if (!existsSync(join(dist, 'index.js'))) throw new Error(`${dist}/index.js ontbreekt: eerst npm run build`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const entry of BUNDLE_ENTRIES) {
    cpSync(entry === 'dist' ? dist : join(root, entry), join(target, entry), { recursive: true, filter: (src) => !src.endsWith('.map') });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  bundle(root, join(root, 'build', 'deploy'));
  process.stdout.write('build/deploy klaar\n');
}
