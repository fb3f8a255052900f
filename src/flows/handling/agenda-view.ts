import { GESPREK_KINDS, type BookingItem, type Bookings, type GesprekKind } from '../../agenda/index.js';
import { formatDutch } from '../../domain/format.js';
import type { Incident } from '../../domain/incident-schema.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { HandlingAgenda } from './ports.js';

const k = nl.agenda.kaart;

/** What the card needs from the agenda, read once per render. */
export interface AgendaView {
  bookings: Bookings | undefined;
  icsUrls: Partial<Record<GesprekKind, string>>;
}

export async function agendaView(agenda: HandlingAgenda | undefined, incident: Incident): Promise<AgendaView | undefined> {
  if (!agenda) return undefined;
  const bookings = await agenda.bookingsFor(incident.id);
  const icsUrls: Partial<Record<GesprekKind, string>> = {};
  for (const kind of GESPREK_KINDS) {
    const url = bookings?.items.some((i) => i.kind === kind && i.status === 'geboekt') ? agenda.gesprekIcsUrl(incident.id, kind) : undefined;
    if (url) icsUrls[kind] = url;
  }
  return { bookings, icsUrls };
}

const isGesprek = (kind: string): kind is GesprekKind => (GESPREK_KINDS as readonly string[]).includes(kind);

/** One booked moment on a card; `changeable` when the viewer may move or cancel it. */
export function bookingRow(incident: Incident, item: BookingItem, view: AgendaView, handlerView: boolean) {
  const changeable = handlerView && item.status === 'geboekt' && !item.movePending;
  const gesprek = isGesprek(item.kind) && item.status === 'geboekt';
  const warnings = [
    ...(item.buitenTermijn && item.status !== 'geannuleerd' ? [k.buitenTermijn] : []),
    ...(item.termijnVerstreken && item.status !== 'geannuleerd' ? [nl.agenda.status.termijnVerstreken] : []),
    ...(item.buitenKantooruren && item.status !== 'geannuleerd' ? [nl.agenda.status.buitenKantooruren] : []),
    ...(item.movePending ? [k.verplaatsing] : []),
  ];
  const details = [
    fmt(k.locatie, { location: item.location ?? (item.online ? k.online : '') }),
    ...(item.extern && !item.externPending ? [fmt(k.uitgenodigd, { email: item.extern.email })] : []),
  ];
  const icsUrl = isGesprek(item.kind) ? view.icsUrls[item.kind] ?? '' : '';
  const label = k.label[item.kind];
  const lower = label.toLowerCase();
  return {
    incidentId: incident.id,
    kind: item.kind,
    text: fmt(k.regel, { label: k.label[item.kind], date: formatDutch(item.start), status: k.statussen[item.status] }),
    details: item.status === 'geannuleerd' ? [] : details.map((text) => ({ text })),
    warnings: warnings.map((text) => ({ text })),
    canChange: changeable,
    datumId: `datum_${item.kind}`,
    tijdId: `tijd_${item.kind}`,
    annuleerId: `annuleer_${item.kind}`,
    // every input and button names its booking: a card with three bookings has three of each
    datumLabel: fmt(k.datumVoor, { label }),
    tijdLabel: fmt(k.tijdVoor, { label }),
    verplaatsenTitel: fmt(k.verplaatsenVoor, { label }),
    volgendeTitel: fmt(k.volgendeVoor, { label }),
    annulerenTitel: fmt(k.annulerenVoor, { label }),
    annulerenJa: fmt(k.annulerenJa, { label: lower }),
    anderMomentTitel: fmt(k.anderMomentVoor, { label: lower }),
    icsTitel: fmt(k.icsVoor, { label }),
    emailLabel: fmt(k.plegerEmailVoor, { label: lower }),
    bevestigTitel: fmt(k.plegerBevestigVoor, { label: lower }),
    uitnodigenTitel: fmt(k.uitnodigenVoor, { label: lower }),
    // the pleger: the details and a letter for everyone who may see the card; the e-mail only by the handler
    icsUrl,
    showIcs: gesprek && icsUrl !== '',
    showPleger: gesprek,
    canInvite: gesprek && handlerView && !item.extern,
    emailId: `email_${item.kind}`,
    bevestigId: `bevestig_${item.kind}`,
  };
}

/** The data of the card's agenda section; `agendaSection` false hides it (no agenda in this deployment). */
export function agendaCardData(incident: Incident, view: AgendaView | undefined, handlerView: boolean): Record<string, unknown> {
  if (!view) return { agendaSection: false, bookings: [], agendaNotes: [], agendaWarning: '' };
  const items = view.bookings?.items ?? [];
  const notes = [
    ...(incident.impact && !incident.impact.nazorgGewenst ? [k.geenNazorg] : []),
    ...(items.length === 0 && incident.impact?.nazorgGewenst ? [k.nogNiets] : []),
  ];
  return {
    agendaSection: true,
    bookings: items.map((item) => bookingRow(incident, item, view, handlerView)),
    agendaNotes: notes.map((text) => ({ text })),
    agendaWarning: view.bookings?.buitenTermijn ? k.coordinatorTermijn : '',
  };
}
