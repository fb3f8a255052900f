import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, type Config } from './config.js';
import { applyOverrides, getProfile, type Profile } from './domain/profiles/index.js';
import { createAgenda, type Agenda } from './agenda/index.js';
import { loadAgendaConfig } from './agenda/config.js';
import { FEED_PATH } from './agenda/feed.js';
import { GESPREK_PATH } from './agenda/gesprek-ics.js';
import { createRouter } from './flows/router.js';
import type { Services } from './flows/services.js';
import type { Logger } from './logger.js';
import type { PeopleDirectory } from './people/directory.js';
import { reportFlow } from './flows/report/index.js';
import { agendaChanged } from './flows/handling/agenda-effects.js';
import { captureConversations, handlingFlow, type HandlingDeps, type Messenger } from './flows/handling/index.js';
import type { FailedJobs } from './flows/handling/failed.js';
import { deadlineDueSource } from './flows/handling/termijnen.js';
import type { OrgTurns } from './flows/organisations/dispatch.js';
import { reportTimesChanged } from './flows/rapport/index.js';
import { announceParked, REACH_JOB, registerHandlingJobs } from './jobs/handlers/index.js';
import { registerTermijnJobs } from './jobs/handlers/termijnen.js';
import { registerRetentionJobs, retentionLoop, type AvgJobContext } from './jobs/handlers/retention.js';
import type { ParkedJob } from './jobs/job-state.js';
import { createOutboxSweeper } from './jobs/outbox-sweeper.js';
import { TimerScheduler } from './jobs/timer-scheduler.js';
import type { EffectQueue, JobRegistry } from './shared/jobs.js';
import type { HttpRoute } from './shared/http-route.js';
import type { Downloads } from './store/downloads.js';
import { ErasureStore } from './store/erasure.js';
import type { PlegerElders } from './store/pleger-elders.js';
import type { Store } from './store/ports.js';
import type { TableClientFactory } from './store/tables.js';
import type { TimerRepository } from './store/timer-repository.js';

export function loadProfile(config: Config): Profile {
  const base = getProfile(config.profileId);
  if (!config.profileOverridesFile) return base;
  return applyOverrides(base, readFileSync(config.profileOverridesFile, 'utf8'));
}

/** The agenda's settings: the organisation's own (organisations file) over the environment's. */
function agendaConfigOf(config: Config): ReturnType<typeof loadAgendaConfig> {
  try {
    return loadAgendaConfig({ ...process.env, ...config.agendaSettings });
  } catch (err) {
    if (!(err instanceof ConfigError) || !config.agendaSettings) throw err;
    const detail = err.message.replace(/^Ongeldige configuratie: /, '');
    throw new ConfigError('WEERBAAR_ORGANISATIONS_FILE', `organisatie ${config.organisation.id}: agenda.${detail}`);
  }
}

/** What the organisations of one deployment share: storage, the queue, the bot's identity in Teams. */
export interface SharedParts {
  logger: Logger;
  tables: TableClientFactory;
  store: Store;
  downloads: Downloads;
  timers: TimerRepository;
  /** whether the worker has seen a job key, as this organisation's modules make it */
  seen: { get(key: string): Promise<unknown> };
  handlingFor(agenda: Agenda): Promise<HandlingDeps>;
  avg?: Pick<AvgJobContext, 'fault'> & { now?: () => Date };
}

/** What one organisation gets of the shared parts: its view of the queue and of Teams. */
export interface OrgParts {
  effects: EffectQueue;
  /** where its job handlers go */
  jobs: JobRegistry;
  failed: FailedJobs;
  messenger: Messenger;
  /** the other consenting organisations' pleger index, as a count only (store/pleger-elders.ts) */
  plegerElders?: PlegerElders | undefined;
}

/**
 * One organisation served by the deployment: what the dispatcher turns to (its router, which also
 * remembers the conversations it sees), and its agenda, jobs and background loops.
 */
