import type { Attendee, Interval } from '../calendar/port.js';
import { claimedBusy, mailboxKey, type Claim, type Reservation } from './ledger.js';
import { NoFreeMomentError, planSlots, type PlanRules } from './plan.js';

/** One conversation to plan: its key, its window and the people in it besides the organiser. */
export interface PlanSpec {
  kind: string;
  idempotencyKey: string;
  attendees: Attendee[];
  window: { notBefore: Date; dueBy: Date };
  allowOutsideHours: boolean;
}

export interface Moment {
  idempotencyKey: string;
  start: Date;
  end: Date;
  buitenTermijn: boolean;
  termijnVerstreken: boolean;
  buitenKantooruren: boolean;
}

export interface Choice {
  organiser: Attendee;
  moments: Moment[];
}

/** Busy time per mailbox (lower case) as the calendar reported it. */
export type CalendarBusy = (mailbox: string) => Interval[];

function lateCount(moments: Moment[]): number {
  return moments.filter((m) => m.buitenTermijn && !m.termijnVerstreken).length;
}

/** Every conversation inside its window (one whose window had passed before booking cannot be). */
export function fitsWindows(choice: Choice): boolean {
  return lateCount(choice.moments) === 0;
}

function lastEnd(moments: Moment[]): number {
  return Math.max(...moments.map((m) => m.end.getTime()));
}

/** What an earlier run reserved for exactly these keys (then crashed before storing the plan): that plan stands. */
function earlierChoice(claims: Map<string, Claim[]>, organisers: Attendee[], specs: PlanSpec[], now: Date): Choice | undefined {
  for (const organiser of organisers) {
    const mine = claims.get(organiser.email.toLowerCase()) ?? [];
    const moments = specs.map((spec): Moment | undefined => {
      const c = mine.find((x) => x.key === spec.idempotencyKey);
      if (!c) return undefined;
      const end = new Date(c.end);
      return {
        idempotencyKey: spec.idempotencyKey, start: new Date(c.start), end,
        buitenTermijn: end > spec.window.dueBy, termijnVerstreken: spec.window.dueBy <= now, buitenKantooruren: c.outsideHours === true,
      };
    });
    if (moments.every((m) => m !== undefined)) return { organiser, moments };
  }
  return undefined;
}

/**
 * Under the leases of every candidate organiser: the first organiser with room for all the
 * conversations inside their windows; when none has, the one whose plan leaves the fewest
 * windows, then ends soonest. Calendar busy time and this deployment's own reservations both count.
 */
export function choose(
  organisers: Attendee[], specs: PlanSpec[], busy: CalendarBusy, claims: Map<string, Claim[]>, rules: PlanRules,
): { result: Choice; reservation: Reservation } {
  const keys = new Set(specs.map((s) => s.idempotencyKey));
  let best = earlierChoice(claims, organisers, specs, rules.now);
  const attendees = [...new Set(specs.flatMap((s) => s.attendees.map((a) => a.email.toLowerCase())))];
  for (const organiser of best ? [] : organisers) {
    const mailboxes = [organiser.email.toLowerCase(), ...attendees];
    const taken = [...mailboxes.flatMap(busy), ...claimedBusy(claims, mailboxes, keys)];
    let slots;
    try {
      slots = planSlots(specs, taken, rules);
    } catch (err) {
      if (err instanceof NoFreeMomentError) continue;
      throw err;
    }
    const moments = slots.map((slot, i): Moment => ({
      idempotencyKey: specs[i]?.idempotencyKey ?? '',
      start: slot.start, end: slot.end,
      buitenTermijn: slot.buitenTermijn, termijnVerstreken: slot.termijnVerstreken, buitenKantooruren: slot.buitenKantooruren,
    }));
    const candidate = { organiser, moments };
    if (!best || lateCount(moments) < lateCount(best.moments)
      || (lateCount(moments) === lateCount(best.moments) && lastEnd(moments) < lastEnd(best.moments))) best = candidate;
    if (fitsWindows(candidate)) break;
  }
  if (!best) throw new NoFreeMomentError(specs[0]?.kind ?? 'booking');
  const chosen = best;
  const withOf = (spec: PlanSpec | undefined) => (spec?.attendees ?? []).map((a) => mailboxKey(a.email));
  return {
    result: chosen,
    reservation: {
      set: chosen.moments.map((m, i) => ({
        mailbox: chosen.organiser.email,
        claim: {
          key: m.idempotencyKey, start: m.start.toISOString(), end: m.end.toISOString(), with: withOf(specs[i]),
          ...(m.buitenKantooruren ? { outsideHours: true } : {}),
        },
      })),
      // a reservation of these keys in another candidate's calendar (an earlier, different plan) is void
      drop: organisers.filter((o) => o.email.toLowerCase() !== chosen.organiser.email.toLowerCase())
        .flatMap((o) => [...keys].map((key) => ({ mailbox: o.email, key }))),
    },
  };
}
