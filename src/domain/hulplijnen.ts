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

/** A hulplijn as a card shows it: the number as a tap-to-call link, and its note (when it answers) beside it. */
export interface BelbareHulplijn {
  naam: string;
  nummer: string;
  /** markdown `[020 840 76 20](tel:0208407620)`: the number stays readable where a client does not dial */
  link: string;
  toelichting: string;
}

/** The numbers come from the profile (digits and spaces, checked by its schema), never from a user. */
export function belbaar(h: Pick<Hulplijn, 'naam' | 'nummer' | 'toelichting'>): BelbareHulplijn {
  return { naam: h.naam, nummer: h.nummer, link: `[${h.nummer}](tel:${h.nummer.replace(/\s/g, '')})`, toelichting: h.toelichting ?? '' };
}

/**
 * The number to offer someone who needs support now: Slachtofferhulp where the profile lists it,
 * else the first number that is not the alarm number (a profile's own support line).
 */
export function steunlijn<H extends Pick<Hulplijn, 'naam' | 'nummer'>>(hulplijnen: readonly H[]): H | undefined {
  return hulplijnen.find((h) => /slachtofferhulp/i.test(h.naam)) ?? hulplijnen.find((h) => h.nummer.replace(/\s/g, '') !== '112');
}
