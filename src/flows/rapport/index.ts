import { toAmsterdam } from '../../domain/calendar.js';
import { emptyYear, type YearCounts } from '../../domain/report/counts.js';
import type { Profile } from '../../domain/profiles/schema.js';
import { figuresOf, reportThreshold } from '../../domain/report/yearly.js';
import { roleLabel } from '../../domain/route.js';
import type { FunctionarisRole } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { messageCard, show } from '../common.js';
import type { CommandName } from '../commands.js';
import type { CommandHandler } from '../flow-module.js';
import { inCoordinatorChannel } from '../overzicht/access.js';
import type { Services } from '../services.js';
import type { CardJson, TurnResult } from '../types.js';
import { rapportCard } from './card.js';
import { loadYearCounts, type BookingsSource } from './rows.js';

export { reportTimesChanged, type BookingsSource } from './rows.js';

const r = nl.rapport;
const FIRST_YEAR = 2000;

const answer = (text: string): TurnResult => show(messageCard(text, { style: 'attention', home: false }));

/** Who may ask for the report: the coordinator, and the roles the profile names (the griffier, the secretaris). */
export function reportRoles(profile: Profile): FunctionarisRole[] {
  return ['coordinator', ...(profile.rapportRollen ?? []).filter((role) => role !== 'coordinator')];
}

/** "aangewezen ambtenaar Veiligheid, griffier of gemeentesecretaris" */
function rolesText(profile: Profile): string {
  const labels = reportRoles(profile).map((role) => (role === 'coordinator' ? profile.coordinatorLabel : roleLabel(profile, role)));
  const last = labels.pop() ?? '';
  return labels.length === 0 ? last : fmt(r.rollenOf, { eerdere: labels.join(', '), laatste: last });
}

/** The report card of a year beside the year before, and how many meldingen it counted (the command's work after its checks). */
export async function yearlyReport(services: Services, year: number, bookings?: BookingsSource): Promise<{ card: CardJson; meldingen: number }> {
  const [now, before] = await loadYearCounts(services, [year, year - 1], bookings);
  const { profile } = services;
  const threshold = reportThreshold(profile);
  const figures = (counts: YearCounts | undefined, y: number) => figuresOf(counts ?? emptyYear(y), profile.roles, threshold, profile.reportingRule);
  return { card: rapportCard(profile, figures(now, year), figures(before, year - 1), threshold), meldingen: (now?.total ?? 0) + (before?.total ?? 0) };
}

/**
 * `rapport [jaar]`: the yearly report in counts and charts, for the coordinator and the report
 * roles of the profile (by Entra object id in the people directory), in their 1:1 chat or the
 * coordinator's linked channel. Anyone else gets a polite refusal; a year that is no year gets an
 * example. Reads the report's projection of two years, never the meldingen themselves.
 */
export function rapportFlow(services: Services, bookings?: BookingsSource): { commands: Partial<Record<CommandName, CommandHandler>> } {
  const roles = reportRoles(services.profile);
  const rapport: CommandHandler = async (input, actor, args) => {
    if (!roles.some((role) => services.people.hasRole(actor.aadObjectId, role))) {
      services.logger.warn({ actor: actor.aadObjectId }, 'report refused: no report role');
      return answer(fmt(r.geweigerd, { coordinator: rolesText(services.profile) }));
    }
    if (input.conversation.kind !== 'personal' && !(await inCoordinatorChannel(services, input))) {
      return answer(fmt(r.alleenKanaal, { coordinator: services.profile.coordinatorLabel }));
    }
    const thisYear = toAmsterdam(input.now).year;
    const asked = args.trim();
    const year = asked === '' ? thisYear : /^\d{4}$/.test(asked) ? Number(asked) : Number.NaN;
    if (!(year >= FIRST_YEAR && year <= thisYear)) return answer(fmt(r.ongeldigJaar, { jaar: thisYear }));
    const started = Date.now();
    const { card, meldingen } = await yearlyReport(services, year, bookings);
    services.logger.info({ actor: actor.aadObjectId, year, meldingen, ms: Date.now() - started }, 'yearly report');
    return show(card);
  };
  return { commands: { rapport } };
}
