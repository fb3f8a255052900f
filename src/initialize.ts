import { readFileSync } from 'node:fs';
import type { Config } from './config.js';
import { applyOverrides, getProfile, type Profile } from './domain/profiles/index.js';
import { createAdapter, botAppId } from './bot/adapter.js';
import { authenticator } from './bot/authenticate.js';
import { createApplication } from './bot/app.js';
import { createBotServer } from './bot/server.js';
import { createRouter } from './flows/router.js';
import type { Services } from './flows/services.js';
import { createLogger, type Logger } from './logger.js';
import { PeopleDirectory } from './people/directory.js';
import { reportFlow } from './flows/report/index.js';
import { createAgenda, type Agenda } from './agenda/index.js';
import { downloadRoute } from './pages/download.js';
import { pageRoutes } from './pages/index.js';
import { PollLoop } from './jobs/poll-loop.js';
import { agendaChanged } from './flows/handling/agenda-effects.js';
import { captureConversations, handlingFlow } from './flows/handling/index.js';
import { announceParked, createHandlingDeps, HANDLING_RETRY_BUDGETS, REACH_JOB, registerHandlingJobs } from './jobs/handlers/index.js';
import { JobHealth } from './jobs/health.js';
import { createOutboxSweeper } from './jobs/outbox-sweeper.js';
import { JOB } from './flows/handling/effects.js';
import { TeamsMessenger } from './bot/proactive.js';
import { TeamsRoster } from './bot/roster.js';
import { createDownloads } from './store/downloads.js';
import { storedSecret } from './store/settings.js';
import { createTableStore } from './store/table-store.js';
import { createTableClientFactory, ensureTables, type TableStorage } from './store/tables.js';
import type { StorageMeter } from './store/storage-meter.js';
import { createWorker, openJobQueue, type Jobs } from './jobs/create-jobs.js';
import { registerTermijnJobs } from './jobs/handlers/termijnen.js';
import { TimerScheduler } from './jobs/timer-scheduler.js';
import { deadlineDueSource } from './flows/handling/termijnen.js';
import { openTimers } from './store/timer-repository.js';
import type { QueueStorage } from './jobs/queue-client.js';
import { ManagedIdentityCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';

export function loadProfile(config: Config): Profile {
  const base = getProfile(config.profileId);
  if (!config.profileOverridesFile) return base;
  return applyOverrides(base, readFileSync(config.profileOverridesFile, 'utf8'));
}

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
  services: Services;
  jobs: Jobs;
  agenda: Agenda;
  handle: ReturnType<typeof createRouter>;
  server: ReturnType<typeof createBotServer>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface InitializeOptions {
  /** counts the storage operations of every turn, by verb (the bench and tests read it); none in production */
  meter?: StorageMeter;
}

/**
 * Assembles everything from a config, each part after what it needs: storage, the services,
 * the agenda, the afhandeling, the bot, and last the worker that runs their jobs. index.ts only
 * calls this and listens.
 */
export async function initialize(config: Config, logger: Logger = createLogger(config.logLevel), options: InitializeOptions = {}): Promise<Weerbaar> {
  const { meter } = options;
  // first: without it nothing can run, and src/not-configured.ts waits for it without touching storage
  const people = PeopleDirectory.fromFile(config.peopleFile);
  const storage = storageFor(config);
  const tables = meter ? meter.tables(createTableClientFactory(storage.tables)) : createTableClientFactory(storage.tables);
  await ensureTables(tables);
  const store = createTableStore(tables);
  const queue = await openJobQueue({ queueStorage: storage.queues, tables });
  const services: Services = {
    config,
    profile: loadProfile(config),
    people,
    logger,
    store,
    effects: meter ? meter.effects(queue.queue) : queue.queue,
    downloads: createDownloads(tables, await storedSecret(tables, 'downloads'), config.publicUrl),
    orgId: config.organisation.id,
  };
  const agenda = await createAgenda(services, { tables });
  const adapter = createAdapter(config);
  const handling = await createHandlingDeps(tables, new TeamsRoster(adapter, botAppId(config)), agenda);
  const routed = captureConversations(services, handling, createRouter(services, [reportFlow(services, handling.conversations), handlingFlow(services, handling, queue.queue)]));
  const handle: typeof routed = meter
    ? (input) => meter.measureAs(input.event.kind === 'action' ? input.event.verb.slice(0, 60) : input.event.kind, () => routed(input))
    : routed;
  const app = createApplication(adapter, botAppId(config), handle, logger);
  const jobContext = { services, deps: handling, messenger: new TeamsMessenger(adapter, botAppId(config)), now: () => new Date() };
  const health = new JobHealth({ jobs: queue.queue, noticeType: JOB.mislukt, logger });
  const announce = announceParked(jobContext);
  const worker = createWorker(queue, {
    logger,
    retryBudgetsMs: HANDLING_RETRY_BUDGETS,
    onParked: async (job) => {
      await announce(job);
      await health.refresh();
    },
  });
  registerHandlingJobs(worker, jobContext);
  // the deadlines: timers on Table Storage, fired by whichever instance claims them first
  const timers = await openTimers(tables);
  registerTermijnJobs(worker, { ...jobContext, timers, due: deadlineDueSource(services, handling) });
  const scheduler = new TimerScheduler({ timers, queue: queue.queue, orgId: services.orgId, logger });
  // a melding stored by an instance that died before enqueueing its work: found by whichever instance sweeps
  const outbox = createOutboxSweeper({ tables, services, deps: handling, state: queue.state });
  // Bookings show on the afhandeling cards: a booking change updates them in place.
  agenda.register(worker, agendaChanged(services, handling));
  // an offered file lives as long as its link: whichever instance looks first deletes it
  const purge = new PollLoop(
    async () => {
      await services.downloads.purgeExpired(new Date());
      return 0;
    },
    { intervalMs: 10 * 60_000, logger, what: 'downloads purge' },
  );
  const server = createBotServer({
    logger,
    loopbackOnly: config.bot.auth === 'anonymous',
    routes: [...agenda.routes, ...pageRoutes(config, services.profile), downloadRoute(services.downloads, logger)],
    authenticate: authenticator(adapter, (ctx) => app.run(ctx).then(() => undefined)),
    health: () => health.current(),
  });
  const jobs: Jobs = { ...queue, worker };
  return {
    services,
    jobs,
    agenda,
    handle,
    server,
    async start() {
      // whom the bot cannot write to 1:1, told to the coordinator at most once a day
      await jobs.queue.enqueue({ type: REACH_JOB, idempotencyKey: `bereikbaar:${new Date().toISOString().slice(0, 10)}`, payload: { orgId: services.orgId } });
      jobs.worker.start();
      scheduler.start();
      outbox.start();
      health.start();
      purge.start();
    },
    async stop() {
      await purge.stop();
      await health.stop();
      await outbox.stop();
      await scheduler.stop();
      await jobs.worker.stop();
    },
  };
}
