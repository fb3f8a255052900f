import { createRequire } from 'node:module';

/**
 * Azurite started inside the test process on port 0 (in memory), so tests run
 * against a real Table/Queue Storage API and never collide on ports.
 */
const require = createRequire(import.meta.url);

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
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

export interface AzuriteHandle {
  tableUrl: string;
  queueUrl: string;
  connectionString: string;
  stop(): Promise<void>;
}

function portOf(server: AzuriteServer): number {
  const addr = server.getHttpServerAddress();
  const m = /:(\d+)$/.exec(addr);
  if (!m?.[1]) throw new Error(`Azurite gave no port: ${addr}`);
  return Number(m[1]);
}

export async function startAzurite(): Promise<AzuriteHandle> {
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
  const tablePort = portOf(tableServer);
  const queuePort = portOf(queueServer);
  const tableUrl = `http://127.0.0.1:${tablePort}/${DEV_ACCOUNT}`;
  const queueUrl = `http://127.0.0.1:${queuePort}/${DEV_ACCOUNT}`;
  return {
    tableUrl,
    queueUrl,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `TableEndpoint=${tableUrl};QueueEndpoint=${queueUrl};`,
    async stop() {
      await tableServer.close();
      await queueServer.close();
    },
  };
}
