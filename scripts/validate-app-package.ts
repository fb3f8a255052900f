/**
 * Schema checks for the Teams app package, with the schemas and the validator
 * that @microsoft/app-manifest ships (no network: the package resolves the
 * developer.microsoft.com schema URLs to its own copies).
 */
import { createRequire } from 'node:module';
import { AppManifestUtils } from '@microsoft/app-manifest';
import type { AppManifest } from '@microsoft/app-manifest';

/** Errors of a Teams manifest against the schema named in its `$schema`; empty when valid. */
export async function manifestSchemaErrors(manifest: unknown): Promise<string[]> {
  // validateAgainstSchema only reads `$schema` and hands the object to Ajv; the union type adds nothing here.
  return AppManifestUtils.validateAgainstSchema(manifest as AppManifest);
}

interface AjvError {
  instancePath: string;
  message?: string;
  params?: unknown;
}
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
type AjvConstructor = new (options: Record<string, unknown>) => { compile(schema: object): ValidateFunction };
type AddFormats = (ajv: object, formats: string[]) => unknown;

function loadFromAppManifest<T>(name: string): T {
  // The package's own Ajv (draft-04) is a dependency of @microsoft/app-manifest, not of ours: resolve it from there.
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  const mod: unknown = fromPackage(name);
  if (typeof mod !== 'function') throw new Error(`${name} is not loadable from @microsoft/app-manifest`);
  return mod as T;
}

/**
 * Errors of a localization file against the schema named in its `$schema`.
 * The localization schema has patterns that are only valid without the regex
 * `u` flag (`\b]`), which AppManifestUtils always sets, so it is compiled here
 * with the same Ajv but `unicodeRegExp: false`, as Teams itself reads them.
 */
export async function localizationSchemaErrors(localization: { $schema: string }): Promise<string[]> {
  const schema = await AppManifestUtils.fetchSchema(localization.$schema);
  const Ajv = loadFromAppManifest<AjvConstructor>('ajv-draft-04');
  const addFormats = loadFromAppManifest<AddFormats>('ajv-formats');
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  if (validate(localization)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}. Details: ${JSON.stringify(e.params ?? {})}`);
}
