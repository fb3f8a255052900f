import { formatDutch } from '../../domain/format.js';
import { channelRoles, roleLabel } from '../../domain/route.js';
import { FunctionarisRoleSchema, type FunctionarisRole } from '../../domain/types.js';
import { fmt, nl } from '../../i18n/nl.js';
import type { ConversationRef } from '../../store/schemas.js';
import { messageCard, show } from '../common.js';
import type { CommandHandler } from '../router.js';
import type { Services } from '../services.js';
import type { TurnResult } from '../types.js';
import type { HandlingDeps } from './ports.js';

const k = nl.afhandeling.koppel;

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
    // Private (or, locally, any) channel only: in a standard channel every team member would read the meldingen.
    if (input.conversation.membershipType !== 'private' && !services.config.allowStandardChannels) {
      return note(fmt(k.standaard, { role }), 'attention');
    }
    await services.store.channelLinks.link({
      orgId: services.orgId,
      role,
      conversationRef: channelRef(input.conversation.ref),
      linkedBy: actor.aadObjectId,
      linkedAt: input.now.toISOString(),
    });
    services.logger.info({ actor: actor.aadObjectId, role }, 'channel linked');
    return note(fmt(k.gekoppeld, { role: roleLabel(services.profile, role) }), 'good');
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
      return link
        ? fmt(nl.afhandeling.kanalen.regel, { role: label, date: formatDutch(link.linkedAt) })
        : fmt(nl.afhandeling.kanalen.ontbreekt, { role: label });
    });
    if (links.length === 0) lines.unshift(nl.afhandeling.kanalen.geen);
    if (seen.length > 0) lines.push(fmt(nl.afhandeling.kanalen.gezien, { count: seen.length }));
    return show(messageCard(lines.join('\n\n'), { title: nl.afhandeling.kanalen.title, home: false }));
  };

  return { koppel, kanalen };
}
