import type { Incident } from '../../domain/incident-schema.js';
import { isHandler, mayEvaluate } from '../../flows/handling/access.js';
import type { HandlingDeps, Messenger, Posted, Target } from '../../flows/handling/ports.js';
import { gewistCard } from '../../flows/avg/card.js';
import { currentNazorgCard } from '../../flows/handling/nazorg-view.js';
import { refreshTeamsUserIds } from '../../flows/handling/refresh.js';
import { meldingCard, viewContext } from '../../flows/handling/view.js';
import { channelRef } from '../../flows/handling/links.js';
import { mayOpenFor, type MayOpen, type SignalViewer } from '../../flows/handling/pleger-signal.js';
import type { Services } from '../../flows/services.js';
import type { CardJson, Reply } from '../../flows/types.js';
import { nl } from '../../shared/i18n/nl.js';
import { roleLabel } from '../../domain/route.js';
import { fmt } from '../../shared/i18n/nl.js';
import type { ConversationRef } from '../../store/schemas.js';
import { PermanentError, type JobContext } from '../../shared/jobs.js';

export interface HandlingJobContext {
  services: Services;
  deps: HandlingDeps;
  messenger: Messenger;
  now: () => Date;
}

/**
 * The card as a target sees it: the nazorg receiver their own nazorg card; a channel gets the status view (the handlers get their own
 * view through refresh or the Behandelen button); a handler's 1:1 chat gets the handler view.
 */
export async function cardFor(c: HandlingJobContext, incident: Incident, target: Target): Promise<CardJson> {
  const erased = gewistCard(incident, c.services.profile);
  if (erased) return erased;
  if (target.kind === 'nazorg') return currentNazorgCard(c.services, c.deps.agenda, incident);
  // who reads the card is looked up only when the card has other meldingen to link to
  let viewer: Promise<SignalViewer> | undefined;
  const mayOpen: MayOpen = async (m) => mayOpenFor(c.services, c.deps.posts, await (viewer ??= viewerOf(c, target)))(m);
  const ctx = await viewContext(c.services, incident, c.now(), c.deps.agenda, mayOpen);
  const handler = target.kind === 'person' && isHandler(c.services, incident, target.aadObjectId);
  const primary = incident.routing.handlers[0];
  const banner =
    handler && primary ? fmt(nl.afhandeling.bericht.persoonlijk, { role: roleLabel(c.services.profile, primary) }) : undefined;
  return meldingCard(incident, ctx, {
    handler,
    evaluator: target.kind === 'person' && mayEvaluate(c.services, incident, target.aadObjectId),
    coordinator: target.kind === 'channel' ? target.role === 'coordinator' : c.services.people.hasRole(target.aadObjectId, 'coordinator'),
    pickUp: target.kind === 'channel' && incident.routing.handlers.includes(target.role),
    ...(banner ? { banner } : {}),
    refreshUserIds: await refreshTeamsUserIds(c.services, c.deps, incident),
  });
}

/** Who reads the card at this target: the person, or every reader of the role's linked channel. */
async function viewerOf(c: HandlingJobContext, target: Target): Promise<SignalViewer> {
  if (target.kind !== 'channel') return { kind: 'persoon', aadObjectId: target.aadObjectId };
  const link = await c.services.store.channelLinks.get(c.services.orgId, target.role);
  return link ? { kind: 'kanaal', channelId: channelRef(link.value.conversationRef).conversation.id } : { kind: 'niemand' };
}

/**
 * A reference to open a new 1:1 conversation through (same tenant and service URL): `preferred`
 * when given, else any linked or seen channel, else the known personal chat of one of `people`.
 */
export async function anyRef(
  c: HandlingJobContext,
  orgId: string,
  preferred?: ConversationRef,
  people: readonly string[] = [],
): Promise<ConversationRef> {
  if (preferred) return preferred;
  const link = (await c.services.store.channelLinks.list(orgId))[0];
  if (link) return link.conversationRef;
  const seen = (await c.deps.conversations.listChannels(orgId))[0];
  if (seen) return seen.ref;
  for (const aadObjectId of people) {
    const known = await c.deps.conversations.getPerson(orgId, aadObjectId);
    if (known) return known.ref;
  }
  throw new PermanentError('no-conversation-known');
}

/** For a message about a melding: the melder's own chat first. */
export async function viaRef(c: HandlingJobContext, orgId: string, incident: Incident): Promise<ConversationRef> {
  return anyRef(c, orgId, (await c.deps.conversations.getPerson(orgId, incident.melder.aadObjectId))?.ref);
}

/** The job that sends a message, and what the log may name about it (ids only). */
export interface Delivery {
  job: JobContext;
  incidentId?: string | undefined;
  /** the job sends several messages: a refusal of one says nothing of those sent before it */
  several?: boolean;
}

/**
 * The Bot Connector has no idempotency key for a new message: when an earlier attempt of this job
 * may have reached Teams (its process died mid-run, or Teams answered 5xx or not at all after
 * perhaps accepting it), this message may show twice. Only a refusal (4xx) proves nothing was
 * delivered. Rare, and logged with ids only, so that it is never silent.
 */
export function notePossibleDuplicate(c: HandlingJobContext, d: Delivery, to: string): void {
  const previous = d.job.previousOutcome;
  if (previous === undefined) return;
  if (/^teams-4\d\d$/.test(previous) && d.several !== true) return;
  c.services.logger.warn(
    { key: d.job.idempotencyKey, type: d.job.type, attempt: d.job.attempt, previous, incident: d.incidentId, to },
    'an earlier attempt may have reached Teams; this message may show twice',
  );
}

/** A new message or card in a channel (or any conversation the ref names). */
export function postTo(c: HandlingJobContext, d: Delivery, ref: ConversationRef, reply: Reply, to: string): Promise<Posted> {
  notePossibleDuplicate(c, d, to);
  return c.messenger.post(ref, reply);
}

/**
 * A 1:1 message to a person: into their known personal chat, else a new chat addressed by the
 * Teams user id we learnt (or the directory gives), else by Entra object id. `via` supplies the
 * service URL and tenant when no chat is known yet.
 */
export async function sendToPerson(
  c: HandlingJobContext,
  d: Delivery,
  orgId: string,
  aadObjectId: string,
  reply: Reply,
  via: () => Promise<ConversationRef>,
): Promise<Posted> {
  notePossibleDuplicate(c, d, `persoon-${aadObjectId}`);
  const person = await c.deps.conversations.getPerson(orgId, aadObjectId);
  const teamsUserId =
    person?.teamsUserId ??
    (await c.deps.conversations.getTeamsUserId(orgId, aadObjectId)) ??
    c.services.people.get(aadObjectId)?.teamsUserId;
  return c.messenger.sendToPerson(
    { aadObjectId, ...(person ? { ref: person.ref } : {}), ...(teamsUserId ? { teamsUserId } : {}) },
    person?.ref ?? (await via()),
    reply,
  );
}
