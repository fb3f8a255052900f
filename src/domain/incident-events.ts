import type { IncidentState, MaatregelDecision } from './incident-schema.js';
import type { Profile } from './profiles/schema.js';
import type { FunctionarisRole } from './types.js';

/** What follows from a change to a melding: the domain names it, the flows carry it out once the change is stored. */
export type ChangeEvent =
  /** the melder hears of the melding's new state */
  | { kind: 'melder-informeren'; state: IncidentState }
  /** the decision holds an incidentgesprek with the pleger */
  | { kind: 'incidentgesprek-plannen' }
  /** a restrictive measure ends at endDate: the herstelgesprek comes before it */
  | { kind: 'herstelgesprek-plannen'; endDate: string }
  /** another handler role took the melding over: its channel gets the melding */
  | { kind: 'overgedragen'; role: FunctionarisRole }
  /** a handler called in the coordinator (a profile that informs them on request): their channel gets the melding */
  | { kind: 'coordinator-ingeschakeld' };

/** The states a melder hears about: the outcome, never the deliberation. */
const MELDER_STATES: readonly IncidentState[] = ['in-behandeling', 'maatregelen-vastgesteld', 'afgesloten'];

export function melderEvents(from: IncidentState, to: IncidentState): ChangeEvent[] {
  return from !== to && MELDER_STATES.includes(to) ? [{ kind: 'melder-informeren', state: to }] : [];
}

/** The gesprekken a decision sets going: the incidentgesprek it names, a herstelgesprek for a restrictive measure with an end. */
export function gesprekEvents(decision: MaatregelDecision, profile: Profile): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  if (decision.types.includes('incidentgesprek')) events.push({ kind: 'incidentgesprek-plannen' });
  const restrictive = decision.types.some((t) => profile.maatregelen.find((m) => m.type === t)?.restrictive);
  if (restrictive && decision.endDate !== undefined) events.push({ kind: 'herstelgesprek-plannen', endDate: decision.endDate });
  return events;
}
