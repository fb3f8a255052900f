import { DUE_SOON_HOURS, toAmsterdam, type InstantInput } from './deadlines.js';
import type { Deadline } from './incident-schema.js';
import type { DeadlineKind } from './types.js';

/**
 * What is due for a melding and whether it is still open. Today it is derived from the
 * melding's deadlines and state (see flows/handling/termijnen.ts); a task model can feed the
 * same shape later, with its own owners and its own "gedaan".
 */
export interface DueItem {
  kind: DeadlineKind;
  dueBy: string;
  notBefore?: string | undefined;
  /** the people reminded before the deadline (Entra object ids) */
  owners: string[];
  open: boolean;
}

/**
 * The moments a deadline is watched: `venster` when its window opens (the cards stop saying
 * "nog niet"), `kaart` when the cards start showing it as due soon,
 * `herinnering` when its owners are reminded, `verlopen` when it is overdue (the coordinator
 * is told and the cards turn red).
 */
export const PHASES = ['venster', 'kaart', 'herinnering', 'verlopen'] as const;
export type Phase = (typeof PHASES)[number];

/** The owners are reminded a quarter of the deadline's span before it, at most DUE_SOON_HOURS. */
export const REMINDER_FRACTION = 0.25;

export interface PlannedTimer {
  kind: DeadlineKind;
  phase: Phase;
  /** when it fires (UTC ISO) */
  at: string;
  dueBy: string;
}

const ms = (i: InstantInput): number => toAmsterdam(i).toMillis();
const iso = (n: number): string => new Date(n).toISOString();

/**
 * The timers of one open deadline, counted from `start` (the melding's filing). A moment that
 * has already passed at `now` is left out when a later one supersedes it: a late report whose
 * deadline is past gets its escalation, not a "due soon" reminder after the fact.
 */
export function planTimers(deadline: Pick<Deadline, 'kind' | 'dueBy' | 'notBefore'>, start: InstantInput, now: InstantInput): PlannedTimer[] {
  const due = ms(deadline.dueBy);
  const from = Math.min(ms(start), due);
  const opens = deadline.notBefore !== undefined ? ms(deadline.notBefore) : from;
  const lead = Math.min(DUE_SOON_HOURS * 3_600_000, (due - from) * REMINDER_FRACTION);
  const moments: Record<Phase, number> = {
    venster: opens,
    kaart: Math.max(opens, due - DUE_SOON_HOURS * 3_600_000),
    herinnering: Math.max(opens, due - lead),
    verlopen: due,
  };
  const t = ms(now);
  const out: PlannedTimer[] = [];
  for (const phase of PHASES) {
    const at = Math.min(moments[phase], due);
    // a passed moment before the deadline is superseded once the deadline itself has passed
    if (phase !== 'verlopen' && t >= due) continue;
    if (phase === 'venster' && deadline.notBefore === undefined) continue;
    // the card is rendered fresh when posted: a card phase that already passed needs no update
    if ((phase === 'kaart' || phase === 'venster') && at <= t) continue;
    out.push({ kind: deadline.kind, phase, at: iso(at), dueBy: deadline.dueBy });
  }
  return out;
}
