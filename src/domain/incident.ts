import { toAmsterdam, type InstantInput } from './calendar.js';
import { gesprekEvents, melderEvents, type ChangeEvent } from './incident-events.js';
import { LIMITS, type Incident, type IncidentState, type MaatregelDecision } from './incident-schema.js';
import { fmt, nl } from '../shared/i18n/nl.js';
import type { Profile } from './profiles/schema.js';
import type { FunctionarisRole } from './types.js';

export type { ChangeEvent } from './incident-events.js';

export type IncidentEvent =
  | { type: 'submit' }
  | { type: 'startBehandeling' }
  /** decidedAt is the transition's `now` */
  | { type: 'vaststellen'; decision: Omit<MaatregelDecision, 'decidedAt'> }
  | { type: 'afwijzen'; reason: string }
  | { type: 'sluiten' }
  /**
   * Another handler takes the melding over; its state stays. `to` is the role chosen on the card
   * (untrusted: checked against the routing), `handlerIds` the people who hold that role,
   * `vergaderingIds` the people of the melding's council-meeting roles, who keep acting on it.
   */
  | { type: 'overdragen'; to: string; handlerIds: readonly string[]; vergaderingIds?: readonly string[] };
export type IncidentEventType = IncidentEvent['type'];
/** The events that move a melding to another state. */
export type StateEventType = Exclude<IncidentEventType, 'overdragen'>;

/** The only allowed state changes: event -> the states it may leave from, and where it goes. */
export const TRANSITIONS = {
  submit: { from: ['concept'], to: 'gemeld' },
  startBehandeling: { from: ['gemeld'], to: 'in-behandeling' },
  vaststellen: { from: ['gemeld', 'in-behandeling'], to: 'maatregelen-vastgesteld' },
  afwijzen: { from: ['gemeld', 'in-behandeling'], to: 'afgesloten' },
  sluiten: { from: ['maatregelen-vastgesteld'], to: 'afgesloten' },
} as const satisfies Record<StateEventType, { from: readonly IncidentState[]; to: IncidentState }>;

export const EVENT_TYPES = Object.keys(TRANSITIONS) as StateEventType[];

/** A melding is handed over only while it can still be decided: the decision is its handler's. */
const HANDOVER_FROM: readonly IncidentState[] = TRANSITIONS.vaststellen.from;

/** What the caller appends to the audit trail (ids and verbs; the reason is the handler's own text). */
export interface TransitionAudit {
  event: IncidentEventType;
  from: IncidentState;
  to: IncidentState;
  at: string;
  reason?: string;
}

export type TransitionError =
  | { code: 'illegal-transition'; from: IncidentState; event: StateEventType; message: string }
  | { code: 'invalid-event'; event: StateEventType; message: string }
  /** a handover of a melding that is decided already */
  | { code: 'handover-closed'; from: IncidentState; event: 'overdragen' }
  /** a handover to no other handler role of the melding's own routing, or to a role nobody holds */
  | { code: 'invalid-handover'; event: 'overdragen' };

/** A change and the events that follow from it, for the caller to carry out once it is stored. */
export type TransitionResult =
  | { ok: true; incident: Incident; audit: TransitionAudit; events: ChangeEvent[] }
  | { ok: false; error: TransitionError };

export function canTransition(state: IncidentState, event: IncidentEventType): boolean {
  if (event === 'overdragen') return HANDOVER_FROM.includes(state);
  return (TRANSITIONS[event].from as readonly IncidentState[]).includes(state);
}

/** The state changes a card may offer for an incident in this state. */
export function allowedEvents(state: IncidentState): StateEventType[] {
  return EVENT_TYPES.filter((event) => canTransition(state, event));
}

/** The roles a melding may be handed over to: the other handlers of its own routing. */
export function handoverTargets(incident: Incident): FunctionarisRole[] {
  const primary = incident.routing.handlers[0];
  return incident.routing.handlers.filter((role) => role !== primary);
}

function illegalMessage(from: IncidentState, event: StateEventType): string {
  return fmt(nl.incident.illegaleOvergang, { status: nl.incident.status[from], actie: nl.incident.actie[event] });
}

/** Only to another handler role of this melding's own routing, only to people who hold it, only while it is open. */
function handover(incident: Incident, event: Extract<IncidentEvent, { type: 'overdragen' }>, now: InstantInput): TransitionResult {
  const from = incident.state;
  if (!canTransition(from, 'overdragen')) return { ok: false, error: { code: 'handover-closed', from, event: 'overdragen' } };
  const target = handoverTargets(incident).find((role) => role === event.to);
  if (target === undefined || event.handlerIds.length === 0) return { ok: false, error: { code: 'invalid-handover', event: 'overdragen' } };
  const next: Incident = {
    ...incident,
    routing: { ...incident.routing, handlers: [target, ...incident.routing.handlers.filter((r) => r !== target)] },
    handlerIds: [...new Set([...event.handlerIds, ...(event.vergaderingIds ?? [])])],
  };
  const at = toAmsterdam(now).toUTC().toISO() ?? '';
  return { ok: true, incident: next, audit: { event: 'overdragen', from, to: from, at }, events: [{ kind: 'overgedragen', role: target }] };
}

/**
 * Applies an event to an incident at `now`, under the protocol profile it is handled by. Never
 * throws for a wrong event: an illegal or malformed one is a typed error result the caller shows.
 * The incident passed in is not changed.
 */
export function transition(incident: Incident, event: IncidentEvent, now: InstantInput, profile: Profile): TransitionResult {
  if (event.type === 'overdragen') return handover(incident, event, now);
  const from = incident.state;
  if (!canTransition(from, event.type)) {
    return {
      ok: false,
      error: { code: 'illegal-transition', from, event: event.type, message: illegalMessage(from, event.type) },
    };
  }
  const at = toAmsterdam(now).toUTC().toISO() ?? '';
  const to = TRANSITIONS[event.type].to;
  const next: Incident = { ...incident, state: to };
  const audit: TransitionAudit = { event: event.type, from, to, at };
  const events: ChangeEvent[] = [];
  switch (event.type) {
    case 'submit':
      next.reportedAt = at;
      break;
    case 'startBehandeling':
      break;
    case 'vaststellen':
      next.decision = { ...event.decision, types: [...event.decision.types], decidedAt: at };
      events.push(...gesprekEvents(next.decision, profile));
      break;
    case 'afwijzen': {
      const reason = event.reason.trim();
      if (reason.length === 0 || reason.length > LIMITS.comment) {
        return { ok: false, error: { code: 'invalid-event', event: event.type, message: nl.incident.redenNodig } };
      }
      next.closedAt = at;
      next.rejectionReason = reason;
      audit.reason = reason;
      break;
    }
    case 'sluiten':
      next.closedAt = at;
      break;
  }
  return { ok: true, incident: next, audit, events: [...events, ...melderEvents(from, to)] };
}

/** "2026-0042": the readable number of the seq-th melding of an organisation in a year. */
export function formatIncidentNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Invalid year: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Invalid sequence number: ${seq}`);
  return `${year}-${String(seq).padStart(4, '0')}`;
}
