import { BOOKING_KINDS, NAZORG_KINDS } from '../../agenda/bookings.js';
import { nazorgReceiverId } from '../../agenda/people.js';
import { nl } from '../../shared/i18n/nl.js';
import { personalAction, refuse, show } from '../common.js';
import type { ActionHandler } from '../router.js';
import type { Services } from '../services.js';
import { handlerAccess } from './admit.js';
import { annuleren } from './agenda-actions/annuleren.js';
import { bookingAction, type BookingAccess } from './agenda-actions/booking.js';
import { tonen } from './agenda-actions/tonen.js';
import { uitnodigen } from './agenda-actions/uitnodigen.js';
import { verplaatsen } from './agenda-actions/verplaatsen.js';
import { currentNazorgCard } from './nazorg-view.js';
import type { HandlingDeps } from './ports.js';

/** Verplaatsen, Annuleren and Pleger uitnodigen on the melding card: checked on the server like every handler action. */
export function agendaActions(services: Services, deps: HandlingDeps): Record<string, ActionHandler> {
  const access: BookingAccess = { ...handlerAccess(services, deps), kinds: BOOKING_KINDS };
  return {
    'agenda.verplaatsen': bookingAction(services, deps, 'agenda.verplaatsen', access, verplaatsen),
    'agenda.annuleren': bookingAction(services, deps, 'agenda.annuleren', access, annuleren),
    'agenda.uitnodigen': bookingAction(services, deps, 'agenda.uitnodigen', access, uitnodigen),
  };
}

/**
 * The nazorg receiver's own card (personal chat): see, move and cancel their nazorg
 * conversations. Only the person whose nazorg it is, by Entra object id; the handler moves
 * them on the melding card instead. Only nazorg kinds: a tampered kind is refused.
 */
export function nazorgActions(services: Services, deps: HandlingDeps): Record<string, ActionHandler> {
  const access: BookingAccess = {
    allowed: (incident, actor) => nazorgReceiverId(services.people, incident).toLowerCase() === actor.aadObjectId.toLowerCase(),
    kinds: NAZORG_KINDS,
    render: async (incident, _actor, _now, extra) => show(await currentNazorgCard(services, deps.agenda, incident, extra)),
    // nothing of someone else's nazorg, not even its dates
    refused: async () => refuse(nl.agenda.nazorgKaart.weigering),
  };
  return {
    'nazorg.tonen': personalAction(tonen(services, 'nazorg.tonen', access)),
    'nazorg.verplaatsen': personalAction(bookingAction(services, deps, 'nazorg.verplaatsen', access, verplaatsen)),
    'nazorg.annuleren': personalAction(bookingAction(services, deps, 'nazorg.annuleren', access, annuleren)),
  };
}
