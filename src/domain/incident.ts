import { toAmsterdam, type InstantInput } from './calendar.js';
import { LIMITS, type Incident, type IncidentState, type MaatregelDecision } from './incident-schema.js';
import { fmt, nl } from '../i18n/nl.js';

export type IncidentEvent =
  | { type: 'submit' }
  | { type: 'startBehandeling' }
  /** decidedAt is the transition's `now` */
  | { type: 'vaststellen'; decision: Omit<MaatregelDecision, 'decidedAt'> }
  | { type: 'afwijzen'; reason: string }
  | { type: 'sluiten' };
export type IncidentEventType = IncidentEvent['type'];

/** The only allowed state changes: event -> the states it may leave from, and where it goes. */
export const TRANSITIONS = {
  submit: { from: ['concept'], to: 'gemeld' },
  startBehandeling: { from: ['gemeld'], to: 'in-behandeling' },
  vaststellen: { from: ['gemeld', 'in-behandeling'], to: 'maatregelen-vastgesteld' },
  afwijzen: { from: ['gemeld', 'in-behandeling'], to: 'afgesloten' },
  sluiten: { from: ['maatregelen-vastgesteld'], to: 'afgesloten' },
} as const satisfies Record<IncidentEventType, { from: readonly IncidentState[]; to: IncidentState }>;

export const EVENT_TYPES = Object.keys(TRANSITIONS) as IncidentEventType[];

/** What the caller appends to the audit trail (ids and verbs; the reason is the handler's own text). */
export interface TransitionAudit {
  event: IncidentEventType;
  from: IncidentState;
  to: IncidentState;
  at: string;
  reason?: string;
}

export type TransitionError =
  | { code: 'illegal-transition'; from: IncidentState; event: IncidentEventType; message: string }
  | { code: 'invalid-event'; event: IncidentEventType; message: string };

export type TransitionResult =
  | { ok: true; incident: Incident; audit: TransitionAudit }
  | { ok: false; error: TransitionError };

export function canTransition(state: IncidentState, event: IncidentEventType): boolean {
  return (TRANSITIONS[event].from as readonly IncidentState[]).includes(state);
}

/** The events a card may offer for an incident in this state. */
export function allowedEvents(state: IncidentState): IncidentEventType[] {
  return EVENT_TYPES.filter((event) => canTransition(state, event));
}

function illegalMessage(from: IncidentState, event: IncidentEventType): string {
  return fmt(nl.incident.illegaleOvergang, { status: nl.incident.status[from], actie: nl.incident.actie[event] });
}

/**
 * Applies an event to an incident at `now`. Never throws for a wrong event: an illegal or
 * malformed one is a typed error result the caller shows. The incident passed in is not changed.
 */
export function transition(incident: Incident, event: IncidentEvent, now: InstantInput): TransitionResult {
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
  switch (event.type) {
    case 'submit':
      next.reportedAt = at;
      break;
    case 'startBehandeling':
      break;
    case 'vaststellen':
      next.decision = { ...event.decision, types: [...event.decision.types], decidedAt: at };
      break;
    case 'afwijzen': {
      const reason = event.reason.trim();
      if (reason.length === 0 || reason.length > LIMITS.comment) {
        return { ok: false, error: { code: 'invalid-event', event: event.type, message: nl.incident.redenNodig } };
      }
      next.closedAt = at;
      audit.reason = reason;
      break;
    }
    case 'sluiten':
      next.closedAt = at;
      break;
  }
  return { ok: true, incident: next, audit };
}

/** "2026-0042": the readable number of the seq-th melding of an organisation in a year. */
export function formatIncidentNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Invalid year: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Invalid sequence number: ${seq}`);
  return `${year}-${String(seq).padStart(4, '0')}`;
}
