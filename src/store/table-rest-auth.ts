import { createHmac } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { connectionStringValues } from './connection-string.js';
import type { TableStorage } from './tables.js';

/**
 * How a request straight to Table Storage is addressed and signed, exactly as @azure/data-tables
 * 13.x does it (utils/connectionString.js, tablesNamedCredentialPolicy.js, the bearer token
 * policy with the storage scope). What the SDK would send differently (a SAS token, Cosmos DB,
 * anything not parsed here) gets no RestTarget: every write then goes through the SDK.
 */
export interface RestTarget {
  /** the table endpoint, without a trailing slash, e.g. https://acc.table.core.windows.net */
  endpoint: URL;
  /** sets the authorization headers for a request to `path` (the URL's pathname as sent) */
  authorize(headers: Record<string, string>, path: string): Promise<void>;
  /** the service refused the authorization (401, 403): a cached token is not used again */
  rejected?(): void;
}

export const STORAGE_SCOPE = 'https://storage.azure.com/.default';
/** A cached token is renewed this long before it expires, so no request carries one about to lapse. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export function restTargetFor(storage: TableStorage): RestTarget | undefined {
  // where traffic must leave through a proxy, the SDK honours it and a direct connect would hang
  if (['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY'].some((name) => Boolean(process.env[name] ?? process.env[name.toLowerCase()]))) return undefined;
  return storage.kind === 'connectionString'
    ? sharedKeyTarget(storage.connectionString)
    : bearerTarget(storage.tableUrl, storage.credential);
}

function sharedKeyTarget(connectionString: string): RestTarget | undefined {
  const valueOf = connectionStringValues(connectionString);
  const account = valueOf('AccountName');
  const key = valueOf('AccountKey');
  const protocol = valueOf('DefaultEndpointsProtocol').toLowerCase();
  // the SDK's test for an account connection string; anything else is a SAS one
  if (protocol === '' || account === '' || key === '') return undefined;
  let table = valueOf('TableEndpoint').replace(/\/$/, '');
  if (table === '') {
    const suffix = valueOf('EndpointSuffix');
    if ((protocol !== 'https' && protocol !== 'http') || suffix === '') return undefined;
    table = `${protocol}://${account}.table.${suffix}`;
  }
  const endpoint = plainEndpoint(table);
  if (!endpoint) return undefined;
  const secret = Buffer.from(key, 'base64');
  return {
    endpoint,
    authorize(headers, path) {
      // SharedKeyLite for the Table service: the date, then /account/path (a replace has no ?comp=)
      const date = new Date().toUTCString();
      const signature = createHmac('sha256', secret).update(`${date}\n/${account}${path}`, 'utf8').digest('base64');
      headers['x-ms-date'] = date;
      headers['Authorization'] = `SharedKeyLite ${account}:${signature}`;
      return Promise.resolve();
    },
  };
}

function bearerTarget(tableUrl: string, credential: TokenCredential): RestTarget | undefined {
  const endpoint = plainEndpoint(tableUrl.replace(/\/$/, ''));
  // the SDK refuses to send a token over plain http; so does this
  if (!endpoint || endpoint.protocol !== 'https:') return undefined;
  const tokens = new TokenCache(credential);
  return {
    endpoint,
    async authorize(headers) {
      headers['Authorization'] = `Bearer ${await tokens.get()}`;
    },
    rejected: () => tokens.clear(),
  };
}

/**
 * An http(s) endpoint without query or credentials, and not Cosmos DB (which the SDK signs and
 * patches differently; it takes a bare `localhost` for the Cosmos emulator).
 */
function plainEndpoint(url: string): URL | undefined {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    return undefined;
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') return undefined;
  if (endpoint.search !== '' || endpoint.hash !== '' || endpoint.username !== '' || endpoint.password !== '') return undefined;
  const host = endpoint.hostname.toLowerCase();
  if (host === 'localhost' || host.includes('.table.cosmosdb.') || host.includes('.table.cosmos.')) return undefined;
  return endpoint;
}

/** One token for the storage scope, renewed a few minutes before it expires, one request for it at a time. */
export class TokenCache {
  private token: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;

  constructor(
    private readonly credential: TokenCredential,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    const held = this.token;
    if (held && held.expiresOnTimestamp - TOKEN_MARGIN_MS > this.now()) return held.token;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return (await this.pending).token;
  }

  /** Forgets the token (the service refused it: revoked, or a tenant challenge); the next write fetches a new one. */
  clear(): void {
    this.token = undefined;
  }

  private async fetch(): Promise<AccessToken> {
    const token = await this.credential.getToken(STORAGE_SCOPE);
    if (!token) throw new Error('The credential gave no token for Table Storage');
    this.token = token;
    return token;
  }
}
