/** The Bicep template, its parameters file and the example env file, read the way the toolkit and ARM use them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ROOT, parseEnvFile, substitutePlaceholders } from '../../scripts/package-app.js';

export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
export const bicep = read('infra/azure.bicep');
export const Parameters = z.object({ parameters: z.record(z.string(), z.object({ value: z.unknown() })) });
export const ENV_EXAMPLE = 'env/.env.dev.example';
export const envExample = parseEnvFile(read(ENV_EXAMPLE));
/** What the administrator fills in, with no default: the example leaves them empty. */
export const ADMIN_ONLY = ['RESOURCE_SUFFIX', 'WEERBAAR_ORGANISATION', 'WEERBAAR_ORGANISATION_NAME'];
/** The example env file as an administrator has filled it in, with changes. */
export const filledIn = (changes: Readonly<Record<string, string>> = {}): Record<string, string> => ({
  ...envExample,
  RESOURCE_SUFFIX: 'test',
  WEERBAAR_ORGANISATION: 'gemeente-test',
  WEERBAAR_ORGANISATION_NAME: 'Gemeente Test',
  ...changes,
});

export const bicepParams = new Map(
  [...bicep.matchAll(/^param\s+(\w+)\s+\w+(\s*=)?/gm)].map((m) => [m[1] ?? '', m[2] !== undefined] as const),
);
export const bicepOutputs = [...bicep.matchAll(/^output\s+(\w+)\s+/gm)].map((m) => m[1] ?? '');
/** Each parameter's default, unquoted. */
export const bicepDefaults = new Map(
  [...bicep.matchAll(/^param\s+(\w+)\s+(?:string|int|bool)\s*=\s*(.+)$/gm)].map((m) => [m[1] ?? '', (m[2] ?? '').trim().replace(/^'(.*)'$/, '$1')]),
);
/** The values a parameter may take, from its @allowed([...]) decorator. */
export function allowedValues(param: string): string[] {
  const block = new RegExp(`@allowed\\(\\[([^\\]]*)\\]\\)\\s*(?:@description\\('[^']*'\\)\\s*)?param ${param} `).exec(bicep)?.[1] ?? '';
  return [...block.matchAll(/'(\w+)'/g)].map((m) => m[1] ?? '');
}

/** The `resource <name> '<type>' = { ... }` block, up to its closing brace at column 0. */
export function resourceBlock(type: string): string {
  const start = bicep.indexOf(type.endsWith('@') ? `'${type}` : `'${type}@`);
  assert.ok(start >= 0, `bicep declares a ${type}`);
  const end = bicep.indexOf('\n}\n', start);
  return bicep.slice(start, end);
}

export const parametersText = read('infra/azure.parameters.json');
/** The parameters the toolkit passes once it has filled the placeholders from an env file. */
export function deployedParameters(env: Readonly<Record<string, string>>): Map<string, string> {
  const filled = Parameters.parse(JSON.parse(substitutePlaceholders(parametersText, env)));
  const out = new Map(bicepDefaults);
  for (const [name, { value }] of Object.entries(filled.parameters)) out.set(name, String(value));
  return out;
}

/** Evaluates the few Bicep expression forms the template uses for a location or an app setting. */
export function evaluate(expr: string, params: ReadonlyMap<string, string>): string {
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
