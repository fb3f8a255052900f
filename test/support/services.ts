import { loadConfig } from '../../src/config.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import type { Services } from '../../src/flows/services.js';
import { createWorker, openJobQueue, type Jobs } from '../../src/jobs/create-jobs.js';
import { PeopleDirectory } from '../../src/people/directory.js';
import { createDownloads } from '../../src/store/downloads.js';
import { createTableStore } from '../../src/store/table-store.js';
import { createTableClientFactory, ensureTables } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from './azurite.js';
import { silentLogger } from './bot.js';
import { settled } from './idle.js';

export interface TestStack {
  services: Services;
  jobs: Jobs;
  az: AzuriteHandle;
  /** Resolves when every job enqueued through `services.effects` so far has run (see settled()). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

let orgCounter = 0;

/**
 * Real services on an in-process Azurite. Each call gets its own organisation id, so tests in
 * one file never see each other's meldingen.
 */
export async function testServices(options: { profileId?: 'nijmegen' | 'modelprotocol' | 'utrecht'; az?: AzuriteHandle } = {}): Promise<TestStack> {
  const az = options.az ?? (await startAzurite());
  const config = loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString, WEERBAAR_PROFILE: options.profileId ?? 'nijmegen' });
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
  await ensureTables(tables);
  const queue = await openJobQueue({
    queueStorage: { kind: 'connectionString', connectionString: az.connectionString },
    tables,
    queueName: `jobs${++orgCounter}${Date.now() % 100000}`,
  });
  const jobs: Jobs = { ...queue, worker: createWorker(queue, { logger: silentLogger, pollIntervalMs: 20 }) };
  const enqueued = new Set<string>();
  const effects: Services['effects'] = {
    enqueue(job) {
      enqueued.add(job.idempotencyKey);
      return jobs.queue.enqueue(job);
    },
  };
  const services: Services = {
    config,
    profile: getProfile(options.profileId ?? 'nijmegen'),
    people: PeopleDirectory.fromFile('config/people.local.json'),
    logger: silentLogger,
    store: createTableStore(tables),
    effects,
    downloads: createDownloads(tables, 'test-download-secret', config.publicUrl),
    orgId: `test-org-${orgCounter}-${Date.now() % 100000}`,
  };
  return {
    services,
    jobs,
    az,
    idle: () => settled(jobs.state, () => [...enqueued]),
    async stop() {
      await jobs.worker.stop();
      if (!options.az) await az.stop();
    },
  };
}

/**
 * The hooks of a describe block whose tests each get their own services (testServices) on one
 * Azurite for the block; the returned `stack` is the running test's.
 */
export function servicesPerTest(): { readonly az: AzuriteHandle; readonly stack: TestStack } {
  let az: AzuriteHandle | undefined;
  let stack: TestStack | undefined;
  before(async () => {
    az = await startAzurite();
  });
  after(() => az?.stop());
  beforeEach(async () => {
    stack = await testServices(az ? { az } : {});
  });
  afterEach(() => stack?.stop());
  return {
    get az(): AzuriteHandle {
      if (!az) throw new Error('Azurite runs only inside the describe block');
      return az;
    },
    get stack(): TestStack {
      if (!stack) throw new Error('the services exist only inside a test');
      return stack;
    },
  };
}
