import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { TableClient, TableEntity } from '@azure/data-tables';
import { errorCode, type Logger } from '../logger.js';
import { statusOf } from '../shared/http.js';
import { requireEtag, StoreError } from './errors.js';
import { restTargetFor, type RestTarget } from './table-rest-auth.js';
import type { TableStorage } from './tables.js';

/**
 * The replace-under-ETag of DocumentTable.update, sent straight over node:http(s) instead of
 * through the SDK's pipeline (core-client, tracing, sanitizer, policies: 0.3-0.4 ms of CPU per
 * write before the request leaves), for the rows it can send exactly as @azure/data-tables 13.x
 * would: the same URL, headers, signature and JSON body. Everything else, and every failure that
 * the SDK would retry, goes through the client's own updateEntity.
 */

/** What the SDK sends on every table request (generated client, service version 2019-02-02, which OAuth needs too). */
const SERVICE_VERSION = '2019-02-02';
/** well inside the 10-15 s after which Teams gives up on an invoke; then the SDK tries with its own retries */
const TIMEOUT_MS = 10_000;
const IDLE_SOCKET_MS = 60_000;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
/** Table names are alphanumeric; a name that is not is left to the SDK to reject or encode. */
const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;

/** A failed request of the direct path: its status and the service's error code, never the response body. */
export class TableRestError extends StoreError {
  constructor(
    readonly table: string,
    readonly statusCode: number | undefined,
    readonly code: string,
  ) {
    super(`Table Storage failed a replace in ${table}: ${statusCode === undefined ? code : `HTTP ${statusCode}`}`);
  }
}

/** At most one warning a minute that writes fell back to the SDK, with how many since the last. */
const FALLBACK_WARN_MS = 60_000;

/** One storage account's direct path: its address, its signer and one keep-alive agent. */
export class TableRest {
  private readonly agent: http.Agent;
  private fallbacks = 0;
  private lastWarned = Number.NEGATIVE_INFINITY;

  constructor(
    readonly target: RestTarget,
    /** tests: the CA of a loopback https server */
    tls: { ca?: string } = {},
    private readonly logger?: Logger,
    private readonly now: () => number = Date.now,
  ) {
    // an idle socket is closed well before Azure's load balancer drops it unannounced (4 minutes)
    const options = { keepAlive: true, timeout: IDLE_SOCKET_MS };
    this.agent =
      target.endpoint.protocol === 'https:'
        ? new https.Agent({ ...options, ...(tls.ca === undefined ? {} : { ca: tls.ca }) })
        : new http.Agent(options);
  }

  static for(storage: TableStorage, logger?: Logger): TableRest | undefined {
    const target = restTargetFor(storage);
    return target && new TableRest(target, {}, logger);
  }

  /**
   * A write handed to the SDK: each one costs a second request, so a direct path that always
   * fails (a signature the account does not take, a network that resets) must not stay unseen.
   */
  fellBack(table: string, status: number | undefined, code: string): void {
    this.fallbacks += 1;
    if (!this.logger || this.now() - this.lastWarned < FALLBACK_WARN_MS) return;
    this.lastWarned = this.now();
    this.logger.warn({ table, status, code, fallbacks: this.fallbacks }, 'table write fell back to the SDK');
    this.fallbacks = 0;
  }

  /** Sends one replace, telling `observers` as it leaves; resolves with the response (never rejects on an HTTP status). */
  async send(table: string, body: RestBody, etag: string, observers: readonly (() => void)[] = []): Promise<{ status: number; etag: string | undefined; code: string }> {
    const base = this.target.endpoint;
    const path = `${base.pathname.replace(/\/$/, '')}/${table}(PartitionKey='${keyOf(body.PartitionKey)}',RowKey='${keyOf(body.RowKey)}')`;
    const json = JSON.stringify(body);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'x-ms-version': SERVICE_VERSION,
      DataServiceVersion: '3.0',
      Accept: 'application/json',
      'If-Match': etag,
      'x-ms-client-request-id': randomUUID(),
      'Content-Length': String(Buffer.byteLength(json)),
    };
    await this.target.authorize(headers, path);
    const request = base.protocol === 'https:' ? https.request : http.request;
    for (const observe of observers) observe();
    return new Promise((resolve, reject) => {
      const req = request(
        // `timeout` also covers the connect, which req.setTimeout does not; the request emits 'timeout'
        { protocol: base.protocol, hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'), port: base.port, path, method: 'PUT', headers, agent: this.agent, timeout: TIMEOUT_MS },
        (res) => {
          // the body (an error's message) is never read: it may quote what was sent
          res.resume();
          res.on('error', reject);
          res.on('end', () => {
            const tag = res.headers.etag;
            const code = res.headers['x-ms-error-code'];
            resolve({
              status: res.statusCode ?? 0,
              etag: typeof tag === 'string' ? tag : undefined,
              code: typeof code === 'string' && /^\w{1,64}$/.test(code) ? code : '',
            });
          });
        },
      );
      // a hung socket must not hold a turn forever
      req.once('timeout', () => req.destroy(new TableRestError(table, undefined, 'timeout')));
      req.on('error', reject);
      req.end(json);
    });
  }
}

