import { channelRoles } from '../../domain/route.js';
import { nl } from '../../shared/i18n/nl.js';
import { messageCard, show } from '../common.js';
import { channelRef } from '../handling/links.js';
import type { Services } from '../services.js';
import type { Actor, TurnInput, TurnResult } from '../types.js';
import type { Viewer } from './rows.js';

const o = nl.overzicht;

const refusal = (text: string): TurnResult => show(messageCard(text, { style: 'attention', home: false }));

/** Whether this turn comes from the coordinator's linked channel, while it is not suspended (every reader there is allowed). */
export async function inCoordinatorChannel(services: Services, input: TurnInput): Promise<boolean> {
  if (input.conversation.kind !== 'channel') return false;
  const link = await services.store.channelLinks.get(services.orgId, 'coordinator');
  if (!link || link.value.suspendedAt) return false;
  return link.value.conversationRef.conversation.id === channelRef(input.conversation.ref).conversation.id;
}

/**
 * Who may see the overview here, by Entra object id from the people directory: the coordinator
 * all open meldingen, in their own 1:1 chat or in the coordinator's linked channel (whose readers
 * the roster check allows); a handler only their own, and only in the 1:1 chat, because other
 * readers of any channel may not see other meldingen. Anyone else gets a refusal and nothing more.
 */
export async function viewerOf(services: Services, input: TurnInput, actor: Actor): Promise<{ ok: true; viewer: Viewer } | { ok: false; answer: TurnResult }> {
  const person = services.people.get(actor.aadObjectId);
  const personal = input.conversation.kind === 'personal';
  if (person?.roles.includes('coordinator')) {
    if (personal || (await inCoordinatorChannel(services, input))) return { ok: true, viewer: { aadObjectId: actor.aadObjectId, scope: 'alles' } };
    services.logger.warn({ actor: actor.aadObjectId }, 'overview refused: not the coordinator channel');
    return { ok: false, answer: refusal(o.alleenKanaal) };
  }
  const handlerRoles: string[] = channelRoles(services.profile).filter((r) => r !== 'coordinator');
  if (person?.roles.some((r) => handlerRoles.includes(r))) {
    if (personal) return { ok: true, viewer: { aadObjectId: actor.aadObjectId, scope: 'eigen' } };
    return { ok: false, answer: refusal(o.alleenPersoonlijk) };
  }
  services.logger.warn({ actor: actor.aadObjectId }, 'overview refused: neither coordinator nor handler');
  return { ok: false, answer: refusal(o.geweigerd) };
}
