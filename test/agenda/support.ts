import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAgenda, type Agenda } from '../../src/agenda/index.js';
import { loadAgendaConfig } from '../../src/agenda/config.js';
import { createBotServer } from '../../src/bot/server.js';
import { followUpNewMelding, GemeldPayloadSchema, JOB } from '../../src/flows/handling/effects.js';
import { defineJob } from '../../src/shared/jobs.js';
import { loadIncident } from '../../src/store/load-incident.js';
import { loadConfig } from '../../src/config.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import type { AzuriteHandle } from '../support/azurite.js';
import { testServices, type TestStack } from '../support/services.js';
import { events, parseIcs, type IcsComponent } from '../calendar/ics-parser.js';
import { DateTime } from 'luxon';
import { computeDeadlines } from '../../src/domain/deadlines.js';
import { IncidentSchema, type Incident, type MaatregelDecision } from '../../src/domain/incident-schema.js';
import { route } from '../../src/domain/route.js';
import type { Services } from '../../src/flows/services.js';
import type { CalendarPort } from '../../src/calendar/port.js';
import { PEOPLE, silentLogger } from '../support/bot.js';

export const EMAIL = {
  raadslid: 'fleur.devries@gemeente-lokaal.example',
  burgemeester: 'mark.visser@gemeente-lokaal.example',
  griffier: 'sanne.jansen@gemeente-lokaal.example',
  coordinator: 'joost.bakker@gemeente-lokaal.example',
} as const;

/** A wall-clock moment in Amsterdam, e.g. amsterdam('2026-11-20T21:00'). */
export function amsterdam(local: string): Date {
  const d = DateTime.fromISO(local, { zone: 'Europe/Amsterdam' });
  if (!d.isValid) throw new Error(`bad time ${local}`);
  return d.toJSDate();
}