/** The JSON body of a replace: PartitionKey, RowKey and the properties, in the entity's order. */
export type RestBody = { PartitionKey: string; RowKey: string } & Record<string, string | number | boolean>;

/**
 * The body the SDK would send for `entity`, when every property is one the service stores
 * without an `@odata.type` annotation (serialization.js sends strings, booleans and numbers
 * bare; a bare integer is stored as Edm.Int32, so only the Int32 range is sure to round-trip).
 * Anything else (a double, Date, bigint, binary, a typed {value, type}, null, the SDK's
 * etag/timestamp) gives undefined: that row goes through the SDK.
 */
export function restBody(entity: TableEntity<Record<string, unknown>>): RestBody | undefined {
  const body: RestBody = { PartitionKey: entity.partitionKey, RowKey: entity.rowKey };
  for (const [name, value] of Object.entries(entity)) {
    if (name === 'partitionKey' || name === 'rowKey') continue;
    if (name === 'etag' || name === 'timestamp' || name === 'PartitionKey' || name === 'RowKey' || name.includes('@odata')) return undefined;
    if (typeof value === 'string' || typeof value === 'boolean') body[name] = value;
    else if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) body[name] = value;
    else if (value !== undefined) return undefined;
  }
  return body;
}

/** A key in the entity's URL, as the SDK writes it: quotes doubled (escapeQuotes), then URI-encoded. */
function keyOf(key: string): string {
  return encodeURIComponent(key.replace(/'/g, "''"));
}

/** A client's direct path and those who count its requests (the storage meter). */
interface Binding {
  rest: TableRest;
  observers: (() => void)[];
}

const bindings = new WeakMap<TableClient, Binding>();

/** Gives `client` the direct path for its replaces; the factory of src/store/tables.ts does this. */
export function bindRest(client: TableClient, rest: TableRest): TableClient {
  bindings.set(client, { rest, observers: [] });
  return client;
}

/** Calls `observer` for each request the direct path of `client` sends (not for the SDK's: its pipeline counts those). */
export function observeRest(client: TableClient, observer: () => void): void {
  bindings.get(client)?.observers.push(observer);
}

/**
 * Replaces the row under `etag` and returns the new ETag, or throws an error with statusCode 412
 * or 404 for a stale or deleted row (DocumentTable makes that a ConflictError), as the SDK would.
 */
export async function replaceEntity(client: TableClient, entity: TableEntity<Record<string, unknown>>, etag: string): Promise<string> {
  const binding = bindings.get(client);
  const body = binding && TABLE_NAME.test(client.tableName) ? restBody(entity) : undefined;
  if (!binding || !body) return sdkReplace(client, entity, etag);
  let res: Awaited<ReturnType<TableRest['send']>>;
  try {
    res = await binding.rest.send(client.tableName, body, etag, binding.observers);
  } catch (e) {
    // a network error, a timeout, no token: the SDK tries again with its own retries
    binding.rest.fellBack(client.tableName, undefined, errorCode(e));
    return viaSdk(client, entity, etag);
  }
  if (res.status === 204 || res.status === 200) return requireEtag(res.etag);
  // Handing a failed write to the SDK is safe because it is guarded by If-Match: if the first
  // attempt did land (a 500 or a timeout after the commit), the SDK's write finds a new ETag and
  // gets 412, a ConflictError, and the flow re-reads and shows the stored draft. 401: the SDK's
  // bearer policy answers a tenant challenge.
  // 401 and 403: a token the service no longer takes is forgotten, and a signature it did not
  // accept (a real account differing from what was tested) does not stop every write
  if (res.status === 401 || res.status === 403) binding.rest.target.rejected?.();
  if (res.status >= 500 || res.status === 408 || res.status === 429 || res.status === 401 || res.status === 403) {
    binding.rest.fellBack(client.tableName, res.status, res.code);
    return viaSdk(client, entity, etag);
  }
  throw new TableRestError(client.tableName, res.status, res.code || `http-${res.status}`);
}

async function viaSdk(client: TableClient, entity: TableEntity<Record<string, unknown>>, etag: string): Promise<string> {
  try {
    return await sdkReplace(client, entity, etag);
  } catch (e) {
    const status = statusOf(e);
    if (status === 412 || status === 404) throw e;
    // the SDK's message quotes the response body; status and code are all a log needs
    throw new TableRestError(client.tableName, status, errorCode(e));
  }
}

async function sdkReplace(client: TableClient, entity: TableEntity<Record<string, unknown>>, etag: string): Promise<string> {
  return requireEtag((await client.updateEntity(entity, 'Replace', { etag })).etag);
}
