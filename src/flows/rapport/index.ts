import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toAmsterdam } from '../../domain/calendar.js';
import { formatDutch } from '../../domain/format.js';
import { emptyYear, type YearCounts } from '../../domain/report/counts.js';
import type { Profile } from '../../domain/profiles/schema.js';
import { figuresOf, reportThreshold, type YearFigures } from '../../domain/report/yearly.js';
import { roleLabel } from '../../domain/route.js';
import type { FunctionarisRole } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { messageCard, show } from '../common.js';
import type { CommandName } from '../commands.js';
import { offering } from '../downloads.js';
import type { ActionHandler, CommandHandler } from '../flow-module.js';
import { inCoordinatorChannel } from '../overzicht/access.js';
import type { Services } from '../services.js';
import { reply, type Actor, type CardJson, type TurnInput, type TurnResult } from '../types.js';
import { rapportCard, reportTables } from './card.js';
import { reportSheet, toCsv, toXlsx } from './export.js';
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

async function figuresFor(services: Services, year: number, bookings?: BookingsSource): Promise<{ now: YearFigures; before: YearFigures; threshold: number; meldingen: number }> {
  const [now, before] = await loadYearCounts(services, [year, year - 1], bookings);
  const { profile } = services;
  const threshold = reportThreshold(profile);
  const figures = (counts: YearCounts | undefined, y: number) => figuresOf(counts ?? emptyYear(y), profile.roles, threshold, profile.reportingRule);
  return { now: figures(now, year), before: figures(before, year - 1), threshold, meldingen: (now?.total ?? 0) + (before?.total ?? 0) };
}

/** The report card of a year beside the year before, and how many meldingen it counted (the command's work after its checks). */
export async function yearlyReport(services: Services, year: number, bookings?: BookingsSource): Promise<{ card: CardJson; meldingen: number }> {
  const f = await figuresFor(services, year, bookings);
  return { card: rapportCard(services.profile, f.now, f.before, f.threshold), meldingen: f.meldingen };
}

/**
 * Who may have the report here: the coordinator and the profile's report roles (by Entra object
 * id in the people directory), in their 1:1 chat or the coordinator's linked channel. The refusal,
 * or undefined when they may.
 */
async function refusal(services: Services, input: TurnInput, actor: Actor, roles: readonly FunctionarisRole[]): Promise<TurnResult | undefined> {
  if (!roles.some((role) => services.people.hasRole(actor.aadObjectId, role))) {
    services.logger.warn({ actor: actor.aadObjectId }, 'report refused: no report role');
    return answer(fmt(r.geweigerd, { coordinator: rolesText(services.profile) }));
  }
  if (input.conversation.kind !== 'personal' && !(await inCoordinatorChannel(services, input))) {
    return answer(fmt(r.alleenKanaal, { coordinator: services.profile.coordinatorLabel }));
  }
  return undefined;
}

const ExportSchema = z.object({ jaar: z.string().regex(/^\d{4}$/), formaat: z.enum(['xlsx', 'csv']) });

/**
 * `rapport [jaar]`: the yearly report in counts and charts, for the coordinator and the report
 * roles of the profile, in their 1:1 chat or the coordinator's linked channel. Anyone else gets a
 * polite refusal; a year that is no year gets an example. Reads the report's projection of two
 * years, never the meldingen themselves. `rapport.export` gives the same cells as XLSX or CSV
 * behind a link that expires, after the same checks: the card's data are never trusted.
 */
export function rapportFlow(services: Services, bookings?: BookingsSource): { commands: Partial<Record<CommandName, CommandHandler>>; actions: Record<string, ActionHandler> } {
  const roles = reportRoles(services.profile);
  const yearOf = (now: Date, asked: string): number => {
    const thisYear = toAmsterdam(now).year;
    const year = asked === '' ? thisYear : /^\d{4}$/.test(asked) ? Number(asked) : Number.NaN;
    return year >= FIRST_YEAR && year <= thisYear ? year : Number.NaN;
  };
  const rapport: CommandHandler = async (input, actor, args) => {
    const refused = await refusal(services, input, actor, roles);
    if (refused) return refused;
    const year = yearOf(input.now, args.trim());
    if (Number.isNaN(year)) return answer(fmt(r.ongeldigJaar, { jaar: toAmsterdam(input.now).year }));
    const started = Date.now();
    const { card, meldingen } = await yearlyReport(services, year, bookings);
    services.logger.info({ actor: actor.aadObjectId, year, meldingen, ms: Date.now() - started }, 'yearly report');
    return show(card);
  };
  const exportFile: ActionHandler = async (input, actor, data) => {
    const refused = await refusal(services, input, actor, roles);
    if (refused) return refused;
    const asked = ExportSchema.safeParse(data);
    const year = asked.success ? yearOf(input.now, asked.data.jaar) : Number.NaN;
    if (!asked.success || Number.isNaN(year)) return answer(fmt(r.export.ongeldig, { jaar: toAmsterdam(input.now).year }));
    const { formaat } = asked.data;
    const f = await figuresFor(services, year, bookings);
    const { totaal, tables } = reportTables(services.profile, f.now, f.before);
    const uitleg = fmt(r.verborgenUitleg, { drempel: f.threshold });
    const sheet = reportSheet(year, year - 1, totaal, tables, uitleg);
    const body = formaat === 'csv' ? toCsv(sheet) : await toXlsx(sheet);
    return offering(services, actor, async () => {
      const offered = await services.downloads.offer(services.orgId, actor.aadObjectId, { filename: `weerbaar-jaarrapport-${year}.${formaat}`, type: formaat, body }, input.now);
      services.logger.info({ actor: actor.aadObjectId, year, formaat, bytes: body.length }, 'yearly report exported');
      const download = renderCard('rapport-download', {
        titel: fmt(r.export.titel, { jaar: year, formaat: formaat === 'csv' ? 'CSV' : 'Excel' }),
        klaar: fmt(r.export.klaar, { tijd: formatDutch(offered.expiresAt) }),
        uitleg,
        url: offered.url,
      });
      // the report stays on the card it was asked from; the link comes as a message of its own
      return { card: rapportCard(services.profile, f.now, f.before, f.threshold), replies: [reply.card(download)] };
    });
  };
  return { commands: { rapport }, actions: { 'rapport.export': exportFile } };
}
