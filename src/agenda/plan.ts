import { DateTime } from 'luxon';
import { ZONE } from '../domain/calendar.js';
import { findSlot, type DayHours } from '../calendar/slots.js';
import type { Interval } from '../calendar/port.js';

export interface SlotRequest<K extends string> {
  kind: K;
  window: { notBefore: Date; dueBy: Date };
  /** The urgent first nazorg may leave office hours (never the night) to stay in its 24 hours. */
  allowOutsideHours: boolean;
}

export interface PlannedSlot<K extends string> {
  kind: K;
  start: Date;
  end: Date;
  buitenTermijn: boolean;
  termijnVerstreken: boolean;
  buitenKantooruren: boolean;
}

export interface PlanRules {
  hours: DayHours;
  durationMinutes: number;
  now: Date;
  /** How far past a window to look for the earliest free moment. */
  searchDaysAfter: number;
  /** The end of the known free/busy: nothing is planned past it. */
  searchUntil?: Date;
}

export class NoFreeMomentError extends Error {
  constructor(readonly kind: string) {
    super(`no free moment for ${kind}`);
    this.name = 'NoFreeMomentError';
  }
}

function nextLocalDay(d: Date): Date {
  return DateTime.fromJSDate(d, { zone: ZONE }).plus({ days: 1 }).startOf('day').toJSDate();
}

const DAY_MS = 24 * 3_600_000;

function searchDays(dueBy: Date, rules: PlanRules): number {
  if (!rules.searchUntil) return rules.searchDaysAfter;
  const known = (rules.searchUntil.getTime() - Math.max(dueBy.getTime(), rules.now.getTime())) / DAY_MS;
  return Math.max(0, Math.min(rules.searchDaysAfter, known));
}

/**
 * Books the requests in order, each after the previous one and clear of it: preferably on a
 * later day (two conversations on one afternoon help nobody), on the same day only when the
 * window leaves no other choice.
 */
export function planSlots<K extends string>(requests: SlotRequest<K>[], busy: Interval[], rules: PlanRules): PlannedSlot<K>[] {
  const taken: Interval[] = [...busy];
  const planned: PlannedSlot<K>[] = [];
  for (const req of requests) {
    const previous = planned[planned.length - 1];
    const tries = previous
      ? [nextLocalDay(previous.start), previous.end].map((after) => new Date(Math.max(after.getTime(), req.window.notBefore.getTime())))
      : [req.window.notBefore];
    const results = tries.map((notBefore) => findSlot({
      window: { notBefore, dueBy: req.window.dueBy },
      durationMinutes: rules.durationMinutes,
      busy: taken,
      hours: rules.hours,
      workingDaysOnly: true,
      allowOutsideHours: req.allowOutsideHours,
      now: rules.now,
      searchDaysAfter: searchDays(req.window.dueBy, rules),
    }));
    // Inside the window if any try manages; past it, the preferred spacing still holds.
    const chosen = results.find((r) => r.kind === 'in-window') ?? results.find((r) => r.kind === 'after-window');
    if (!chosen) throw new NoFreeMomentError(req.kind);
    const termijnVerstreken = req.window.dueBy.getTime() <= rules.now.getTime();
    planned.push({
      kind: req.kind,
      start: chosen.start,
      end: chosen.end,
      buitenTermijn: chosen.kind === 'after-window',
      termijnVerstreken,
      buitenKantooruren: chosen.outsideHours,
    });
    taken.push({ start: chosen.start, end: chosen.end });
  }
  return planned;
}