export interface Organisation extends OrgTurns {
  agenda: Agenda;
  handling: HandlingDeps;
  /** the worker's onParked for its jobs */
  onParked(job: ParkedJob): Promise<void>;
  routes: HttpRoute[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds one organisation from its config, each part after what it needs: its people and
 * profile, the services, the agenda, the afhandeling, the router, and its jobs and loops.
 */
export async function buildOrganisation(config: Config, people: PeopleDirectory, shared: SharedParts, parts: OrgParts): Promise<Organisation> {
  const { logger, tables, avg } = shared;
  const services: Services = {
    config,
    profile: loadProfile(config),
    people,
    logger,
    store: shared.store,
    effects: parts.effects,
    downloads: shared.downloads,
    orgId: config.organisation.id,
    ...(parts.plegerElders ? { plegerElders: parts.plegerElders } : {}),
  };
  const agendaConfig = agendaConfigOf(config);
  const agenda = await createAgenda(services, { tables, agendaConfig });
  const handling = await shared.handlingFor(agenda);
  const report = reportFlow(services, handling);
  const router = createRouter(services, [report, handlingFlow(services, handling, parts.failed)]);
  const handle = captureConversations(services, handling, router);
  const jobContext = { services, deps: handling, messenger: parts.messenger, now: () => new Date() };
  registerHandlingJobs(parts.jobs, jobContext);
  // the deadlines: timers on Table Storage, fired by whichever instance claims them first
  registerTermijnJobs(parts.jobs, { ...jobContext, timers: shared.timers, due: deadlineDueSource(services, handling) });
  const scheduler = new TimerScheduler({ timers: shared.timers, queue: services.effects, orgId: services.orgId, logger });
  // a melding stored by an instance that died before enqueueing its work: found by whichever instance sweeps
  const outbox = createOutboxSweeper({ tables, services, deps: handling, state: shared.seen });
  // the AVG: erasing meldingen past their term (a daily job) or on the coordinator's request
  const avgNow = avg?.now ?? (() => new Date());
  registerRetentionJobs(parts.jobs, { ...jobContext, now: avgNow, erasure: new ErasureStore(tables), agenda: agenda.erasure, ...(avg?.fault ? { fault: avg.fault } : {}) });
  const retention = retentionLoop({ queue: services.effects, orgId: services.orgId, logger, now: avgNow });
  // Bookings show on the afhandeling cards: a booking change updates them in place, and the report's times.
  const cardsChanged = agendaChanged(services, handling);
  const timesChanged = reportTimesChanged(services, agenda);
  agenda.register(parts.jobs, async (incidentId, change) => {
    await timesChanged(incidentId);
    await cardsChanged(incidentId, change);
  });
  return {
    id: services.orgId,
    name: config.organisation.name,
    services,
    agenda,
    handling,
    handle,
    remember: handle.remember,
    hasDraft: async (actor) => (report.hasDraft ? report.hasDraft(actor) : false),
    onParked: announceParked(jobContext),
    routes: agenda.routes,
    async start() {
      // whom the bot cannot write to 1:1, told to the coordinator at most once a day
      await services.effects.enqueue({ type: REACH_JOB, idempotencyKey: `bereikbaar:${new Date().toISOString().slice(0, 10)}`, payload: { orgId: services.orgId } });
      scheduler.start();
      outbox.start();
      retention.start();
    },
    async stop() {
      await retention.stop();
      await outbox.stop();
      await scheduler.stop();
    },
  };
}

const GESPREK = /^\/calendar\/gesprek\/([0-9a-f-]{36})\.(incidentgesprek|herstelgesprek)\.[0-9a-f]{64}\.ics$/;

const samePath = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const pathOf = (url: string): string => new URL(url, 'http://localhost').pathname;
const notFound: HttpRoute['handle'] = (_req, res) => {
  res.writeHead(404).end();
  return Promise.resolve();
};

/**
 * The agenda's .ics routes of every organisation on their one pair of paths: a link is handed to
 * the organisation whose link it is (its token is made with that organisation's id and secret).
 */
export function calendarRoutes(orgs: readonly Organisation[]): HttpRoute[] {
  const [only, ...more] = orgs;
  if (!only) return [];
  if (more.length === 0) return only.routes;
  const gesprek: HttpRoute = {
    method: 'GET',
    path: GESPREK_PATH,
    handle(req, res, body) {
      const path = pathOf(req.url ?? '/');
      const m = GESPREK.exec(path);
      const [incidentId, kind] = [m?.[1], m?.[2]];
      const owner =
        incidentId === undefined || (kind !== 'incidentgesprek' && kind !== 'herstelgesprek')
          ? undefined
          : orgs.find((o) => {
              const url = o.agenda.gesprekIcsUrl(incidentId, kind);
              return url !== undefined && samePath(pathOf(url), path);
            });
      return (owner?.routes.find((r) => r.path === GESPREK_PATH)?.handle ?? notFound)(req, res, body);
    },
  };
  // a feed's path is its token, one per person and organisation: known in advance
  const feeds = new Map<string, HttpRoute>();
  for (const o of orgs) {
    const route = o.routes.find((r) => r.path === FEED_PATH);
    for (const p of route ? o.services.people.people : []) {
      const url = p.email ? o.agenda.icsUrlFor(p.email) : undefined;
      if (url && route && !feeds.has(pathOf(url))) feeds.set(pathOf(url), route);
    }
  }
  const feed: HttpRoute = {
    method: 'GET',
    path: FEED_PATH,
    handle: (req, res, body) => (feeds.get(pathOf(req.url ?? '/'))?.handle ?? notFound)(req, res, body),
  };
  return [gesprek, feed];
}
