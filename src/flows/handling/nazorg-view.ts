import { renderCard } from '../../cards/render.js';
import type { Incident } from '../../domain/incident-schema.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { Services } from '../services.js';
import type { CardJson } from '../types.js';
import { isNazorgKind } from '../../agenda/bookings.js';
import { nazorgReceiverId } from '../../agenda/people.js';
import { agendaView, bookingRow, type AgendaView } from './agenda-view.js';
import type { HandlingAgenda } from './ports.js';

const n = nl.agenda.nazorgKaart;

export interface NazorgCardOptions {
  banner?: string;
  errors?: string[];
  /** the receiver's own .ics feed (local calendar only) */
  feedUrl?: string;
}

/** The nazorg card with the current bookings and the receiver's feed: for the action's answer and for the posted card alike. */
export async function currentNazorgCard(
  services: Services,
  agenda: HandlingAgenda | undefined,
  incident: Incident,
  extra: { banner?: string; errors?: string[] } = {},
): Promise<CardJson> {
  const receiver = services.people.get(nazorgReceiverId(services.people, incident));
  const feedUrl = receiver?.email ? agenda?.icsUrlFor(receiver.email) : undefined;
  return nazorgCard(services, incident, await agendaView(agenda, incident), { ...extra, ...(feedUrl ? { feedUrl } : {}) });
}

/**
 * The nazorg receiver's own card in their personal chat: the three conversations with date,
 * place and the nazorg giver, and Verplaatsen/Annuleren. Nothing of the melding or its
 * afhandeling: no content, no pleger, no maatregelen.
 */
export function nazorgCard(services: Services, incident: Incident, view: AgendaView | undefined, options: NazorgCardOptions = {}): CardJson {
  const items = (view?.bookings?.items ?? []).filter((i) => isNazorgKind(i.kind));
  const notes = !incident.impact?.nazorgGewenst ? [n.geenNazorg] : items.length === 0 ? [n.nogNiets] : [];
  const bookings = items.map((item) => {
    const row = bookingRow(incident, item, view ?? { bookings: undefined, icsUrls: {} }, true);
    const giver = services.people.people.find((p) => p.email?.toLowerCase() === item.organiser.toLowerCase());
    const details = item.status === 'geannuleerd' || !giver ? row.details : [{ text: fmt(n.met, { name: giver.name }) }, ...row.details];
    return { ...row, details };
  });
  return renderCard('nazorg-afspraken', {
    title: fmt(n.titel, { number: incident.number }),
    incidentId: incident.id,
    notes: notes.map((text) => ({ text })),
    bookings,
    banner: options.banner ?? '',
    errors: (options.errors ?? []).map((text) => ({ text })),
    feedUrl: options.feedUrl ?? '',
  });
}
