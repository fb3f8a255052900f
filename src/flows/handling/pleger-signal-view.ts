import { literal, renderCard, type CardJson } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { PlegerSignal } from './pleger-signal.js';

const t = nl.plegerSignaal;

/** "Deze pleger komt voor in 3 andere meldingen, over 2 andere ambtsdragers." */
export function signaalText(signal: Pick<PlegerSignal, 'andereMeldingen' | 'andereAmbtsdragers'>): string {
  const meldingen = signal.andereMeldingen === 1 ? t.meldingenEen : fmt(t.meldingenMeer, { count: signal.andereMeldingen });
  return signal.andereAmbtsdragers === 1 ? fmt(t.ambtsdragersEen, { meldingen }) : fmt(t.ambtsdragersMeer, { meldingen, count: signal.andereAmbtsdragers });
}

/** "Deze pleger is ook bekend bij 2 andere organisaties in deze omgeving." */
function eldersText(count: number): string {
  return count === 1 ? t.elders.een : fmt(t.elders.meer, { count });
}

/**
 * The section of the melding card for a pleger who also appears in meldingen about other
 * ambtsdragers: the counts, and a button for each of those meldingen this viewer may already
 * open (nothing of the others). Added to the card's body after the header, like the aanvulling.
 * A pleger known to other organisations of the deployment adds how many; the coordinator
 * (`coordinator`) also reads which, so she can call her colleague there. An organisation's name
 * says nothing of a melding, and without it the count cannot lead to that call. That count is
 * reused for a minute (store/pleger-elders.ts ELDERS_TTL_MS), so it may lag a melding filed
 * elsewhere by that much, and misses another organisation's meldingen from before the pleger
 * index until that organisation looked up a pleger itself.
 */
export function plegerSignalSection(signal: PlegerSignal | undefined, coordinator = false): CardJson[] {
  if (!signal) return [];
  const here = signal.andereAmbtsdragers > 0;
  if (!here && signal.elders.length === 0) return [];
  const hidden = here ? signal.andereMeldingen - signal.zichtbaar.length : 0;
  const card = renderCard('afhandeling-pleger', {
    telling: here ? signaalText(signal) : '',
    verborgen: hidden === 0 ? '' : hidden === signal.andereMeldingen ? t.nietInzienAlle : fmt(t.nietInzien, { count: hidden }),
    links: here ? signal.zichtbaar.map((m) => ({ incidentId: m.incidentId, title: fmt(t.bekijken, { number: m.number }) })) : [],
    elders: signal.elders.length === 0 ? '' : eldersText(signal.elders.length),
    eldersNamen: coordinator && signal.elders.length > 0 ? fmt(t.elders.namen, { namen: signal.elders.map((n) => literal(n)).join(', ') }) : '',
  });
  return Array.isArray(card['body']) ? card['body'].filter((x): x is CardJson => typeof x === 'object' && x !== null) : [];
}
