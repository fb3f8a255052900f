import type { Config } from './config.js';
import { organisationConfigs } from './config.js';
import { createAdapter, botAppId } from './bot/adapter.js';
import { authenticator } from './bot/authenticate.js';
import { createApplication } from './bot/app.js';
import { createBotServer } from './bot/server.js';
import type { Services } from './flows/services.js';
import { createLogger, type Logger } from './logger.js';
import { PeopleDirectory } from './people/directory.js';
import type { Agenda } from './agenda/index.js';
import { downloadRoute } from './pages/download.js';
import { pageRoutes } from './pages/index.js';
import { PollLoop } from './jobs/poll-loop.js';
import { createHandlingDeps, HANDLING_RETRY_BUDGETS } from './jobs/handlers/index.js';
import { JobHealth } from './jobs/health.js';
import { JOB } from './flows/handling/effects.js';
import { TeamsMessenger } from './bot/proactive.js';
import { TeamsRoster } from './bot/roster.js';
import { createDownloads } from './store/downloads.js';
import { plegerEldersFor } from './store/pleger-elders.js';
import { storedSecret } from './store/settings.js';
import { createTableStore } from './store/table-store.js';
import { createTableClientFactory, ensureTables, type TableStorage } from './store/tables.js';
import type { StorageMeter } from './store/storage-meter.js';
import { createWorker, openJobQueue, type Jobs } from './jobs/create-jobs.js';
import type { AvgJobContext } from './jobs/handlers/retention.js';
import { OrgJobRouter, orgEffects, orgFailedJobs, orgSeen, parkedByOrg } from './jobs/org-jobs.js';
import { openTimers } from './store/timer-repository.js';
import type { QueueStorage } from './jobs/queue-client.js';
import type { TurnInput, TurnResult } from './flows/types.js';
import { dispatchTurns } from './flows/organisations/dispatch.js';
import { stampMessenger } from './flows/organisations/stamp.js';
import { buildOrganisation, calendarRoutes, type Organisation } from './initialize-org.js';
import { ManagedIdentityCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';

export { loadProfile } from './initialize-org.js';
export type { Organisation } from './initialize-org.js';

function credentialFor(config: Config): TokenCredential | undefined {
  if (config.storage.kind !== 'account') return undefined;
  return config.storage.managedIdentityClientId
    ? new ManagedIdentityCredential({ clientId: config.storage.managedIdentityClientId })
    : new DefaultAzureCredential();
}

/** Azurite locally (connection string), the account URL with a managed identity in Azure. */
export function storageFor(config: Config): { tables: TableStorage; queues: QueueStorage } {
  if (config.storage.kind === 'connectionString') {
    const s = { kind: 'connectionString' as const, connectionString: config.storage.connectionString };
    return { tables: s, queues: s };
  }
  const credential = credentialFor(config);
  if (!credential) throw new Error('no credential for storage');
  return {
    tables: { kind: 'account', tableUrl: config.storage.tableUrl, credential },
    queues: { kind: 'account', queueUrl: config.storage.queueUrl, credential },
  };
}

export interface Weerbaar {
  /** the (first) organisation's services and agenda; each organisation's under `organisations` */
  services: Services;
  agenda: Agenda;
  organisations: Organisation[];
  jobs: Jobs;
  handle: (input: TurnInput) => Promise<TurnResult>;
  server: ReturnType<typeof createBotServer>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface InitializeOptions {
  /** counts the storage operations of every turn, by verb (the bench and tests read it); none in production */
  meter?: StorageMeter;
  /** tests: the retention job's clock, and a crash injected between the steps of an erasure */
  avg?: Pick<AvgJobContext, 'fault'> & { now?: () => Date };
}

/**
 * Assembles everything from a config, each part after what it needs: storage, the job queue,
 * each organisation (its services, agenda, afhandeling, router and jobs; src/initialize-org.ts),
 * the bot in front of them, and last the worker that runs their jobs. index.ts only calls this
 * and listens. Several organisations (WEERBAAR_ORGANISATIONS_FILE) share the storage account,
 * the queue and its worker, the bot and the HTTP server; the bot picks the organisation of each
 * turn (src/flows/organisations/dispatch.ts) and the worker that of each job (src/jobs/org-jobs.ts).
 */
export async function initialize(config: Config, logger: Logger = createLogger(config.logLevel), options: InitializeOptions = {}): Promise<Weerbaar> {
  const { meter, avg } = options;
  const configs = organisationConfigs(config);
  // with the organisations file each organisation's jobs carry its key prefix, also when it lists one
  const several = config.organisations !== undefined;
  // first: without them nothing can run, and src/not-configured.ts waits for them without touching storage
  const withPeople = configs.map((c) => ({ c, people: PeopleDirectory.fromFile(c.peopleFile) }));
  const storage = storageFor(config);
  const direct = createTableClientFactory(storage.tables, logger);
  const tables = meter ? meter.tables(direct) : direct;
  await ensureTables(tables);
  const store = createTableStore(tables);
  const queue = await openJobQueue({ queueStorage: storage.queues, tables });
  const effects = meter ? meter.effects(queue.queue) : queue.queue;
  const adapter = createAdapter(config);
  const roster = new TeamsRoster(adapter, botAppId(config));
  const messenger = new TeamsMessenger(adapter, botAppId(config));
  const router = new OrgJobRouter();
  const shared = {
    logger,
    tables,
    store,
    downloads: createDownloads(tables, await storedSecret(tables, 'downloads'), config.publicUrl),
    timers: await openTimers(tables),
    handlingFor: (agenda: Agenda) => createHandlingDeps(tables, roster, agenda),
    ...(avg ? { avg } : {}),
  };
  // the pleger signal across organisations: only between those that consented in the organisations file
  const deelnemers = (config.organisations ?? []).filter((o) => o.plegerSignaalDelen).map((o) => ({ id: o.id, name: o.name }));
  // One organisation: exactly as before, its jobs under their own keys. Several: each its own keys.
  const organisations: Organisation[] = [];
  // the jobs kept under plain keys before the organisations file: the one organisation served then (docs/DEPLOY.md §12)
  const plainKeysOf = configs.some((c) => c.organisation.id === config.organisation.id) ? config.organisation.id : configs[0]?.organisation.id;
  for (const { c, people } of withPeople) {
    const orgId = c.organisation.id;
    organisations.push(
      await buildOrganisation(c, people, { ...shared, seen: several ? orgSeen(queue.state, orgId, plainKeysOf) : queue.state }, {
        effects: several ? orgEffects(effects, orgId) : effects,
        jobs: router.registry(orgId),
        failed: several ? orgFailedJobs(queue.queue, orgId, plainKeysOf) : queue.queue,
        messenger: several ? stampMessenger(messenger, orgId) : messenger,
        plegerElders: plegerEldersFor(store.plegers, deelnemers, orgId),
      }),
    );
  }
  const [first] = organisations;
  if (!first) throw new Error('no organisation');
  const routed = several ? dispatchTurns(organisations, logger) : first.handle;
  const handle: typeof routed = meter
    ? (input) => meter.measureAs(input.event.kind === 'action' ? input.event.verb.slice(0, 60) : input.event.kind, () => routed(input))
    : routed;
  const app = createApplication(adapter, botAppId(config), handle, logger);
  const health = new JobHealth({ jobs: queue.queue, noticeType: JOB.mislukt, logger });
  const announce = several ? parkedByOrg(new Map(organisations.map((o) => [o.id, o.onParked])), plainKeysOf) : first.onParked;
  const worker = createWorker(queue, {
    logger,
    retryBudgetsMs: HANDLING_RETRY_BUDGETS,
    onParked: async (job) => {
      await announce(job);
      await health.refresh();
    },
  });
  if (several) router.registerOn(worker, plainKeysOf);
  else router.registerEach(worker, first.id);
  // an offered file lives as long as its link: whichever instance looks first deletes it
  const purge = new PollLoop(
    async () => {
      await shared.downloads.purgeExpired(new Date());
      return 0;
    },
    { intervalMs: 10 * 60_000, logger, what: 'downloads purge' },
  );
  const server = createBotServer({
    logger,
    loopbackOnly: config.bot.auth === 'anonymous',
    // the pages are the first organisation's (see docs/DEPLOY.md)
    routes: [...calendarRoutes(organisations), ...pageRoutes(first.services.config, first.services.profile, deelnemers.map((d) => d.name)), downloadRoute(shared.downloads, logger)],
    authenticate: authenticator(adapter, (ctx) => app.run(ctx).then(() => undefined)),
    health: () => health.current(),
  });
  const jobs: Jobs = { ...queue, worker };
  return {
    services: first.services,
    agenda: first.agenda,
    organisations,
    jobs,
    handle,
    server,
    async start() {
      for (const o of organisations) await o.start();
      jobs.worker.start();
      health.start();
      purge.start();
    },
    async stop() {
      await purge.stop();
      await health.stop();
      for (const o of organisations) await o.stop();
      await jobs.worker.stop();
    },
  };
}
