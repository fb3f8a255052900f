import type { Config } from '../config.js';
import type { LocalCalendar } from '../calendar/local.js';
import type { CalendarPort } from '../calendar/port.js';
import type { HttpRoute } from '../shared/http-route.js';
import type { JobRegistry } from '../shared/jobs.js';
import { storedSecret } from '../store/settings.js';
import { ensureTables, type TableClientFactory } from '../store/tables.js';
import type { AgendaDeps, BookingChange } from './booker.js';
import { BOOKINGS_TABLE, BookingRepository, type BookingKind, type Bookings } from './bookings.js';
import { annulerenJob, verplaatsenJob } from './change.js';
import { loadAgendaConfig, LOCAL_FEED_SECRET, type AgendaConfig } from './config.js';
import { CALENDAR_TABLE, createCalendar, type CreateCalendarOptions } from './create-calendar.js';
import { feedRoute, feedUrl } from './feed.js';
import { uitnodigenJob } from './extern.js';
import { herstelgesprekJob, incidentgesprekJob } from './gesprek.js';
import { gesprekRoute, gesprekUrl, type GesprekKind } from './gesprek-ics.js';
import { cancelBooking, invitePleger, moveBooking } from './jobs.js';
import { SlotLedger, SLOTS_TABLE } from './ledger.js';
import { nazorgJob } from './nazorg.js';
import type { AgendaServices } from './services.js';

export { AGENDA_JOBS, bookHerstelgesprek, bookIncidentgesprek, bookNazorg } from './jobs.js';
export type { Bookings, BookingItem, BookingKind } from './bookings.js';
export type { BookingChange } from './booker.js';
export { GESPREK_KINDS, type GesprekKind } from './gesprek-ics.js';
export { createCalendar } from './create-calendar.js';

export interface Agenda {
  calendar: CalendarPort;
  /** Local mode only: the store behind the .ics feeds. */
  local: LocalCalendar | undefined;
  /** GET /calendar/gesprek/... always (the letter's .ics); GET /calendar/<token>.ics in local mode (with a secret outside a local run). */
  routes: HttpRoute[];
  config: AgendaConfig;
  /**
   * Registers nazorg.boeken, incidentgesprek.boeken, herstelgesprek.boeken, agenda.verplaatsen,
   * agenda.annuleren, agenda.uitnodigen. Their jobs call onBooked after the bookings changed: the
   * afhandeling updates its cards (given here, not at creation, as the afhandeling is built with the agenda).
   */
  register(worker: JobRegistry, onBooked?: (incidentId: string, change: BookingChange) => Promise<void>): void;
  /** The booked moments of a melding of this organisation, for the cards. */
  bookingsFor(incidentId: string): Promise<Bookings | undefined>;
  /** The person's feed in local mode; undefined with Graph. */
  icsUrlFor(email: string): string | undefined;
  /** Queues a move of the same event; without start: the next free moment. requestId names the click. */
  verplaatsen(incidentId: string, kind: BookingKind, requestId: string, start?: Date): Promise<void>;
  annuleren(incidentId: string, kind: BookingKind): Promise<void>;
  /** The .ics of one gesprek for a letter to the pleger (with Graph too). */
  gesprekIcsUrl(incidentId: string, kind: GesprekKind): string | undefined;
  /** Queues adding the pleger to the same event (only on the handler's explicit confirmation). */
  uitnodigen(incidentId: string, kind: GesprekKind, email: string): Promise<void>;
}

export interface CreateAgendaOptions extends Omit<CreateCalendarOptions, 'tables'> {
  tables: TableClientFactory;
  /** Wraps the chosen adapter (tests: one that crashes after a call). */
  wrapCalendar?: (port: CalendarPort) => CalendarPort;
  agendaConfig?: AgendaConfig;
  now?: () => Date;
}

/** Builds the agenda for one deployment; ensures its tables. */
export async function createAgenda(services: AgendaServices, options: CreateAgendaOptions): Promise<Agenda> {
  const config: Config = services.config;
  const agendaConfig = options.agendaConfig ?? loadAgendaConfig(process.env);
  await ensureTables(options.tables, [BOOKINGS_TABLE, CALENDAR_TABLE, SLOTS_TABLE]);
  const chosen = createCalendar(config, options);
  const calendar = options.wrapCalendar ? options.wrapCalendar(chosen.port) : chosen.port;
  const local = chosen.local;
  const deps: AgendaDeps = {
    services,
    calendar,
    bookings: new BookingRepository(options.tables),
    ledger: new SlotLedger(options.tables, services.orgId, options.now ? { now: options.now } : {}),
    config: agendaConfig,
    now: options.now ?? (() => new Date()),
  };
  const org = services.orgId;
  const secret = agendaConfig.feedSecret ?? (config.local ? LOCAL_FEED_SECRET : undefined);
  const feeds = local && secret !== undefined ? { local, secret } : undefined;
  if (local && !feeds) services.logger.warn({}, 'WEERBAAR_CALENDAR_SECRET not set: the .ics feeds are off');
  // the letter's .ics is needed with Graph too (the pleger is outside the organisation): never off
  const letterSecret = secret ?? (await storedSecret(options.tables, 'gesprek-ics'));
  return {
    calendar,
    local,
    config: agendaConfig,
    // the gesprek route first: the feed route takes every path under /calendar/
    routes: [
      gesprekRoute(deps.bookings, org, letterSecret),
      ...(feeds ? [feedRoute(feeds.local, services.people, feeds.secret)] : []),
    ],
    register(worker, onBooked) {
      const told: AgendaDeps = onBooked ? { ...deps, onBooked } : deps;
      worker.register(nazorgJob(told));
      worker.register(incidentgesprekJob(told));
      worker.register(herstelgesprekJob(told));
      worker.register(verplaatsenJob(told));
      worker.register(annulerenJob(told));
      worker.register(uitnodigenJob(told));
    },
    bookingsFor: (incidentId) => deps.bookings.get(org, incidentId),
    icsUrlFor: (email) => (feeds ? feedUrl(config.publicUrl, feeds.secret, email) : undefined),
    verplaatsen: (incidentId, kind, requestId, start) => services.effects.enqueue(moveBooking(org, incidentId, kind, requestId, start)),
    annuleren: (incidentId, kind) => services.effects.enqueue(cancelBooking(org, incidentId, kind)),
    gesprekIcsUrl: (incidentId, kind) => gesprekUrl(config.publicUrl, letterSecret, org, incidentId, kind),
    uitnodigen: (incidentId, kind, email) => services.effects.enqueue(invitePleger(org, incidentId, kind, email)),
  };
}
