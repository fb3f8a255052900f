import { z } from 'zod';
import { BookingKindSchema, type BookingItem, type BookingKind } from '../../../agenda/bookings.js';
import type { Incident } from '../../../domain/incident-schema.js';
import { nl } from '../../../shared/i18n/nl.js';
import type { ActionHandler } from '../../router.js';
import type { Services } from '../../services.js';
import type { Actor, TurnResult } from '../../types.js';
import { admit, auditor, type Gate } from '../admit.js';
import type { HandlingAgenda, HandlingDeps } from '../ports.js';

const t = nl.agenda.melding;
const DataSchema = z.object({ incidentId: z.uuid(), kind: BookingKindSchema, volgende: z.literal('ja').optional() }).loose();

export type BookingData = z.infer<typeof DataSchema>;
export type BookingOutcome = { ok: true; banner: string } | { ok: false; outcome: 'ongeldig'; error: string };

/** Who may use a set of booking actions, and how their card looks afterwards. */
export interface BookingAccess extends Gate {
  /** the kinds this card may change; anything else in a payload is refused */
  kinds: readonly BookingKind[];
  render(incident: Incident, actor: Actor, now: Date, extra: { banner?: string; errors?: string[] }): Promise<TurnResult>;
}

/** What one booking action does to the booked item, once the click is admitted. */
export type BookingRun = (agenda: HandlingAgenda, item: BookingItem, p: BookingData, raw: Record<string, unknown>, now: Date) => Promise<BookingOutcome>;

/** One booking action: admit, find the booked item, run, audit, show the card again. */
export function bookingAction(services: Services, deps: HandlingDeps, verb: string, access: BookingAccess, run: BookingRun): ActionHandler {
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
