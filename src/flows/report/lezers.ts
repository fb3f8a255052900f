import { roleLabel, route } from '../../domain/route.js';
import type { Role } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { Services } from '../services.js';
import type { StepContext } from './steps/form-step.js';
import { knownRole } from './steps/form-step.js';

const m = nl.melding.safety;

/** "griffier (Sanne Jansen)": the role as the profile names it, with who holds it here when the people file knows. */
export function roleWithNames(services: Pick<Services, 'profile' | 'people'>, role: Role): string {
  const label = roleLabel(services.profile, role);
  const names = services.people.withRole(role).map((x) => x.name);
  return names.length > 0 ? `${label} (${names.join(', ')})` : label;
}

/**
 * Who will read the melding, said before it starts: the handlers of the person's own role (one of
 * them picks it up) and the coordinator where the profile informs them. Without a known role the
 * answer waits for the summary, which names them by the role given there.
 */
export function lezersText(ctx: StepContext): string {
  const role = knownRole(ctx);
  if (!role) return m.lezersOnbekend;
  const r = route(ctx.services.profile, role);
  const handlers = r.handlers.map((h) => roleWithNames(ctx.services, h)).join(nl.melding.samenvatting.wieHoort.of);
  return fmt(m.lezers, { lezers: r.coordinator ? `${handlers}${m.en}${roleWithNames(ctx.services, 'coordinator')}` : handlers });
}
