import { createRequire } from 'node:module';
import { TableServiceClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';

/**
 * Azurite inside the test process (its Table and Queue servers, port 0, in memory), so tests run
 * against the real Table/Queue Storage API and never collide on ports.
 *
 * One Azurite serves the whole mocha run (test/support/root-hooks.ts holds it from the first test
 * to the last), and every `startAzurite()` gets a storage account of its own on it: its own tables
 * and queues, so a test file sees no row of another. Outside mocha (scripts) the server lives as
 * long as some account is held. A test that must stop or restart storage itself takes a server of
 * its own with `startAzuriteServer()`.
 */
const require = createRequire(import.meta.url);

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
  /** Azurite reads its accounts from AZURITE_ACCOUNTS at start; refresh() reads them again */
  accountDataStore?: { refresh?: () => void };
}
type ServerCtor = new (config: unknown) => AzuriteServer;
type ConfigCtor = new (...args: unknown[]) => unknown;

type AzuriteModule = Record<string, unknown>;

function load(serverPath: string, configPath: string): { Server: ServerCtor; Config: ConfigCtor } {
  const s = require(serverPath) as AzuriteModule;
  const c = require(configPath) as AzuriteModule;
  return { Server: s['default'] as ServerCtor, Config: c['default'] as ConfigCtor };
}

/** Azurite's well-known development account. Public, documented, not a secret. */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** The key of the accounts made per test file: short, because every account lives in an environment variable. */
const TEST_KEY = Buffer.from('weerbaar-test').toString('base64');
const ACCOUNTS_ENV = 'AZURITE_ACCOUNTS';

export interface AzuriteHandle {
  tableUrl: string;
  queueUrl: string;
  connectionString: string;
  /** an account: deletes its tables and queues and lets go of the server; a server of its own: closes it */
  stop(): Promise<void>;
}

interface Servers {
  table: AzuriteServer;
  queue: AzuriteServer;
  /** http://127.0.0.1:<port> */
  tableBase: string;
  queueBase: string;
  close(): Promise<void>;
}

function portOf(server: AzuriteServer): number {
  const addr = server.getHttpServerAddress();
  const m = /:(\d+)$/.exec(addr);
  if (!m?.[1]) throw new Error(`Azurite gave no port: ${addr}`);
  return Number(m[1]);
}

async function startServers(): Promise<Servers> {
  const table = load('azurite/dist/src/table/TableServer', 'azurite/dist/src/table/TableConfiguration');
  const queue = load('azurite/dist/src/queue/QueueServer', 'azurite/dist/src/queue/QueueConfiguration');
  // TableConfiguration(host, port, keepAlive, dbPath, debugLog, accessLog, stream, debugPath, loose,
  //   skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, inMemory)
  const tableServer = new table.Server(
    new table.Config('127.0.0.1', 0, undefined, undefined, false, false, undefined, undefined, false, true,
      '', '', '', undefined, false, true),
  );
  // QueueConfiguration(host, port, keepAlive, dbPath, extentDbPath, persistence, accessLog, stream,
  //   debugLog, debugPath, loose, skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, inMemory)
  const queueServer = new queue.Server(
    new queue.Config('127.0.0.1', 0, undefined, undefined, undefined, undefined, false, undefined, false,
      undefined, false, true, '', '', '', undefined, false, true),
  );
  await tableServer.start();
  await queueServer.start();
  return {
    table: tableServer,
    queue: queueServer,
    tableBase: `http://127.0.0.1:${portOf(tableServer)}`,
    queueBase: `http://127.0.0.1:${portOf(queueServer)}`,
    async close() {
      await tableServer.close();
      await queueServer.close();
    },
  };
}

function handleFor(servers: Servers, account: string, key: string, stop: () => Promise<void>): AzuriteHandle {
  const tableUrl = `${servers.tableBase}/${account}`;
  const queueUrl = `${servers.queueBase}/${account}`;
  return {
    tableUrl,
    queueUrl,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${key};` +
      `TableEndpoint=${tableUrl};QueueEndpoint=${queueUrl};`,
    stop,
  };
}

/** A server of its own on the development account, for a test that stops or restarts storage. */
export async function startAzuriteServer(): Promise<AzuriteHandle> {
  const servers = await startServers();
  return handleFor(servers, DEV_ACCOUNT, DEV_KEY, () => servers.close());
}

let shared: Promise<Servers> | undefined;
let holders = 0;
let accounts = 0;

async function hold(): Promise<Servers> {
  holders += 1;
  shared ??= startServers();
  try {
    return await shared;
  } catch (e) {
    holders -= 1;
    shared = undefined;
    throw e;
  }
}

async function release(): Promise<void> {
  holders -= 1;
  if (holders > 0 || shared === undefined) return;
  const servers = shared;
  shared = undefined;
  await (await servers).close();
}

/** Keeps the shared Azurite running until the returned function is called (the mocha run's root hook). */
export async function holdAzurite(): Promise<() => Promise<void>> {
  await hold();
  let held = true;
  return async () => {
    if (!held) return;
    held = false;
    await release();
  };
}

/** Registers a new account with both servers: Azurite knows only the accounts in AZURITE_ACCOUNTS. */
function addAccount(servers: Servers): string {
  const name = `weerbaar${++accounts}`;
  const known = process.env[ACCOUNTS_ENV] ?? `${DEV_ACCOUNT}:${DEV_KEY}`;
  // Azurite reads the variable again every minute, so it keeps every account made in this process
  process.env[ACCOUNTS_ENV] = `${known};${name}:${TEST_KEY}`;
  for (const server of [servers.table, servers.queue]) {
    const refresh = server.accountDataStore?.refresh;
    if (typeof refresh !== 'function') throw new Error('Azurite: cannot add a storage account (AccountDataStore.refresh is missing)');
    refresh.call(server.accountDataStore);
  }
  return name;
}

async function deleteAll(connectionString: string): Promise<void> {
  const tables = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  for await (const t of tables.listTables()) if (t.name) await tables.deleteTable(t.name);
  const queues = QueueServiceClient.fromConnectionString(connectionString);
  for await (const q of queues.listQueues()) await queues.deleteQueue(q.name);
}

/** A storage account of its own (empty tables and queues) on the shared Azurite. */
export async function startAzurite(): Promise<AzuriteHandle> {
  const servers = await hold();
  let account: string;
  try {
    account = addAccount(servers);
  } catch (e) {
    await release();
    throw e;
  }
  let stopped = false;
  const handle = handleFor(servers, account, TEST_KEY, async () => {
    if (stopped) return;
    stopped = true;
    try {
      await deleteAll(handle.connectionString);
    } finally {
      await release();
    }
  });
  return handle;
}
