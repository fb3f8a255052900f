import type { Profile } from '../domain/profiles/index.js';
import { DEFAULT_RETENTION_YEARS, retentionYears } from '../domain/retention.js';

/**
 * How long Weerbaar keeps the personal data of a melding: the profile's term after closing. A
 * daily job (src/jobs/handlers/retention.ts) erases what passed it; the privacy statement
 * (src/pages/privacy.ts) reads the same value, so it tells what the bot really does.
 */
export interface Retention {
  yearsAfterClosing: number;
  /** false: the profile names no term and the default applies */
  fromProfile: boolean;
}

export function retentionOf(profile: Pick<Profile, 'bewaartermijnJaren'>): Retention {
  return { yearsAfterClosing: retentionYears(profile), fromProfile: profile.bewaartermijnJaren !== undefined };
}

export { DEFAULT_RETENTION_YEARS };
