import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { loggableError, type Logger } from '../../logger.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { BERICHT_COMMAND_ID } from '../bericht/effects.js';
import { organisationDialogCard, OrganisationChoiceSchema } from '../bericht/view.js';
import { COMMANDS } from '../commands.js';
import { messageCard, refuse } from '../common.js';
import { channelRef } from '../handling/links.js';
import type { Services } from '../services.js';
import { reply, type Actor, type TurnEvent, type TurnInput, type TurnResult } from '../types.js';
import { ORG_FIELD, stampResult, unstamp } from './stamp.js';

/** What the dispatcher needs of one organisation (src/initialize-org.ts builds it). */
export interface OrgTurns {
  id: string;
  name: string;
  services: Services;
  handle(input: TurnInput): Promise<TurnResult>;
  /** remembers the person's chat for this organisation, without answering */
  remember(input: TurnInput): Promise<void>;
  /** whether the person has a melding open here that is not yet filed (as stored, whichever instance wrote it) */
  hasDraft(actor: Actor): Promise<boolean>;
}

/** The answer to "for which organisation?": the chosen one and what to do there. */
export const CHOOSE_VERB = 'organisatie.kiezen';
/** the attachments of a message asked about ride along in the card, bounded as src/bot/translate.ts bounds them */
const ChooseSchema = z
  .object({
    tekst: z.string().max(500),
    bijlagen: z.array(z.object({ name: z.string().max(200), contentType: z.string().max(200), ref: z.string().max(2000) })).max(10).optional(),
  })
  .refine((c) => c.tekst.length > 0 || (c.bijlagen?.length ?? 0) > 0);

/** Starting a melding: a person in several organisations is asked for which, and only then. */
const START_VERBS: ReadonlySet<string> = new Set(['melding.start', 'melding.overleg']);
const MINE_VERB = 'meldingen.mijn';
const EVERY_ORG_COMMANDS: readonly string[] = [COMMANDS.mijnMeldingen.text, COMMANDS.mijnGegevens.text];

const isCommand = (text: string, command: string): boolean => text === command || text.startsWith(`${command} `);

/**
 * The front of a deployment that serves several organisations: picks the organisation of each
 * turn and hands it to that organisation's router, where every access check runs as before. Card
 * data only ever narrows the choice: a channel belongs to the organisation that linked it, a
 * personal chat to the organisations the people files put the person in.
 */
