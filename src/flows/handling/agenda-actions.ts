import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { BOOKING_KINDS, BookingKindSchema, NAZORG_KINDS, type BookingItem, type BookingKind } from '../../agenda/bookings.js';
import { nazorgReceiverId } from '../../agenda/people.js';
import { GESPREK_KINDS } from '../../agenda/gesprek-ics.js';
import { ZONE } from '../../domain/calendar.js';
import type { Incident } from '../../domain/incident-schema.js';
import { nl } from '../../i18n/nl.js';
import { personalAction, refuse, show } from '../common.js';
import type { ActionHandler } from '../router.js';
import type { Services } from '../services.js';
import type { Actor, TurnResult } from '../types.js';
import { admit, auditor, handlerAccess, type Gate } from './admit.js';
import { currentNazorgCard } from './nazorg-view.js';
import type { HandlingAgenda, HandlingDeps } from './ports.js';

const t = nl.agenda.melding;
const DataSchema = z.object({ incidentId: z.uuid(), kind: BookingKindSchema, volgende: z.literal('ja').optional() }).loose();
const GesprekSchema = z.enum(GESPREK_KINDS);
const DAY_MS = 24 * 3_600_000;

type Parsed = z.infer<typeof DataSchema>;
type Outcome = { ok: true; banner: string } | { ok: false; outcome: 'ongeldig'; error: string };

/** A moment typed on the card: a real date and time, not in the past, within a year. */
export function parseMoment(date: unknown, time: unknown, now: Date): { ok: true; start: Date } | { ok: false; error: string } {
  const d = typeof date === 'string' ? date.trim() : '';
  const tm = typeof time === 'string' ? time.trim().slice(0, 5) : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !/^\d{2}:\d{2}$/.test(tm)) return { ok: false, error: t.datumOngeldig };
  const dt = DateTime.fromISO(`${d}T${tm}`, { zone: ZONE });
  if (!dt.isValid) return { ok: false, error: t.datumOngeldig };
  const start = dt.toJSDate();
  if (start.getTime() <= now.getTime()) return { ok: false, error: t.datumVerleden };
  if (start.getTime() > now.getTime() + 366 * DAY_MS) return { ok: false, error: t.datumTeVer };
  return { ok: true, start };
}

/** One click, named by the moment it moves from and to: a double click counts once, moving back is a new click. */
function requestId(item: BookingItem, target: Date | undefined): string {
  return createHash('sha256').update(`${item.start}>${target?.toISOString() ?? 'volgende'}`).digest('hex').slice(0, 32);
}

/** Who may use a set of booking actions, and how their card looks afterwards. */
interface BookingAccess extends Gate {
  /** the kinds this card may change; anything else in a payload is refused */
  kinds: readonly BookingKind[];
  render(incident: Incident, actor: Actor, now: Date, extra: { banner?: string; errors?: string[] }): Promise<TurnResult>;
}

type Run = (agenda: HandlingAgenda, item: BookingItem, p: Parsed, raw: Record<string, unknown>, now: Date) => Promise<Outcome>;

/** One booking action: admit, find the booked item, run, audit, show the card again. */
function bookingAction(services: Services, deps: HandlingDeps, verb: string, access: BookingAccess, run: Run): ActionHandler {
  return async (input, actor, raw) => {
    const admitted = await admit(services, access, DataSchema, { verb, input, actor, raw });
    if (!admitted.ok) return admitted.answer;
    const incident = admitted.found.value;
    const { data } = admitted;
    const audit = auditor(services, verb, actor, input.now);
    const agenda = deps.agenda;
    if (!agenda) return access.render(incident, actor, input.now, { errors: [t.geenAgenda] });
    const item = access.kinds.includes(data.kind) ? (await agenda.bookingsFor(incident.id))?.items.find((i) => i.kind === data.kind) : undefined;
    if (!item || item.status !== 'geboekt') {
      await audit(incident, 'niet-toegestaan');
      return access.render(incident, actor, input.now, { errors: [t.geenAfspraak] });
    }
    const result = await run(agenda, item, data, data as Record<string, unknown>, input.now);
    await audit(incident, result.ok ? 'ok' : result.outcome);
    if (result.ok) services.logger.info({ actor: actor.aadObjectId, incident: incident.id, verb, kind: item.kind }, 'afspraak');
    return access.render(incident, actor, input.now, result.ok ? { banner: result.banner } : { errors: [result.error] });
  };
}

