import { literal, renderCard, type CardJson } from '../../cards/render.js';
import { ontbrekend } from '../../domain/aanvulling.js';
import { proposeCategory } from '../../domain/classify.js';
import { formatDutch } from '../../domain/format.js';
import type { Incident } from '../../domain/incident-schema.js';
import { CATEGORIES } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';

const a = nl.afhandeling.aanvulling;

/**
 * The section "Aanvulling nodig" of the melding card, while a (short) melding lacks parts: what the
 * melder has not filled in yet, the category proposed from the description or settled by a
 * handler, and for a handler of an open melding the choice to settle it. Its own template, added
 * to the card's body after the header, so the card's layout stays the card's.
 */
export function aanvullingSection(incident: Incident, handlerView: boolean): CardJson[] {
  const missing = ontbrekend(incident);
  if (missing.length === 0) return [];
  const proposal = proposeCategory(incident.description);
  const label = (c: Incident['chosenCategory']) => nl.category.label[c];
  const vast = incident.categorieVastgesteld;
  const categorieText = vast
    ? fmt(a.vastgesteld, { name: literal(vast.by.name ?? ''), date: formatDutch(vast.at), label: label(vast.value) })
    : missing.includes('categorie')
      ? fmt(proposal.grond === 'beschrijving' ? a.voorstel : a.voorstelZonderGrond, { label: label(incident.chosenCategory) })
      : '';
  const card = renderCard('afhandeling-aanvulling', {
    incidentId: incident.id,
    ontbreekt: fmt(a.ontbreekt, { delen: missing.map((d) => nl.melding.aanvullen.delen[d]).join(', ') }),
    categorieText,
    nazorgText: missing.includes('impact') ? a.nazorg : '',
    canSet: handlerView && incident.state !== 'afgesloten',
    categorie: incident.chosenCategory,
    choices: CATEGORIES.map((c) => ({ title: label(c), value: c })),
  });
  return Array.isArray(card['body']) ? card['body'].filter((x): x is CardJson => typeof x === 'object' && x !== null) : [];
}
