/**
 * Builds the Teams app package: `npm run package [-- <env>] [--out <dir>]`.
 * Fills the `${{VAR}}` placeholders the way the Agents Toolkit does (from
 * env/.env.<env>, env/.env.<env>.user and the process environment), validates
 * the manifest and its localization files against the schemas that
 * @microsoft/app-manifest ships, and writes build/appPackage.<env>.zip.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { localizationSchemaErrors, manifestSchemaErrors } from './validate-app-package.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const APP_PACKAGE_DIR = join(ROOT, 'appPackage');

/** Values that let `npm run package -- local` work without any provisioning; not real ids. */
export const LOCAL_DEFAULTS: Readonly<Record<string, string>> = {
  TEAMS_APP_ID: '6f1c2a4e-0000-4000-8000-000000000001',
  BOT_ID: '6f1c2a4e-0000-4000-8000-000000000002',
  BOT_DOMAIN: 'localhost',
};

export const ICON_SIZES = { color: 192, outline: 32 } as const;

export class PackageError extends Error {
  constructor(message: string, readonly details: string[] = []) {
    super(details.length > 0 ? `${message}\n  - ${details.join('\n  - ')}` : message);
    this.name = 'PackageError';
  }
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** Replaces every `${{NAME}}`; a missing or empty value is an error, never an empty string in the package. */
export function substitutePlaceholders(text: string, vars: Readonly<Record<string, string | undefined>>): string {
  const missing = placeholdersIn(text).filter((name) => !vars[name]);
  if (missing.length > 0) {
    throw new PackageError('Deze variabelen hebben geen waarde (zet ze in env/.env.<omgeving> of in de omgeving):', missing);
  }
  return text.replace(PLACEHOLDER, (_m, name: string) => vars[name] ?? '');
}

/** The dotenv subset the Agents Toolkit writes: KEY=value lines, # comments, optional quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) value = value.slice(1, -1);
    out[key] = value;
  }
  return out;
}

/** Later sources win: local defaults, env/.env.<env>, env/.env.<env>.user, then the process environment. */
export function resolveVariables(envName: string, processEnv: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const vars: Record<string, string | undefined> = envName === 'local' ? { ...LOCAL_DEFAULTS } : {};
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const path = join(ROOT, 'env', file);
    if (!existsSync(path)) continue;
    for (const [k, v] of Object.entries(parseEnvFile(readFileSync(path, 'utf8')))) if (v !== '') vars[k] = v;
  }
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined && v !== '') vars[k] = v;
  vars.TEAMSFX_ENV ??= envName;
  return vars;
}

const ManifestShape = z.looseObject({
  $schema: z.url(),
  icons: z.object({ color: z.string(), outline: z.string() }),
  localizationInfo: z
    .object({ additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string() })).optional() })
    .optional(),
});
const LocalizationShape = z.looseObject({ $schema: z.url() });

export function iconSizeErrors(files: Readonly<Record<string, Buffer>>, icons: { color: string; outline: string }): string[] {
  const errors: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const data = files[icons[kind]];
    const size = ICON_SIZES[kind];
    if (!data) {
      errors.push(`${icons[kind]}: bestand ontbreekt`);
      continue;
    }
    const png = PNG.sync.read(data);
    if (png.width !== size || png.height !== size) errors.push(`${icons[kind]}: ${png.width}x${png.height}, moet ${size}x${size} zijn`);
  }
  return errors;
}

export interface BuiltPackage {
  zipPath: string;
  manifest: Record<string, unknown>;
  files: Record<string, Buffer>;
}

/** Reads appPackage/, fills placeholders, validates everything and writes the zip. */
export async function buildAppPackage(opts: {
  envName: string;
  vars: Readonly<Record<string, string | undefined>>;
  outDir?: string;
  sourceDir?: string;
}): Promise<BuiltPackage> {
  const sourceDir = opts.sourceDir ?? APP_PACKAGE_DIR;
  const manifestText = substitutePlaceholders(readFileSync(join(sourceDir, 'manifest.json'), 'utf8'), opts.vars);
  const manifestJson: unknown = JSON.parse(manifestText);
  const manifest = ManifestShape.parse(manifestJson);

  const files: Record<string, Buffer> = { 'manifest.json': Buffer.from(manifestText, 'utf8') };
  const errors = (await manifestSchemaErrors(manifestJson)).map((e) => `manifest.json: ${e}`);
  for (const name of [manifest.icons.color, manifest.icons.outline]) {
    const path = join(sourceDir, name);
    if (existsSync(path)) files[name] = readFileSync(path);
  }
  errors.push(...iconSizeErrors(files, manifest.icons));
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const path = join(sourceDir, file);
    if (!existsSync(path)) {
      errors.push(`${file}: bestand ontbreekt`);
      continue;
    }
    const text = substitutePlaceholders(readFileSync(path, 'utf8'), opts.vars);
    const localization = LocalizationShape.parse(JSON.parse(text));
    errors.push(...(await localizationSchemaErrors(localization)).map((e) => `${file}: ${e}`));
    files[file] = Buffer.from(text, 'utf8');
  }
  if (errors.length > 0) throw new PackageError('Het app-pakket is niet geldig:', errors);

  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  const outDir = opts.outDir ?? join(ROOT, 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${opts.envName}.zip`);
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { zipPath, manifest, files };
}

function parseArgs(argv: string[]): { envName: string; outDir?: string } {
  let envName = 'local';
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') outDir = resolve(argv[++i] ?? '');
    else if (arg !== undefined && !arg.startsWith('-')) envName = arg;
  }
  if (!/^[a-z0-9-]+$/i.test(envName)) throw new PackageError(`Ongeldige omgevingsnaam: ${envName}`);
  return outDir === undefined ? { envName } : { envName, outDir };
}

async function main(): Promise<void> {
  const { envName, outDir } = parseArgs(process.argv.slice(2));
  const built = await buildAppPackage({ envName, vars: resolveVariables(envName), ...(outDir ? { outDir } : {}) });
  console.info(`App-pakket geschreven: ${built.zipPath}`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