const verplaatsen: Run = async (agenda, item, p, raw, now) => {
  if (p.volgende === 'ja') {
    await agenda.verplaatsen(p.incidentId, item.kind, requestId(item, undefined));
    return { ok: true, banner: t.volgende };
  }
  const moment = parseMoment(raw[`datum_${item.kind}`], raw[`tijd_${item.kind}`], now);
  if (!moment.ok) return { ok: false, outcome: 'ongeldig', error: moment.error };
  await agenda.verplaatsen(p.incidentId, item.kind, requestId(item, moment.start), moment.start);
  return { ok: true, banner: t.verplaatst };
};

const annuleren: Run = async (agenda, item, p) => {
  await agenda.annuleren(p.incidentId, item.kind);
  return { ok: true, banner: t.geannuleerd };
};

/** Verplaatsen, Annuleren and Pleger uitnodigen on the melding card: checked on the server like every handler action. */
export function agendaActions(services: Services, deps: HandlingDeps): Record<string, ActionHandler> {
  const access: BookingAccess = { ...handlerAccess(services, deps), kinds: BOOKING_KINDS };
  return {
    'agenda.verplaatsen': bookingAction(services, deps, 'agenda.verplaatsen', access, verplaatsen),
    'agenda.annuleren': bookingAction(services, deps, 'agenda.annuleren', access, annuleren),
    'agenda.uitnodigen': bookingAction(services, deps, 'agenda.uitnodigen', access, async (agenda, item, p, raw) => {
      const kind = GesprekSchema.safeParse(item.kind);
      if (!kind.success) return { ok: false, outcome: 'ongeldig', error: t.geenAfspraak };
      const email = z.email().max(254).safeParse(String(raw[`email_${item.kind}`] ?? '').trim());
      if (!email.success) return { ok: false, outcome: 'ongeldig', error: t.emailOngeldig };
      if (raw[`bevestig_${item.kind}`] !== 'ja') return { ok: false, outcome: 'ongeldig', error: t.bevestigNodig };
      await agenda.uitnodigen(p.incidentId, kind.data, email.data);
      return { ok: true, banner: t.uitgenodigd };
    }),
  };
}

/**
 * The nazorg receiver's own card (personal chat): see, move and cancel their nazorg
 * conversations. Only the person whose nazorg it is, by Entra object id; the handler moves
 * them on the melding card instead. Only nazorg kinds: a tampered kind is refused.
 */
export function nazorgActions(services: Services, deps: HandlingDeps): Record<string, ActionHandler> {
  const render: BookingAccess['render'] = async (incident, _actor, _now, extra) => show(await currentNazorgCard(services, deps.agenda, incident, extra));
  const access: BookingAccess = {
    allowed: (incident, actor) => nazorgReceiverId(services.people, incident).toLowerCase() === actor.aadObjectId.toLowerCase(),
    kinds: NAZORG_KINDS,
    render,
    // nothing of someone else's nazorg, not even its dates
    refused: async () => refuse(nl.agenda.nazorgKaart.weigering),
  };
  const ShowSchema = z.object({ incidentId: z.uuid() }).loose();
  return {
    'nazorg.tonen': personalAction(async (input, actor, raw) => {
      const admitted = await admit(services, access, ShowSchema, { verb: 'nazorg.tonen', input, actor, raw, auditRefusal: false });
      return admitted.ok ? render(admitted.found.value, actor, input.now, {}) : admitted.answer;
    }),
    'nazorg.verplaatsen': personalAction(bookingAction(services, deps, 'nazorg.verplaatsen', access, verplaatsen)),
    'nazorg.annuleren': personalAction(bookingAction(services, deps, 'nazorg.annuleren', access, annuleren)),
  };
}