export function dispatchTurns(orgs: readonly OrgTurns[], logger: Logger): (input: TurnInput) => Promise<TurnResult> {
  const [first] = orgs;
  if (!first) throw new Error('dispatchTurns: no organisation');
  const byId = new Map(orgs.map((o) => [o.id, o]));

  const orgsOf = (actor: Actor | undefined): OrgTurns[] =>
    actor ? orgs.filter((o) => o.services.people.get(actor.aadObjectId) !== undefined) : [];

  /** Runs the turn in `org` and stamps its cards; `ask` leaves the start of a melding unstamped, so it is asked. */
  const run = async (org: OrgTurns, input: TurnInput, ask = false): Promise<TurnResult> =>
    stampResult(await org.handle(input), org.id, ask ? START_VERBS : undefined);

  const choice = (question: string, options: readonly OrgTurns[], verb: string, data: Record<string, unknown>): TurnResult => {
    // each button names its own organisation
    const keuzes = options.map((o) => ({ naam: o.name, verb, data: { ...data, verb, [ORG_FIELD]: o.id } }));
    return { card: renderCard('organisatie-kiezen', { vraag: question, keuzes }), replies: [] };
  };

  const refused = (input: TurnInput, why: 'organisatie' | 'kanaal', orgId: string | undefined): TurnResult => {
    // the name came with the card: logged only when it is one of ours
    logger.warn({ actor: input.actor?.aadObjectId, org: orgId !== undefined && byId.has(orgId) ? orgId : 'unknown', why }, 'turn refused: card of another organisation');
    return refuse(why === 'kanaal' ? nl.organisaties.anderKanaal : nl.organisaties.andereOrganisatie);
  };

  const linkedOrg = async (input: TurnInput): Promise<OrgTurns | undefined> => {
    const here = channelRef(input.conversation.ref).conversation.id;
    // each organisation's links are a partition of their own: read side by side, so a channel turn
    // waits for one read, not one per organisation. As when read in turn: the first organisation in
    // order that linked the channel wins, and a failed read matters only before it.
    const reads = await Promise.allSettled(orgs.map((o) => o.services.store.channelLinks.list(o.id)));
    for (const [i, read] of reads.entries()) {
      if (read.status === 'rejected') throw read.reason;
      if (read.value.some((l) => l.conversationRef.conversation.id === here)) return orgs[i];
    }
    return undefined;
  };

  /** A channel is its linking organisation's; an unlinked one that of the person, asked when several. */
  const inChannel = async (input: TurnInput, stamped: string | undefined, text: string | undefined): Promise<TurnResult> => {
    const linked = await linkedOrg(input);
    if (linked) return stamped === undefined || stamped === linked.id ? run(linked, input) : refused(input, 'kanaal', stamped);
    const mine = orgsOf(input.actor);
    // only where the person may link: an administrator of that organisation
    const admin = text !== undefined && isCommand(text, COMMANDS.koppel.text) ? mine.filter((o) => o.services.people.isAdmin(input.actor?.aadObjectId ?? '')) : mine;
    const candidates = admin.length > 0 ? admin : mine;
    if (stamped !== undefined) {
      const org = candidates.find((o) => o.id === stamped);
      return org ? run(org, input) : refused(input, 'organisatie', stamped);
    }
    const [only, ...more] = candidates;
    if (!only) return run(first, input);
    if (more.length === 0) return run(only, input);
    if (input.event.kind === 'message') return choice(nl.organisaties.vraag, candidates, CHOOSE_VERB, { tekst: input.event.text.slice(0, 500) });
    if (input.event.kind === 'action') return choice(nl.organisaties.vraag, candidates, input.event.verb, dataObject(input.event.data));
    return run(only, input);
  };

  /** A personal chat: the person's organisations; asked only when a melding starts. */
  const personal = async (input: TurnInput, actor: Actor, stamped: string | undefined, text: string | undefined): Promise<TurnResult> => {
    const mine = orgsOf(actor);
    const allowed = mine.length > 0 ? mine : [first];
    if (stamped !== undefined) {
      const org = allowed.find((o) => o.id === stamped);
      if (!org) return refused(input, 'organisatie', stamped);
      return run(org, input, allowed.length > 1);
    }
    const [only] = allowed;
    if (allowed.length === 1 && only) return run(only, input);
    const event = input.event;
    const verb = event.kind === 'action' ? event.verb : undefined;
    if ((verb !== undefined && START_VERBS.has(verb)) || (text !== undefined && isCommand(text, COMMANDS.melden.text))) {
      return choice(nl.organisaties.vraagMelden, allowed, verb ?? 'melding.start', {});
    }
    // what the person has in each organisation: each organisation answers for its own
    if (verb === MINE_VERB || (text !== undefined && EVERY_ORG_COMMANDS.some((c) => isCommand(text, c)))) return everyOrg(allowed, input);
    return unnamed(input, actor, allowed, only ?? first);
  };

  /**
   * A turn no card names (a screenshot sent during a melding) belongs to the organisation where
   * the person has a melding open, as stored: whichever instance she started it on. Not known in
   * memory, so it never lands in another organisation's melding, where its handlers would see it.
   */
  const unnamed = async (input: TurnInput, actor: Actor, allowed: readonly OrgTurns[], fallback: OrgTurns): Promise<TurnResult> => {
    const open: OrgTurns[] = [];
    for (const o of allowed) if (await o.hasDraft(actor)) open.push(o);
    const [one, ...more] = open;
    if (!one) return run(fallback, input, true);
    if (more.length === 0) return run(one, input, true);
    const event = input.event;
    if (event.kind === 'message') {
      return choice(nl.organisaties.vraag, open, CHOOSE_VERB, { tekst: event.text.slice(0, 500), ...(event.attachments.length > 0 ? { bijlagen: event.attachments.slice(0, 10) } : {}) });
    }
    if (event.kind === 'action') return choice(nl.organisaties.vraag, open, event.verb, dataObject(event.data));
    return run(fallback, input, true);
  };

  /**
   * "Melden bij Weerbaar" is the person's, wherever the message is: a person in several
   * organisations chooses in the dialog, whose submit brings the same message back; the choice
   * counts only for an organisation of theirs. Nothing is stored before that.
   */
  const messageAction = async (input: TurnInput, actor: Actor, event: MessageAction): Promise<TurnResult> => {
    const mine = orgsOf(actor);
    if (event.submitted) {
      const choice = OrganisationChoiceSchema.safeParse(event.submitted.data);
      const chosen = choice.success ? choice.data.organisatie : undefined;
      const org = mine.find((o) => o.id === chosen);
      if (!org) {
        logger.warn({ actor: actor.aadObjectId, org: chosen !== undefined && byId.has(chosen) ? chosen : 'unknown' }, 'message action: organisation refused');
        return messageDialog(nl.bericht.organisatie.geweigerd);
      }
      return run(org, input);
    }
    const [only = first, ...more] = mine;
    // an unreadable message gets its organisation's answer at once: there is nothing to choose for
    if (more.length === 0 || !event.message || event.commandId !== BERICHT_COMMAND_ID) return run(only, input);
    return { replies: [], dialog: { title: nl.bericht.dialoogTitel, card: organisationDialogCard(mine) } };
  };

  /** One answer of each organisation, each under its name. */
  const everyOrg = async (allowed: readonly OrgTurns[], input: TurnInput): Promise<TurnResult> => {
    const replies: TurnResult['replies'] = [];
    for (const o of allowed) {
      const r = await run(o, input, true);
      replies.push(reply.text(fmt(nl.organisaties.kopje, { naam: o.name })), ...(r.card ? [reply.card(r.card)] : []), ...r.replies);
    }
    return input.event.kind === 'action' ? { card: messageCard(nl.organisaties.perOrganisatie, { home: false }), replies } : { replies };
  };

  const dispatch = async (raw: TurnInput): Promise<TurnResult> => {
    let input = raw;
    let stamped: string | undefined;
    if (raw.event.kind === 'action') {
      const { orgId, data } = unstamp(raw.event.data);
      stamped = orgId;
      input = { ...raw, event: { ...raw.event, data } };
      if (raw.event.verb === CHOOSE_VERB) {
        const redo = ChooseSchema.safeParse(data);
        if (!redo.success || stamped === undefined) return refuse(nl.errors.invalidPayload);
        input = { ...raw, event: { kind: 'message', text: redo.data.tekst, attachments: redo.data.bijlagen ?? [] } };
      }
    }
    const { event, actor, conversation } = input;
    const text = event.kind === 'message' ? event.text.trim().toLowerCase() : undefined;
    if (event.kind === 'membersAdded') {
      for (const o of orgs) await o.handle(input);
      return { replies: [] };
    }
    // its conversation is the message's, wherever that is: never a channel's organisation, never remembered as her chat
    if (event.kind === 'messageAction') return actor ? messageAction(input, actor, event) : run(first, input);
    if (conversation.kind === 'channel') return inChannel(input, stamped, text);
    if (!actor) return run(first, input);
    // every organisation of the person knows their chat, so each can write to them
    if (conversation.kind === 'personal') {
      for (const o of orgsOf(actor)) await o.remember(input);
    }
    return personal(input, actor, stamped, text);
  };

  return async (input) => {
    try {
      return await dispatch(input);
    } catch (err) {
      logger.error({ actor: input.actor?.aadObjectId, err: loggableError(err) }, 'dispatch failed');
      // a message action is answered in its dialog, where a card's buttons would reach nobody
      if (input.event.kind === 'messageAction') return messageDialog(nl.errors.generic);
      return { card: messageCard(nl.errors.generic, { style: 'attention' }), replies: [] };
    }
  };
}

type MessageAction = Extract<TurnEvent, { kind: 'messageAction' }>;

function messageDialog(text: string): TurnResult {
  return { replies: [], dialog: { title: nl.bericht.dialoogTitel, card: messageCard(text, { style: 'attention', home: false }) } };
}

function dataObject(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' && !Array.isArray(data) ? Object.fromEntries(Object.entries(data)) : {};
}
