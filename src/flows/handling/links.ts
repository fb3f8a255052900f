import { formatDutch } from '../../domain/format.js';
import { channelRoles, roleLabel } from '../../domain/route.js';
import { FunctionarisRoleSchema, type FunctionarisRole } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { ConversationRef } from '../../store/schemas.js';
import { messageCard, show } from '../common.js';
import type { CommandHandler } from '../router.js';
import type { Services } from '../services.js';
import type { TurnResult } from '../types.js';
import { loggableError } from '../../logger.js';
import { checkReaders, type ReaderCheck } from './channel-guard.js';
import type { HandlingDeps } from './ports.js';
import { unreachablePeople } from './reach.js';
import type { Person } from '../../people/directory.js';

const k = nl.afhandeling.koppel;
const kn = nl.afhandeling.kanalen;

/** One line naming, by name and role, the people the bot cannot write to 1:1. */
export function reachLine(services: Services, missing: readonly Person[]): string {
  if (missing.length === 0) return kn.allenBereikbaar;
  const people = missing.map((p) =>
    fmt(kn.persoon, { name: p.name, roles: p.roles.map((r) => roleLabel(services.profile, r)).join(', ') || '-' }),
  );
  return fmt(kn.onbereikbaar, { people: people.join('; ') });
}

/** The roles a channel can be linked to: every handler role of the profile, and the coordinator. */
export function linkableRoles(services: Services): FunctionarisRole[] {
  return channelRoles(services.profile);
}

/** "plaatsvervangend griffier", "Coördinator" -> the role id. */
function parseRole(args: string): FunctionarisRole | undefined {
  const id = args.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, '-');
  const r = FunctionarisRoleSchema.safeParse(id);
  return r.success ? r.data : undefined;
}

/** A post to a channel starts a new thread: the reference names the channel, not the thread clicked in. */
export function channelRef(ref: ConversationRef): ConversationRef {
  const id = ref.teamsChannelId ?? ref.conversation.id.split(';')[0] ?? ref.conversation.id;
  return { ...ref, conversation: { ...ref.conversation, id } };
}

const note = (text: string, style: 'good' | 'attention' | 'default' = 'default'): TurnResult =>
  show(messageCard(text, { style, home: false }));

export function linkCommands(services: Services, deps: HandlingDeps): Record<string, CommandHandler> {
  const koppel: CommandHandler = async (input, actor, args) => {
    if (input.conversation.kind !== 'channel') return note(k.alleenKanaal, 'attention');
    if (!services.people.isAdmin(actor.aadObjectId)) {
      services.logger.warn({ actor: actor.aadObjectId }, 'link refused: not an admin');
      return note(k.geenBeheerder, 'attention');
    }
    const allowed = linkableRoles(services);
    const role = parseRole(args);
    if (!role || !allowed.includes(role)) {
      return note(fmt(k.onbekendeRol, { role: args.slice(0, 60), roles: allowed.join(', ') }), 'attention');
    }
    // Confidential by who can read it, whatever the channel's type: every member must be allowed.
    const ref = channelRef(input.conversation.ref);
    let check: ReaderCheck;
    try {
      check = await checkReaders(services, deps.roster, role, ref);
    } catch (err) {
      services.logger.warn({ actor: actor.aadObjectId, role, err: loggableError(err) }, 'link refused: roster unreadable');
      return note(k.onleesbaar, 'attention');
    }
    const label = roleLabel(services.profile, role);
    // Teams lists whoever typed this: a roster without them is not this channel's, whatever it says
    if (check.ok && !check.ids.includes(actor.aadObjectId.toLowerCase())) {
      services.logger.warn({ actor: actor.aadObjectId, role }, 'link refused: the roster does not list the actor');
      return note(k.onleesbaar, 'attention');
    }
    if (!check.ok) {
      if ('gone' in check) return note(k.weg, 'attention');
      services.logger.warn({ actor: actor.aadObjectId, role, outsiders: check.names.length + check.more }, 'link refused: members may not read');
      const names = check.more > 0 ? fmt(k.enMeer, { names: check.names.join(', '), more: check.more }) : check.names.join(', ');
      return note(fmt(k.nietToegestaan, { role: label, roleId: role, names }), 'attention');
    }
    await services.store.channelLinks.link({
      orgId: services.orgId,
      role,
      conversationRef: ref,
      linkedBy: actor.aadObjectId,
      linkedAt: input.now.toISOString(),
      checkedAt: input.now.toISOString(),
    });
    services.logger.info({ actor: actor.aadObjectId, role, members: check.members }, 'channel linked');
    return note(fmt(k.gekoppeld, { role: label, count: check.members }), 'good');
  };

  const kanalen: CommandHandler = async (_input, actor) => {
    const person = services.people.get(actor.aadObjectId);
    const allowed = linkableRoles(services);
    if (!person || (!person.admin && !person.roles.some((r) => (allowed as string[]).includes(r)))) {
      return note(k.geenBeheerder, 'attention');
    }
    const links = await services.store.channelLinks.list(services.orgId);
    const seen = await deps.conversations.listChannels(services.orgId);
    const lines = allowed.map((role) => {
      const link = links.find((l) => l.role === role);
      const label = roleLabel(services.profile, role);
      if (!link) return fmt(kn.ontbreekt, { role: label });
      return link.suspendedAt
        ? fmt(kn.geschorst, { role: label, roleId: role, date: formatDutch(link.suspendedAt) })
        : fmt(kn.regel, { role: label, date: formatDutch(link.linkedAt) });
    });
    if (links.length === 0) lines.unshift(kn.geen);
    if (seen.length > 0) lines.push(fmt(kn.gezien, { count: seen.length }));
    // whom the bot cannot reach 1:1 is the administrator's and the coordinator's to fix; names and roles only
    if (person.admin || person.roles.includes('coordinator')) lines.push(reachLine(services, await unreachablePeople(services, deps)));
    return show(messageCard(lines.join('\n\n'), { title: kn.title, home: false }));
  };

  return { koppel, kanalen };
}
