import { toAmsterdam } from '../calendar.js';
import type { Evaluatie, Incident } from '../incident-schema.js';
import { counterpartOf } from '../profiles/schema.js';
import type { AmbtsdragerRole, MaatregelType } from '../types.js';

/** How long after the incident a conversation was (to be) held, and whether that was inside its deadline. */
export interface Tijd {
  /** hours from the incident to the conversation's start */
  uren: number;
  binnen: boolean;
}

/** When the first nazorg conversation and the incidentgesprek are, as far as they are booked. */
export interface ReportTimes {
  nazorg: Tijd | undefined;
  gesprek: Tijd | undefined;
}

/**
 * What the yearly report needs of one melding: counts only, never who, what or where. The year
 * and month (Amsterdam) of its report, no moment; the pleger only as a pseudonym that recognises
 * the same pleger within the year (see store/report-projection.ts).
 */
export interface ReportRow extends ReportTimes {
  year: number;
  /** 1-12 */
  month: number;
  category: Incident['chosenCategory'];
  role: AmbtsdragerRole;
  kanaal: Incident['kanaal'];
  meldplicht: Incident['meldplicht'];
  open: boolean;
  maatregelen: readonly MaatregelType[];
  pleger: string | undefined;
  /** the evaluation's choices, 'geen' while not evaluated (its texts are never counted) */
  ernst: Evaluatie['ernst'] | 'geen';
  herhalingsrisico: Evaluatie['herhalingsrisico'] | 'geen';
}

/** The Amsterdam year and month a melding was reported in: a melding at 00:30 on 1 January counts in the new year. */
export function reportYearMonth(incident: Pick<Incident, 'reportedAt'>): { year: number; month: number } {
  const local = toAmsterdam(incident.reportedAt);
  return { year: local.year, month: local.month };
}

const NOT_BOOKED: ReportTimes = { nazorg: undefined, gesprek: undefined };

/** What the melding tells the report; its times come from its bookings (reportTimes). */
export function reportRow(incident: Incident, pleger: string | undefined, times: ReportTimes = NOT_BOOKED): ReportRow {
  return {
    ...times,
    ...reportYearMonth(incident),
    category: incident.chosenCategory,
    role: counterpartOf(incident.ambtsdrager.role),
    kanaal: incident.kanaal,
    meldplicht: incident.meldplicht,
    open: incident.state !== 'afgesloten',
    maatregelen: incident.decision?.types ?? [],
    pleger,
    ernst: incident.evaluatie?.ernst ?? 'geen',
    herhalingsrisico: incident.evaluatie?.herhalingsrisico ?? 'geen',
  };
}

/** A booked conversation as the report reads it. */
export interface BookedMoment {
  kind: string;
  start: string;
  status: 'gepland' | 'geboekt' | 'geannuleerd';
}

const NAZORG = ['nazorg-1', 'nazorg-2', 'nazorg-3'];
const HOUR_MS = 3_600_000;

/**
 * The first nazorg conversation (the earliest one not cancelled) against the deadline of the first
 * (nazorg-1), and the incidentgesprek against its own; both counted from the incident, as the
 * protocol's deadlines are. A conversation without a deadline on the melding counts as in time.
 */
export function reportTimes(incident: Pick<Incident, 'occurredAt' | 'deadlines'>, booked: readonly BookedMoment[]): ReportTimes {
  const live = booked.filter((b) => b.status !== 'geannuleerd');
  const occurred = Date.parse(incident.occurredAt);
  const tijd = (start: string | undefined, deadline: string): Tijd | undefined => {
    if (start === undefined) return undefined;
    const due = incident.deadlines.find((d) => d.kind === deadline)?.dueBy;
    const at = Date.parse(start);
    return { uren: Math.max(0, (at - occurred) / HOUR_MS), binnen: due === undefined || at <= Date.parse(due) };
  };
  const firstNazorg = live
    .filter((b) => NAZORG.includes(b.kind))
    .map((b) => b.start)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return { nazorg: tijd(firstNazorg, 'nazorg-1'), gesprek: tijd(live.find((b) => b.kind === 'incidentgesprek')?.start, 'incidentgesprek') };
}
