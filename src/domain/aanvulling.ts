import { computeDeadlines } from './deadlines.js';
import type { Deadline, Incident } from './incident-schema.js';
import type { Profile } from './profiles/schema.js';
import { strafbaarVermoeden } from './tasks.js';
import type { Kanaal } from './types.js';

/** Written or online incidents have the extra part about the message (platform, account, link). */
export const SCHRIFTELIJK: readonly Kanaal[] = ['e-mail', 'sociale-media', 'brief'];

/** The parts of the long melding that a short one leaves for later, in the order the melder adds them. */
export const AANVUL_DELEN = ['doelwitten', 'classificatie', 'categorie', 'pleger', 'online', 'impact'] as const;
export type AanvulDeel = (typeof AANVUL_DELEN)[number];

type Known = Pick<Incident, 'doelwitten' | 'answers' | 'categorieVastgesteld' | 'pleger' | 'kanaal' | 'online' | 'impact'>;

/**
 * What a melding still lacks, read from what is absent (a short melding until the melder adds it),
 * so no flag can disagree with the melding itself. The category counts as missing while it is
 * only proposed: neither the melder's answers nor a handler settled it.
 */
export function ontbrekend(incident: Known): AanvulDeel[] {
  const missing: Record<AanvulDeel, boolean> = {
    doelwitten: incident.doelwitten.length === 0,
    classificatie: incident.answers === undefined,
    categorie: incident.answers === undefined && incident.categorieVastgesteld === undefined,
    pleger: incident.pleger.eerderContact === undefined,
    online: SCHRIFTELIJK.includes(incident.kanaal) && incident.online === undefined,
    impact: incident.impact === undefined,
  };
  return AANVUL_DELEN.filter((d) => missing[d]);
}

/** "Aanvulling nodig": the melding lacks a part of the long melding. */
export function aanvullingNodig(incident: Known): boolean {
  return ontbrekend(incident).length > 0;
}

/**
 * The protocol's deadlines of a melding from what is known so far: a short melding knows no
 * injury yet, and its suspected offence follows its (proposed) category until a handler says
 * otherwise. Computed again when the melder adds a part or a handler settles the category, so
 * the deadlines follow; a herstelgesprek follows a decision, not the melding, and is kept.
 */
export function meldingTermijnen(
  incident: Pick<Incident, 'occurredAt' | 'impact' | 'chosenCategory' | 'strafbaarVermoed' | 'deadlines'>,
  profile: Profile,
): Deadline[] {
  const fresh = computeDeadlines({
    occurredAt: incident.occurredAt,
    injury: incident.impact ? incident.impact.letsel || incident.impact.ziekenhuis : false,
    strafbaarVermoeden: strafbaarVermoeden(incident).value,
    profile,
  }).filter((d) => d.kind !== 'herstelgesprek');
  return [...fresh, ...incident.deadlines.filter((d) => d.kind === 'herstelgesprek')];
}
