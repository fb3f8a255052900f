import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import type { Logger } from '../logger.js';
import { connectionStringValues } from './connection-string.js';
import { isAlreadyExists } from './errors.js';
import { bindRest, TableRest } from './table-rest.js';

/**
 * Partition design (one storage account per deployment, several organisations in it):
 *
 * - PartitionKey is the organisation id in every table (incidents, drafts, audit, channel links,
 *   counters). A province-wide deployment sees thousands of meldingen a year per organisation at
 *   most: a partition holds that for decades (an incident is a few KB; a partition serves about
 *   2,000 operations/s), and every query the bot needs ("my meldingen", "all of this
 *   organisation", "was this pleger seen before") stays inside one partition, so no query ever
 *   scans the table. Organisations never share a partition, so one busy municipality does not
 *   slow another, and deleting an organisation's data is deleting its partitions.
 * - RowKey is the natural id inside the organisation: incident id, the melder's Entra object id
 *   (one open draft each), the handler role (one linked channel each), `~nummer-<year>` for the
 *   number counter (in the incidents table, beside the meldingen it numbers; `counters` holds the
 *   counts of earlier versions, read once when a year has no counter row yet),
 *   and `<incidentId>_<UTC time>_<seq>_<random>` for the audit trail so a range query returns one
 *   incident's history in time order.
 * - Job state is keyed by the idempotency key itself (not per organisation): the worker sees
 *   only the key.
 */
export const TABLES = {
  incidents: 'incidents',
  drafts: 'drafts',
  audit: 'audit',
  channelLinks: 'channellinks',
  counters: 'counters',
  jobState: 'jobstate',
  downloads: 'downloads',
  settings: 'settings',
} as const;
export type TableName = (typeof TABLES)[keyof typeof TABLES];

export type TableStorage =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'account'; tableUrl: string; credential: TokenCredential };

export type TableClientFactory = (tableName: string) => TableClient;

function isHttp(url: string): boolean {
  return url.toLowerCase().startsWith('http://');
}

/** Azurite speaks plain http; the SDK refuses that unless told, and Azure itself is always https. */
function connectionStringIsHttp(connectionString: string): boolean {
  const value = connectionStringValues(connectionString);
  return value('DefaultEndpointsProtocol').toLowerCase() === 'http' || isHttp(value('TableEndpoint'));
}

/** Clients on `storage`; their replaces under an ETag go straight over HTTP where they can (src/store/table-rest.ts). */
export function createTableClientFactory(storage: TableStorage, logger?: Logger): TableClientFactory {
  const rest = TableRest.for(storage, logger);
  const bound = (client: TableClient): TableClient => (rest ? bindRest(client, rest) : client);
  if (storage.kind === 'connectionString') {
    const allowInsecureConnection = connectionStringIsHttp(storage.connectionString);
    return (tableName) =>
      bound(TableClient.fromConnectionString(storage.connectionString, tableName, { allowInsecureConnection }));
  }
  const allowInsecureConnection = isHttp(storage.tableUrl);
  return (tableName) =>
    bound(new TableClient(storage.tableUrl, tableName, storage.credential, { allowInsecureConnection }));
}

/** Creates the tables if they are missing; safe to run at every start and from several instances. */
export async function ensureTables(
  factory: TableClientFactory,
  tableNames: readonly string[] = Object.values(TABLES),
): Promise<void> {
  for (const name of tableNames) {
    try {
      await factory(name).createTable();
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}
