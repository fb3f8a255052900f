import { renderCard } from '../../cards/render.js';
import { ontbrekend } from '../../domain/aanvulling.js';
import { deadlineStatus } from '../../domain/deadlines.js';
import { formatDutch, formatDutchDate } from '../../domain/format.js';
import { belbaar, steunlijn } from '../../domain/hulplijnen.js';
import type { Incident } from '../../domain/incident-schema.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { messageCard } from '../common.js';
import type { Actor, CardJson } from '../types.js';
import type { ReportContext } from './actions/context.js';
import type { Draft } from './draft.js';

const m = nl.melding;
const b = m.bevestiging;

type Deadline = Incident['deadlines'][number];
type OrganisatieKind = keyof typeof b.organisatie;
const isOrganisatieKind = (kind: string): kind is OrganisatieKind => kind in b.organisatie;

/** One thing the organisation does, as a whole sentence with its date; past its date it says we do it as soon as we can. */
function organisatieRegel(d: Deadline & { kind: OrganisatieKind }, now: Date): string {
  const regel = fmt(b.organisatie[d.kind], { datum: formatDutch(d.dueBy), from: d.notBefore ? formatDutchDate(d.notBefore) : '' });
  return deadlineStatus(d, now).state === 'overdue' ? fmt(b.overdue, { regel }) : regel;
}

/** The first nazorg conversation: the one date the melder waits for, said about whoever it is for. */
function eersteGesprek(incident: Incident, now: Date): string {
  const first = incident.deadlines.find((d) => d.kind === 'nazorg-1');
  if (!first) return '';
  const naam = incident.namens ? incident.ambtsdrager.name : undefined;
  if (deadlineStatus(first, now).state === 'overdue') return naam ? fmt(b.eersteGesprekZoSnelNamens, { naam }) : b.eersteGesprekZoSnel;
  const datum = formatDutch(first.dueBy);
  return naam ? fmt(b.eersteGesprekNamens, { naam, datum }) : fmt(b.eersteGesprek, { datum });
}

/**
 * The melder's receipt, in the order a shaken person needs it: who picks it up and when the first
 * conversation is; support now when she asked for it; then what the organisation does (none of it
 * her task); the hulplijnen, each number tappable with its note.
 */
export function confirmation(ctx: ReportContext, incident: Incident, now: Date): CardJson {
  const p = ctx.services.profile;
  const handlers = incident.routing.handlers.map((role) => ctx.roleWithNames(role)).join(' of ');
  const nazorg = incident.impact?.nazorgGewenst === true;
  const naam = incident.namens ? incident.ambtsdrager.name : undefined;
  const organisatie = incident.deadlines
    .filter((d): d is Deadline & { kind: OrganisatieKind } => isOrganisatieKind(d.kind))
    .filter((d) => nazorg || !d.kind.startsWith('nazorg'))
    .map((d) => ({ text: organisatieRegel(d, now) }));
  const steun = incident.impact?.steunNodig ? steunlijn(p.hulplijnen) : undefined;
  return renderCard('melding-bevestiging', {
    numberText: fmt(b.number, { number: incident.number }),
    handlerText: fmt(b.handler, { handlers }),
    eersteGesprek: nazorg ? eersteGesprek(incident, now) : '',
    nazorgDeclined: nazorg ? '' : naam ? fmt(b.nazorgDeclinedNamens, { naam, handlers }) : fmt(b.nazorgDeclined, { handlers }),
    steun: steun !== undefined,
    steunTitle: naam ? fmt(b.steunTitleNamens, { naam }) : b.steunTitle,
    steunText: naam ? fmt(b.steunNamens, { naam }) : b.steunNu,
    steunlijnen: steun ? [belbaar(steun)] : [],
    organisatie,
    coordinatorText: fmt(incident.routing.coordinator ? b.coordinator : b.coordinatorOpVerzoek, { coordinator: p.coordinatorLabel }),
    hulplijnen: p.hulplijnen.map(belbaar),
    incidentId: incident.id,
    aanvullenText: nogAanvullen(incident),
  });
}

/** What the melder can still add, in their words; empty when the melding is complete. */
export function nogAanvullen(incident: Incident): string {
  // the category follows from the answers about the behaviour: one part for the melder
  const delen = ontbrekend(incident).filter((d) => d !== 'categorie').map((d) => m.aanvullen.delen[d]);
  return delen.length > 0 ? fmt(m.aanvullen.nogAanvullen, { delen: delen.join(', ') }) : '';
}

/** Annuleren on a draft whose melding is filed already: nothing is withdrawn, and it says so. */
export function alreadyFiledCard(incident: Incident): CardJson {
  return messageCard(fmt(m.alIngediend, { number: incident.number }), { style: 'good' });
}

/**
 * The melding a draft became, when the instance that filed it stopped before it deleted the draft
 * (a crash between the two): the leftover draft is deleted, so nothing says it is unfinished.
 * Undefined for a draft that is still a draft. Costs one read, so it is asked where a draft is
 * shown as open or thrown away, not on every step; and only of a draft that can have been filed
 * (on the summary or the short card, or edited from the summary) unless `anyStep`, for a question that must be answered right.
 */
export async function filedMelding(ctx: ReportContext, actor: Actor, draft: Draft, options: { anyStep?: boolean } = {}): Promise<Incident | undefined> {
  if (!options.anyStep && draft.step !== 'samenvatting' && draft.step !== 'kort' && !draft.returnToSummary) return undefined;
  const stored = await ctx.services.store.incidents.get(ctx.org, draft.id);
  if (!stored || stored.value.melder.aadObjectId !== actor.aadObjectId) return undefined;
  await ctx.drafts.delete(ctx.org, actor.aadObjectId);
  ctx.services.logger.info({ actor: actor.aadObjectId, incident: draft.id }, 'leftover draft of a filed melding removed');
  return stored.value;
}
