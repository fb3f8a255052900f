import type { z } from 'zod';
import { RowParseError } from './errors.js';

const SYSTEM = new Set(['partitionKey', 'rowKey', 'timestamp', 'etag', 'odata.metadata', 'odata.etag']);

/** Parses a plain-column row (no JSON document) with zod; failure names the row, never its values. */
export function parseRow<T>(schema: z.ZodType<T>, table: string, entity: Record<string, unknown>): T {
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) if (!SYSTEM.has(k)) props[k] = v;
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  const pk = typeof entity['partitionKey'] === 'string' ? entity['partitionKey'] : '?';
  const rk = typeof entity['rowKey'] === 'string' ? entity['rowKey'] : '?';
  throw new RowParseError(
    table,
    pk,
    rk,
    result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`),
  );
}

/** Table Storage refuses slash, backslash, # and ? and control characters in PartitionKey and RowKey. */
function forbiddenInKey(value: string): boolean {
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if ('/\\#?'.includes(ch) || c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

export function assertKeyPart(value: string, what: string): string {
  if (value.length === 0 || value.length > 400 || forbiddenInKey(value)) {
    throw new Error(`${what} cannot be used in a table key`);
  }
  return value;
}
