import { toAmsterdam } from '../../domain/calendar.js';
import { reportThreshold, yearFigures } from '../../domain/report/yearly.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { messageCard, show } from '../common.js';
import type { CommandName } from '../commands.js';
import type { CommandHandler } from '../flow-module.js';
import { inCoordinatorChannel } from '../overzicht/access.js';
import type { Services } from '../services.js';
import type { TurnResult } from '../types.js';
import { rapportCard } from './card.js';
import { loadReportRows } from './rows.js';

const r = nl.rapport;
const FIRST_YEAR = 2000;

const answer = (text: string): TurnResult => show(messageCard(text, { style: 'attention', home: false }));

/**
 * `rapport [jaar]`: the yearly report in counts, for the coordinator in their 1:1 chat or their
 * linked channel. Anyone else gets a polite refusal; a year that is no year gets an example.
 */
export function rapportFlow(services: Services): { commands: Partial<Record<CommandName, CommandHandler>> } {
  const coordinator = services.profile.coordinatorLabel;
  const rapport: CommandHandler = async (input, actor, args) => {
    if (!services.people.hasRole(actor.aadObjectId, 'coordinator')) {
      services.logger.warn({ actor: actor.aadObjectId }, 'report refused: not the coordinator');
      return answer(fmt(r.geweigerd, { coordinator }));
    }
    if (input.conversation.kind !== 'personal' && !(await inCoordinatorChannel(services, input))) {
      return answer(fmt(r.alleenKanaal, { coordinator }));
    }
    const thisYear = toAmsterdam(input.now).year;
    const asked = args.trim();
    const year = asked === '' ? thisYear : /^\d{4}$/.test(asked) ? Number(asked) : Number.NaN;
    if (!(year >= FIRST_YEAR && year <= thisYear)) return answer(fmt(r.ongeldigJaar, { jaar: thisYear }));
    const started = Date.now();
    const rows = await loadReportRows(services);
    const threshold = reportThreshold(services.profile);
    const roles = services.profile.roles;
    const card = rapportCard(services.profile, yearFigures(rows, year, roles, threshold), yearFigures(rows, year - 1, roles, threshold), threshold);
    services.logger.info({ actor: actor.aadObjectId, year, meldingen: rows.length, ms: Date.now() - started }, 'yearly report');
    return show(card);
  };
  return { commands: { rapport } };
}
