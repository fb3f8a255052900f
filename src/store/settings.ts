import { randomBytes } from 'node:crypto';
import { isAlreadyExists, isNotFound } from './errors.js';
import { TABLES, type TableClientFactory } from './tables.js';

/** Deployment-wide settings the bot makes itself; PartitionKey the kind ('secret'), RowKey the name. */
export const SETTINGS_TABLE = TABLES.settings;

/**
 * The secret behind the letters' .ics links when WEERBAAR_CALENDAR_SECRET is not set (as in
 * Azure): made once at random and kept in the deployment's own storage, so the links on the
 * cards stay valid across restarts and instances, and no secret sits in configuration. Two
 * instances starting at once both end with the one that was stored first.
 */
export async function storedSecret(tables: TableClientFactory, name: string): Promise<string> {
  const client = tables(SETTINGS_TABLE);
  const read = async (): Promise<string | undefined> => {
    try {
      const entity = await client.getEntity<{ value?: unknown }>('secret', name);
      return typeof entity.value === 'string' && /^[0-9a-f]{64}$/.test(entity.value) ? entity.value : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
  const existing = await read();
  if (existing) return existing;
  try {
    const value = randomBytes(32).toString('hex');
    await client.createEntity({ partitionKey: 'secret', rowKey: name, value });
    return value;
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const winner = await read();
    if (!winner) throw new Error(`settings/secret/${name} is unreadable`, { cause: err });
    return winner;
  }
}
