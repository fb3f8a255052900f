import { DateTime } from 'luxon';
import type { Interval } from './port.js';
import { isWorkingDay, ZONE } from '../domain/calendar.js';

/** Local wall-clock hours 'HH:mm'; '24:00' means the end of the day. */
export interface DayHours {
  start: string;
  end: string;
}

export interface FindSlotInput {
  window: { notBefore: Date; dueBy: Date };
  durationMinutes: number;
  /** Busy time of all attendees together (need not be merged or sorted). */
  busy: Interval[];
  hours: DayHours;
  workingDaysOnly: boolean;
  /**
   * Urgent conversations (the first nazorg) may leave office hours and working
   * days when nothing fits inside them, but never the night: urgentHours.
   */
  allowOutsideHours: boolean;
  urgentHours?: DayHours;
  now: Date;
  stepMinutes?: number;
  /** How far past the window (or past now, when overdue) to look for a free moment. */
  searchDaysAfter?: number;
}

export type SlotResult =
  | { kind: 'in-window'; start: Date; end: Date; outsideHours: boolean }
  /**
   * No free moment inside the window: the earliest one after it. overdue: the
   * window had already passed at `now` (a melding reported late).
   */
  | { kind: 'after-window'; start: Date; end: Date; outsideHours: boolean; overdue: boolean }
  | { kind: 'none'; overdue: boolean };

export const DEFAULT_URGENT_HOURS: DayHours = { start: '08:00', end: '21:00' };
const MINUTE = 60_000;

interface Rule {
  hours: DayHours;
  workingDaysOnly: boolean;
}

function parseHours(value: string): { hour: number; minute: number } {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  if (!m || hour > 24 || minute > 59 || (hour === 24 && minute > 0)) throw new RangeError(`invalid time of day: ${value}`);
  return { hour, minute };
}

/** The instant of a wall-clock time on a local day; a time in the spring-forward gap moves forward. */
function at(day: DateTime, hhmm: string): DateTime {
  const { hour, minute } = parseHours(hhmm);
  if (hour === 24) return day.startOf('day').plus({ days: 1 });
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: ZONE });
}

function ceilToStep(ms: number, stepMs: number): number {
  return Math.ceil(ms / stepMs) * stepMs;
}

function mergeBusy(busy: Interval[]): Array<{ start: number; end: number }> {
  const sorted = busy
    .map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }))
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const b of sorted) {
    const last = merged[merged.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else merged.push({ ...b });
  }
  return merged;
}

/**
 * The first start s >= from on the step grid with [s, s + duration) inside the
 * rule's hours of one local day, free of busy, and ending no later than `until`.
 * Works on instants, so DST days simply have 23 or 25 hours.
 */
function firstFree(
  from: number, until: number, durationMs: number, stepMs: number, rule: Rule,
  busy: Array<{ start: number; end: number }>,
): number | undefined {
  let day = DateTime.fromMillis(from, { zone: ZONE }).startOf('day');
  while (day.toMillis() < until) {
    if (!rule.workingDaysOnly || isWorkingDay(day)) {
      const open = at(day, rule.hours.start).toMillis();
      const close = Math.min(at(day, rule.hours.end).toMillis(), until);
      let s = ceilToStep(Math.max(open, from), stepMs);
      while (s + durationMs <= close) {
        const clash = busy.find((b) => b.start < s + durationMs && b.end > s);
        if (!clash) return s;
        s = ceilToStep(clash.end, stepMs);
      }
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return undefined;
}

export function findSlot(input: FindSlotInput): SlotResult {
  const stepMs = (input.stepMinutes ?? 15) * MINUTE;
  const durationMs = input.durationMinutes * MINUTE;
  if (!(durationMs > 0) || !(stepMs > 0)) throw new RangeError('duration and step must be positive');
  parseHours(input.hours.start);
  parseHours(input.hours.end);
  const office: Rule = { hours: input.hours, workingDaysOnly: input.workingDaysOnly };
  const urgent: Rule = { hours: input.urgentHours ?? DEFAULT_URGENT_HOURS, workingDaysOnly: false };
  const busy = mergeBusy(input.busy);
  const now = input.now.getTime();
  const dueBy = input.window.dueBy.getTime();
  const from = ceilToStep(Math.max(input.window.notBefore.getTime(), now), stepMs);
  const searchEnd = Math.max(dueBy, now) + (input.searchDaysAfter ?? 60) * 24 * 60 * MINUTE;
  const slot = (start: number) => ({ start: new Date(start), end: new Date(start + durationMs) });

  const overdue = dueBy <= now;
  if (!overdue) {
    const inOffice = firstFree(from, dueBy, durationMs, stepMs, office, busy);
    if (inOffice !== undefined) return { kind: 'in-window', ...slot(inOffice), outsideHours: false };
    if (input.allowOutsideHours) {
      const inUrgent = firstFree(from, dueBy, durationMs, stepMs, urgent, busy);
      if (inUrgent !== undefined) return { kind: 'in-window', ...slot(inUrgent), outsideHours: true };
    }
  }
  // Past the window: as soon as possible, with the same allowance the window had.
  const afterOffice = firstFree(from, searchEnd, durationMs, stepMs, office, busy);
  const afterUrgent = input.allowOutsideHours
    ? firstFree(from, searchEnd, durationMs, stepMs, urgent, busy)
    : undefined;
  const start = afterUrgent !== undefined && (afterOffice === undefined || afterUrgent < afterOffice)
    ? afterUrgent
    : afterOffice;
  if (start === undefined) return { kind: 'none', overdue };
  const inOfficeHours = firstFree(start, start + durationMs, durationMs, stepMs, office, []) === start;
  return { kind: 'after-window', ...slot(start), outsideHours: !inOfficeHours, overdue };
}
