import { renderCard, type CardJson } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { PlegerSignal } from './pleger-signal.js';

const t = nl.plegerSignaal;
/** more buttons make the card long on a phone; each melding opened shows its own links again */
const MAX_LINKS = 5;

/** "Deze pleger komt voor in 3 andere meldingen, over 2 andere ambtsdragers." */
export function signaalText(signal: Pick<PlegerSignal, 'andereMeldingen' | 'andereAmbtsdragers'>): string {
  const meldingen = signal.andereMeldingen === 1 ? t.meldingenEen : fmt(t.meldingenMeer, { count: signal.andereMeldingen });
  return signal.andereAmbtsdragers === 1 ? fmt(t.ambtsdragersEen, { meldingen }) : fmt(t.ambtsdragersMeer, { meldingen, count: signal.andereAmbtsdragers });
}

/**
 * The section of the melding card for a pleger who also appears in meldingen about other
 * ambtsdragers: the counts, and a button for each of those meldingen this viewer may already
 * open (nothing of the others). Added to the card's body after the header, like the aanvulling.
 */
export function plegerSignalSection(signal: PlegerSignal | undefined): CardJson[] {
  if (!signal || signal.andereAmbtsdragers === 0) return [];
  const hidden = signal.andereMeldingen - signal.zichtbaar.length;
  const card = renderCard('afhandeling-pleger', {
    telling: signaalText(signal),
    verborgen: hidden === 0 ? '' : hidden === signal.andereMeldingen ? t.nietInzienAlle : fmt(t.nietInzien, { count: hidden }),
    links: signal.zichtbaar.slice(0, MAX_LINKS).map((m) => ({ incidentId: m.incidentId, title: fmt(t.bekijken, { number: m.number }) })),
  });
  return Array.isArray(card['body']) ? card['body'].filter((x): x is CardJson => typeof x === 'object' && x !== null) : [];
}
