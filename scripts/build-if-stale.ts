/**
 * The bot as `npm start` runs it: plain JavaScript in .local/bot, transpiled from src/ file by
 * file (TypeScript's transpileModule, the same output as `tsc` under isolatedModules, without the
 * type check: `npm run typecheck` and the tests do that). Only files changed since the last start
 * are transpiled again, so a restart after an edit stays quick.
 *
 * Why not tsx, as before: tsx transpiles inside the bot's process and keeps a loader thread and
 * the source maps of every file, about 65 MB of its RSS and 4 s of its start on this machine.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
export const LOCAL_BUILD = join(ROOT, '.local/bot');

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : [],
  );
}

const mtime = (file: string): number => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

/** Transpiles what changed since the last call; returns how many files it wrote and the time it took. */
export async function ensureBuilt(): Promise<{ files: number; ms: number }> {
  const started = Date.now();
  const sources = walk(SRC, '.ts').filter((f) => !f.endsWith('.d.ts'));
  const outputOf = (src: string) => join(LOCAL_BUILD, relative(SRC, src)).replace(/\.ts$/, '.js');
  const stale = sources.filter((src) => mtime(outputOf(src)) < mtime(src));
  // a source that was deleted or renamed leaves no JavaScript behind that could still be imported
  const wanted = new Set(sources.map(outputOf));
  try {
    for (const js of walk(LOCAL_BUILD, '.js')) if (!wanted.has(js)) rmSync(js);
  } catch {
    // no build yet
  }
  if (stale.length > 0) {
    // loaded only when needed: TypeScript itself takes about a second to load
    const { default: ts } = await import('typescript');
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!config) throw new Error('tsconfig.build.json kan niet gelezen worden');
    // every file here is an ES module ("type": "module"); transpileModule cannot look that up itself
    const compilerOptions = { ...config.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, sourceMap: false };
    for (const src of stale) {
      const { outputText } = ts.transpileModule(readFileSync(src, 'utf8'), { compilerOptions, fileName: src });
      mkdirSync(dirname(outputOf(src)), { recursive: true });
      writeFileSync(outputOf(src), outputText);
    }
  }
  return { files: stale.length, ms: Date.now() - started };
}

/**
 * V8 flags the bot runs with (also in package.json's start:prod; a test holds the two equal).
 * A young generation of at most 2 MB per semi-space and an old generation that grows by 15 %
 * over what survived a full collection (V8's own factor is up to 4x) keep the RSS under 200 MB
 * after 200 meldingen (`npm run bench`: 194 MB, 156 MB idle). `--optimize-for-size`, used
 * before, held it lower (174 MB) but also made V8 compact the heap in "reduce" mode and
 * optimise less: a step cost 3.5 ms of CPU with it and 2.4 ms without, measured in one sitting.
 */
export const BOT_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=15'];

/**
 * One more file transpiled next to the build (the bench's probe, preloaded into the bot as
 * JavaScript so the bot runs without tsx, as npm start runs it). Returns the path of the .js file.
 */
export async function transpileBeside(src: string): Promise<string> {
  const { default: ts } = await import('typescript');
  const out = join(LOCAL_BUILD, '..', relative(ROOT, src).replace(/[/\\]/g, '-').replace(/\.ts$/, '.js'));
  const { outputText } = ts.transpileModule(readFileSync(src, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    fileName: src,
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, outputText);
  return out;
}

/** The node arguments that run the bot: the local build, or src/index.ts through tsx. */
export function botEntry(kind: 'build' | 'tsx', flags: string[] = BOT_NODE_FLAGS): string[] {
  return [...flags, ...(kind === 'build' ? [join(LOCAL_BUILD, 'index.js')] : ['--import', 'tsx', join(SRC, 'index.ts')])];
}