export function local(d: Date | string): string {
  return DateTime.fromJSDate(new Date(d), { zone: 'Europe/Amsterdam' }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A stored-shape melding of the raadslid Fleur, built directly (no cards). */
export function makeIncident(services: Services, o: { occurredAt: Date; nazorgGewenst?: boolean; decision?: MaatregelDecision }): Incident {
  const profile = services.profile;
  const at = o.occurredAt.toISOString();
  const fleur = PEOPLE.raadslid;
  return IncidentSchema.parse({
    id: randomUUID(),
    organisationId: services.orgId,
    profileId: profile.id,
    number: '2026-0042',
    state: o.decision ? 'maatregelen-vastgesteld' : 'gemeld',
    overleg: false,
    createdAt: at,
    reportedAt: at,
    occurredAt: at,
    occurredLongAgo: false,
    melder: { aadObjectId: fleur.aadObjectId, name: fleur.name },
    ambtsdrager: { aadObjectId: fleur.aadObjectId, name: fleur.name, role: 'raadslid' },
    namens: false,
    kanaal: 'persoonlijk',
    locatie: 'Raadzaal',
    description: 'Geheime inhoud van de melding: uitgescholden door een bezoeker.',
    doelwitten: ['ambtsdrager'],
    answers: { gerichtOp: 'jij', bedreiging: true, fysiekGeweld: false, gecorrigeerd: false, aanhoudend: false },
    derivedCategory: 'bedreiging-intimidatie',
    chosenCategory: 'bedreiging-intimidatie',
    meldplicht: 'verplicht',
    pleger: { bekend: true, naam: 'Jan Pleger', eerderContact: false },
    attachments: [],
    impact: {
      letsel: false, ziekenhuis: false, steunNodig: true, toestemmingAangifte: true, toestemmingInformeren: false,
      nazorgGewenst: o.nazorgGewenst ?? true,
    },
    routing: route(profile, 'raadslid'),
    deadlines: computeDeadlines({ occurredAt: at, injury: false, profile }),
    handlerIds: [PEOPLE.griffier.aadObjectId],
    ...(o.decision ? { decision: o.decision } : {}),
  });
}

/** Runs the worker until the queue has nothing visible left (jobs retried later come back after their delay). */
export async function drain(worker: { runOnce(): Promise<number> }): Promise<void> {
  for (let i = 0; i < 20; i++) if ((await worker.runOnce()) === 0) return;
}

/** Polls until the worker has taken something (a retried job becomes visible after its backoff). */
export async function runWhenVisible(worker: { runOnce(): Promise<number> }, timeoutMs = 8_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await worker.runOnce()) > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no job became visible');
}

/** A calendar that does its work and then "crashes" once on createEvents, as a killed worker would. */
export function crashAfterCreate(port: CalendarPort): CalendarPort & { crashes: number } {
  const wrapped = {
    crashes: 0,
    getBusy: port.getBusy.bind(port),
    createEvent: port.createEvent.bind(port),
    updateEvent: port.updateEvent.bind(port),
    cancelEvent: port.cancelEvent.bind(port),
    async createEvents(organiser: string, items: Parameters<CalendarPort['createEvents']>[1]) {
      const created = await port.createEvents(organiser, items);
      if (wrapped.crashes === 0) {
        wrapped.crashes += 1;
        throw new Error('simulated crash after createEvents');
      }
      return created;
    },
  };
  return wrapped;
}

export interface AgendaStack {
  stack: TestStack;
  agenda: Agenda;
  /** http://127.0.0.1:<port> of the server with the agenda's routes */
  url: string;
  /** The person's feed fetched over HTTP from the bot server's route. */
  feed(email: string): Promise<IcsComponent[]>;
  stop(): Promise<void>;
}

let tableCounter = 0;

/**
 * Test services plus an agenda on tables of its own (so every test's calendars start empty),
 * its routes served by the real bot server on port 0.
 */
export async function startAgenda(az: AzuriteHandle, o: {
  now: () => Date;
  wrapCalendar?: (p: CalendarPort) => CalendarPort;
  agendaEnv?: Record<string, string>;
  configEnv?: Record<string, string>;
  graph?: { baseUrl: string };
} = { now: () => new Date() }): Promise<AgendaStack> {
  const stack = await testServices({ az });
  if (o.configEnv || o.graph) {
    const graphEnv = o.graph ? { CALENDAR_MODE: 'graph', GRAPH_BASE_URL: o.graph.baseUrl } : {};
    stack.services.config = loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString, ...graphEnv, ...o.configEnv });
  }
  const i = ++tableCounter;
  const base = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
  const agenda = await createAgenda(stack.services, {
    tables: (name) => base(`${name}t${i}`),
    now: o.now,
    agendaConfig: loadAgendaConfig(o.agendaEnv ?? {}),
    ...(o.wrapCalendar ? { wrapCalendar: o.wrapCalendar } : {}),
    ...(o.graph ? {
      graph: { sleep: async () => undefined, backoffMs: 100, maxAttempts: 2 },
    } : {}),
  });
  agenda.register(stack.jobs.worker);
  // the part of the gemeld job that sets the booking going (its posts are tested in test/jobs/handlers.test.ts)
  const services = stack.services;
  stack.jobs.worker.register(defineJob({
    type: JOB.gemeld,
    schema: GemeldPayloadSchema,
    handle: async ({ orgId, incidentId }) => followUpNewMelding(services, (await loadIncident(services.store.incidents, orgId, incidentId)).value),
  }));
  const server = createBotServer({ logger: silentLogger, authenticate: async () => ({ ok: false, status: 401, reason: 'no-bot-here' }), routes: agenda.routes });
  await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
  const feedBase = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return {
    stack,
    agenda,
    url: feedBase,
    async feed(email) {
      const url = agenda.icsUrlFor(email);
      assert.ok(url, 'a feed URL in local mode');
      assert.ok(!url.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? email), 'the address must not show in the URL');
      const res = await fetch(`${feedBase}${new URL(url).pathname}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
      return events(parseIcs(await res.text()));
    },
    async stop() {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.server.close(() => resolve()));
      await stack.stop();
    },
  };
}

/** DTSTART/DTEND (UTC) as Amsterdam wall-clock 'yyyy-MM-ddTHH:mm'. */
export function icsLocal(v: string | undefined): string {
  assert.ok(v, 'time missing');
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  assert.ok(m, `not a UTC time: ${v}`);
  return local(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}
