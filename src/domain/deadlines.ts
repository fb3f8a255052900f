import type { DateTime } from 'luxon';
import { addWorkingDays, toAmsterdam, type InstantInput } from './calendar.js';
import type { Deadline, Incident } from './incident-schema.js';
import type { DeadlineRule, Profile, Span } from './profiles/schema.js';
import type { DeadlineKind } from './types.js';
import { fmt, nl } from '../shared/i18n/nl.js';

export { addWorkingDays, isPublicHoliday, isWorkingDay, toAmsterdam, ZONE, type InstantInput } from './calendar.js';

export interface DeadlineInput {
  /** when the incident happened: deadlines count from here, even when it is reported days later */
  occurredAt: InstantInput;
  /** physical or mental injury, hospitalisation, lasting harm or death: warn the Inspectie SZW */
  injury: boolean;
  /** criminal behaviour suspected (default true): make an appointment with the police */
  strafbaarVermoeden?: boolean;
  /** end of a restrictive measure: the herstelgesprek is due then */
  restrictiveEnd?: InstantInput;
  profile: Profile;
}

function applySpan(anchor: DateTime, span: Span): DateTime {
  if ('hours' in span) return anchor.plus({ hours: span.hours });
  if ('days' in span) return anchor.plus({ days: span.days });
  if ('weeks' in span) return anchor.plus({ weeks: span.weeks });
  const day = addWorkingDays(anchor, span.workingDays);
  if (span.at === undefined) return day;
  const [hour = 0, minute = 0] = span.at.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

function iso(dt: DateTime): string {
  return dt.toUTC().toISO() ?? '';
}

function applies(rule: DeadlineRule, input: DeadlineInput): boolean {
  switch (rule.when) {
    case 'altijd':
      return true;
    case 'letsel':
      return input.injury;
    case 'strafbaar-vermoeden':
      return input.strafbaarVermoeden ?? true;
    case 'beperkende-maatregel':
      return input.restrictiveEnd !== undefined;
  }
}

/**
 * The deadlines of a melding under the profile's rules, as UTC instants. A deadline already past
 * stays where it is (a late report shows it overdue); it is never moved to a later moment.
 */
export function computeDeadlines(input: DeadlineInput): Deadline[] {
  const incident = toAmsterdam(input.occurredAt);
  const deadlines: Deadline[] = [];
  for (const rule of input.profile.deadlines) {
    if (!applies(rule, input)) continue;
    const anchor =
      rule.when === 'beperkende-maatregel' && input.restrictiveEnd !== undefined
        ? toAmsterdam(input.restrictiveEnd)
        : incident;
    const deadline: Deadline = { kind: rule.kind, dueBy: iso(applySpan(anchor, rule.due)) };
    if (rule.notBefore) deadline.notBefore = iso(applySpan(anchor, rule.notBefore));
    deadlines.push(deadline);
  }
  return deadlines;
}

export type DeadlineState = 'open' | 'due-soon' | 'overdue';

/** Within this many hours of its due moment a deadline is shown as due soon. */
export const DUE_SOON_HOURS = 24;

/**
 * The state of a deadline at `now`. `hoursLeft` is negative once overdue, rounded to a tenth;
 * `notYet` tells that its window (nazorg-3, herstelgesprek) has not opened.
 */
export function deadlineStatus(
  deadline: Pick<Deadline, 'dueBy' | 'notBefore'>,
  now: InstantInput,
): { state: DeadlineState; hoursLeft: number; notYet: boolean } {
  const at = toAmsterdam(now);
  const ms = toAmsterdam(deadline.dueBy).toMillis() - at.toMillis();
  const hoursLeft = Math.round(ms / 360_000) / 10;
  const notYet = deadline.notBefore !== undefined && at.toMillis() < toAmsterdam(deadline.notBefore).toMillis();
  const state: DeadlineState = ms <= 0 ? 'overdue' : ms <= DUE_SOON_HOURS * 3_600_000 ? 'due-soon' : 'open';
  return { state, hoursLeft, notYet };
}

/** Beyond this many hours a span is told in days: "nog 182 uur" is hard to read at a glance. */
const DAYS_FROM_HOURS = 48;

/**
 * A deadline's state in words ("Bijna te laat: nog 20 uur", "Te laat: 5 uur over de termijn"), so
 * that the card does not tell it by colour alone; the colour is for who sees it.
 */
export function deadlineWords(deadline: Pick<Deadline, 'dueBy' | 'notBefore'>, now: InstantInput): { text: string; state: DeadlineState | 'not-yet' } {
  const w = nl.termijnen.staat;
  const s = deadlineStatus(deadline, now);
  if (s.notYet && deadline.notBefore) return { text: w.nogNiet, state: 'not-yet' };
  const hours = Math.max(1, Math.abs(Math.round(s.hoursLeft)));
  const days = Math.round(hours / 24);
  const span = hours < DAYS_FROM_HOURS ? fmt(w.uren, { hours }) : days === 1 ? w.dag : fmt(w.dagen, { days });
  const text = s.state === 'overdue' ? fmt(w.teLaat, { span }) : s.state === 'due-soon' ? fmt(w.bijna, { span }) : fmt(w.opTijd, { span });
  return { text, state: s.state };
}

/** The deadline kinds that belong to a task: the card shows them on the checklist, not among the termijnen. */
export const TAAK_DEADLINE_KINDS: readonly DeadlineKind[] = ['politie-afspraak', 'inspectie-szw', 'herstelgesprek'];

/** The deadlines a booked conversation meets; a cancelled booking meets none. */
const BOOKED_KINDS: readonly DeadlineKind[] = ['nazorg-1', 'nazorg-2', 'nazorg-3', 'incidentgesprek', 'herstelgesprek'];

/** What, besides the melding itself, can meet a deadline: its bookings and its tasks. */
export interface DeadlineProgress {
  bookings: readonly { kind: string; status: string }[];
  tasks: readonly { id: string; state: string }[];
}

/**
 * Whether a deadline of an open melding is met: a decision meets the maatregelen deadline, a
 * booked conversation its own, and a task's deadline (police, Inspectie SZW, herstelgesprek) is
 * met once its task is ticked off or no longer given. The card and the reminders both ask here,
 * so a deadline the card shows as due is one the reminders still chase.
 */
export function deadlineMet(incident: Pick<Incident, 'decision'>, kind: DeadlineKind, progress: DeadlineProgress): boolean {
  if (TAAK_DEADLINE_KINDS.includes(kind) && !progress.tasks.some((t) => t.id === kind && t.state === 'open')) return true;
  if (BOOKED_KINDS.includes(kind)) return progress.bookings.some((b) => b.kind === kind && b.status !== 'geannuleerd');
  return kind === 'maatregelen' && incident.decision !== undefined;
}
