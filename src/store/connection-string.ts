import { AZURITE_CONNECTION_STRING } from '../config.js';

/**
 * A storage connection string read as @azure/data-tables 13.x reads it (utils/connectionString.js):
 * `Key=Value` pairs split on `;`, keys matched case-insensitively, the value from the first `=`,
 * and `UseDevelopmentStorage=true` standing for Azurite's development account.
 */
export function connectionStringValues(given: string): (name: string) => string {
  const text = /usedevelopmentstorage=true/i.test(given) ? AZURITE_CONNECTION_STRING : given;
  const values = new Map<string, string>();
  for (const element of text.split(';')) {
    const kv = element.trim();
    const at = kv.indexOf('=');
    const key = kv.slice(0, at).toLowerCase();
    if (at !== -1 && !values.has(key)) values.set(key, kv.slice(at + 1));
  }
  return (name) => values.get(name.toLowerCase()) ?? '';
}
