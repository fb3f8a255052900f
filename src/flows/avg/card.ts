import { formatDutch } from '../../domain/format.js';
import type { Incident } from '../../domain/incident-schema.js';
import type { Profile } from '../../domain/profiles/index.js';
import { renderCard } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { CardJson } from '../types.js';

const g = nl.avg.gewist;

/** An erased melding's card, wherever one was posted or is opened: its number and that it was erased, nothing more. */
export function gewistCard(incident: Incident, profile: Profile): CardJson | undefined {
  const gewist = incident.gewist;
  if (!gewist) return undefined;
  return renderCard('avg-gewist', {
    titel: fmt(g.titel, { nummer: incident.number }),
    status: fmt(nl.afhandeling.kaart.status, { status: nl.incident.status[incident.state] }),
    tekst: fmt(g.tekst, { datum: formatDutch(gewist.at) }),
    reden: gewist.reden === 'verzoek' ? fmt(g.reden.verzoek, { coordinator: profile.coordinatorLabel }) : g.reden.bewaartermijn,
  });
}

/** Whether the card offers early erasure: a closed melding the coordinator was shown (the click is checked again on the server). */
export function offersErasure(incident: Incident): boolean {
  return incident.state === 'afgesloten' && incident.routing.coordinator && !incident.gewist;
}

/**
 * Adds the coordinator's "wissen" button to a rendered melding card, as its last action. Kept
 * apart from the melding card's template, which is laid out elsewhere.
 */
export function withErasureAction(card: CardJson, incident: Incident, profile: Profile): CardJson {
  if (!offersErasure(incident)) return card;
  const knop = renderCard('avg-wissen-knop', { titel: fmt(nl.avg.wissen.knop, { coordinator: profile.coordinatorLabel }), incidentId: incident.id });
  const extra = Array.isArray(knop['actions']) ? knop['actions'] : [];
  const actions = Array.isArray(card['actions']) ? card['actions'] : [];
  return { ...card, actions: [...actions, ...extra] };
}
