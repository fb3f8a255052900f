import { isWorkingDay, toAmsterdam, type InstantInput } from './calendar.js';
import type { Hulplijn } from './profiles/schema.js';

/** Office hours as the sources mean them: working days, 09:00 to 17:00 on the Amsterdam clock. */
export const KANTOORUREN = { start: 9, end: 17 } as const;

export function inKantooruren(now: InstantInput): boolean {
  const hour = toAmsterdam(now).hour;
  return isWorkingDay(now) && hour >= KANTOORUREN.start && hour < KANTOORUREN.end;
}

/** The hulplijnen to show at `now`: a number for office hours only, or for outside them, only when it answers. */
export function hulplijnenOp<H extends Pick<Hulplijn, 'bereikbaar'>>(hulplijnen: readonly H[], now: InstantInput): H[] {
  const nu = inKantooruren(now) ? 'kantooruren' : 'buiten-kantooruren';
  return hulplijnen.filter((h) => h.bereikbaar === undefined || h.bereikbaar === nu);
}
