import { DateTime } from 'luxon';
import { toAmsterdam, type InstantInput } from './calendar.js';
import type { Incident, MaatregelDecision } from './incident-schema.js';
import type { Profile } from './profiles/schema.js';
import { fmt, nl } from '../shared/i18n/nl.js';
import type { Category, MaatregelType, Meldplicht } from './types.js';

export type MaatregelReasonKey = keyof typeof nl.maatregelReden;

export interface ProposedMaatregel {
  type: MaatregelType;
  /** key into nl.maatregelReden: why this measure is proposed */
  reason: MaatregelReasonKey;
}

export interface ProposalInput {
  category: Category;
  meldplicht: Meldplicht;
  /** this pleger was involved in an earlier incident (against ambtsdragers or staff) */
  repeated: boolean;
  /**
   * how many other ambtsdragers of the organisation this pleger targeted in other meldingen: one or
   * more makes it a repeated incident for the organisation (6.2), whoever this melding is about
   */
  andereAmbtsdragers?: number;
  profile: Profile;
  /** the end of a toegangsontzegging against this pleger that still runs, when one does */
  toegangOntzegdTot?: string | undefined;
}

/**
 * The latest end of a toegangsontzegging decided on another melding about the same pleger that
 * has not ended yet: a new incident breaches it, so the police are told at once and aangifte
 * follows (Nijmegen, model protocol).
 */
export function activeToegangsontzegging(others: readonly Pick<Incident, 'decision'>[], now: InstantInput): string | undefined {
  return latestRunning(
    others.flatMap((o) => (o.decision?.types.includes('toegangsontzegging') && o.decision.endDate ? [o.decision.endDate] : [])),
    now,
  );
}

/** The latest of these ends of a toegangsontzegging that has not passed yet. */
export function latestRunning(ends: readonly string[], now: InstantInput): string | undefined {
  const at = toAmsterdam(now).toMillis();
  return [...ends]
    .filter((end) => Date.parse(end) > at)
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .at(-1);
}

type Proposal = readonly [MaatregelType, MaatregelReasonKey];

const isRepeated = (input: ProposalInput): boolean => input.repeated || (input.andereAmbtsdragers ?? 0) > 0;

/** The measures of protocol section 6.2, weighed by category and first or repeated incident. */
function baseProposal(input: ProposalInput): Proposal[] {
  const { category, meldplicht, profile } = input;
  const repeated = isRepeated(input);
  switch (category) {
    case 'emotioneel-eigen-situatie':
    case 'emotioneel-kritiek':
      // Complaining and criticism are allowed: a measure against the citizen only when it persists.
      if (meldplicht === 'facultatief' || meldplicht === 'niet-nodig') return [];
      if (profile.reportingRule === 'altijd') {
        return [[repeated ? 'waarschuwing-schriftelijk' : 'waarschuwing-mondeling', 'altijd-reageren']];
      }
      return repeated
        ? [['waarschuwing-schriftelijk', 'emotioneel-herhaald']]
        : [['waarschuwing-mondeling', 'emotioneel-patroon']];
    case 'verbale-agressie':
      if (meldplicht === 'niet-nodig') return [];
      return repeated
        ? [
            ['waarschuwing-schriftelijk', 'verbaal-herhaald'],
            ['incidentgesprek', 'verbaal-herhaald'],
            ['melding-politie', 'verbaal-herhaald'],
          ]
        : [['waarschuwing-schriftelijk', 'verbaal-eerste']];
    case 'bedreiging-intimidatie':
      return repeated
        ? [
            ['incidentgesprek', 'bedreiging-gesprek'],
            ['aangifte', 'bedreiging-herhaald'],
            ['registratie-politie', 'politie-voorrang'],
            ['toegangsontzegging', 'bedreiging-herhaald'],
          ]
        : [
            ['waarschuwing-schriftelijk', 'bedreiging-waarschuwing'],
            ['incidentgesprek', 'bedreiging-gesprek'],
            ['melding-politie', 'bedreiging-politie'],
          ];
    case 'fysiek-geweld':
      return [
        ['aangifte', 'fysiek-aangifte'],
        ['registratie-politie', 'politie-voorrang'],
        ['toegangsontzegging', 'fysiek-toegang'],
      ];
  }
}

/**
 * Proposed maatregelen, in the order a card shows them, limited to the profile's catalogue.
 * Under Utrecht's rule heavier forms (threat, violence) and recidive also get an incidentgesprek,
 * which is followed by a herstelgesprek when restrictive measures end.
 */
export function proposeMaatregelen(input: ProposalInput): ProposedMaatregel[] {
  const breach: Proposal[] = input.toegangOntzegdTot
    ? [
        ['melding-politie', 'toegang-overtreden'],
        ['aangifte', 'toegang-overtreden'],
      ]
    : [];
  const proposals = [...breach, ...baseProposal(input)];
  const heavy = input.category === 'bedreiging-intimidatie' || input.category === 'fysiek-geweld';
  const recidive = isRepeated(input) && input.category === 'verbale-agressie';
  if (input.profile.incidentgesprekBijZwaarOfRecidive && (heavy || recidive)) {
    proposals.push(['incidentgesprek', 'zwaar-of-recidive']);
  }
  const known = new Set(input.profile.maatregelen.map((m) => m.type));
  const seen = new Set<MaatregelType>();
  const result: ProposedMaatregel[] = [];
  for (const [type, reason] of proposals) {
    if (!known.has(type) || seen.has(type)) continue;
    seen.add(type);
    result.push({ type, reason });
  }
  return result;
}

/** A restrictive measure longer than this is not a measure but a typo. */
export const MAX_RESTRICTIVE_YEARS = 2;

/**
 * Dutch messages for everything wrong with a handler's decision; empty when it may be recorded.
 * `now` is the moment of deciding: the end date of a restrictive measure must lie after it.
 */
export function validateDecision(
  decision: Pick<MaatregelDecision, 'types' | 'endDate' | 'comment'>,
  incident: Pick<Incident, 'impact'>,
  profile: Profile,
  now: InstantInput,
): string[] {
  const errors: string[] = [];
  if (new Set(decision.types).size !== decision.types.length) errors.push(nl.besluit.dubbel);
  const defs = new Map(profile.maatregelen.map((m) => [m.type, m]));
  for (const type of new Set(decision.types)) {
    const def = defs.get(type);
    if (!def) {
      errors.push(fmt(nl.besluit.onbekendeMaatregel, { type: nl.maatregel[type] }));
      continue;
    }
    if (def.restrictive && decision.endDate === undefined) errors.push(fmt(nl.besluit.eindDatumNodig, { label: def.label }));
    if (def.requiresAangifteConsent && !incident.impact?.toestemmingAangifte) {
      errors.push(nl.besluit.geenToestemmingAangifte);
    }
    if (type === 'andere' && !decision.comment?.trim()) errors.push(nl.besluit.toelichtingNodig);
  }
  if (decision.endDate !== undefined) {
    const end = DateTime.fromISO(decision.endDate, { setZone: true });
    const from = toAmsterdam(now);
    if (!end.isValid || end.toMillis() <= from.toMillis()) errors.push(nl.besluit.eindDatumVerleden);
    else if (end.toMillis() > from.plus({ years: MAX_RESTRICTIVE_YEARS }).toMillis()) errors.push(nl.besluit.eindDatumTeVer);
  }
  return errors;
}
