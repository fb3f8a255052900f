import { z } from 'zod';
import { mayReadChannel } from '../../domain/channel-readers.js';
import { FunctionarisRoleSchema, type FunctionarisRole } from '../../domain/types.js';
import { ConflictError } from '../../store/errors.js';
import type { ChannelLink } from '../../store/schemas.js';
import type { ConversationRef } from '../../store/schemas.js';
import type { Services } from '../services.js';
import type { TurnInput } from '../types.js';
import { peopleWithRole } from './access.js';
import type { HandlingDeps, Roster } from './ports.js';

/**
 * Keeps a linked channel confidential over time: who can read it is read from the Teams roster
 * on `koppel`, again when members join, and before a post when the last check is old. A channel
 * with a reader the protocol does not name is suspended: meldingen go 1:1 to the handlers until
 * an administrator links it again.
 */

export const CHANNEL_JOB = {
  controleren: 'kanaal.controleren',
  geschorst: 'kanaal.geschorst',
} as const;

export const ControleSchema = z.object({ orgId: z.string().min(1).max(100), role: FunctionarisRoleSchema });

/** Names beyond this are counted, not listed: a whole organisation in a standard channel is one refusal, not a page. */
const MAX_NAMES = 20;

export const GeschorstSchema = z.object({
  orgId: z.string().min(1).max(100),
  role: FunctionarisRoleSchema,
  /** the coordinator told */
  aadObjectId: z.string().min(1).max(100),
  /** display names of the members who may not read meldingen (no melding content) */
  names: z.array(z.string().max(200)).max(MAX_NAMES),
  more: z.number().int().min(0).default(0),
  reason: z.enum(['lezers', 'verwijderd']),
});
export type Geschorst = z.infer<typeof GeschorstSchema>;

export type ReaderCheck = { ok: true; members: number; /** lower-case Entra ids of the members */ ids: string[] } | { ok: false; names: string[]; more: number } | { ok: false; gone: true };

/** Reads the channel's roster and names the members who may not read meldingen for `role`. */
export async function checkReaders(services: Services, roster: Roster, role: FunctionarisRole, ref: ConversationRef): Promise<ReaderCheck> {
  const read = await roster.channelMembers(ref);
  if ('gone' in read) return { ok: false, gone: true };
  const members = read.members;
  const outsiders = members.filter((m) => !mayReadChannel(services.profile, role, m.aadObjectId ? services.people.get(m.aadObjectId) : undefined));
  if (outsiders.length === 0) return { ok: true, members: members.length, ids: members.flatMap((m) => (m.aadObjectId ? [m.aadObjectId.toLowerCase()] : [])) };
  const names = outsiders.map((m) => m.name.trim() || m.id).slice(0, MAX_NAMES);
  return { ok: false, names, more: outsiders.length - names.length };
}

async function tellCoordinators(services: Services, link: ChannelLink, check: { names: string[]; more: number }, reason: Geschorst['reason']): Promise<void> {
  for (const id of peopleWithRole(services, 'coordinator')) {
    await services.effects.enqueue({
      type: CHANNEL_JOB.geschorst,
      idempotencyKey: `kanaal-geschorst:${link.role}:${link.linkedAt}:${id}`,
      payload: { orgId: link.orgId, role: link.role, aadObjectId: id, names: check.names, more: check.more, reason } satisfies Geschorst,
    });
  }
}

/**
 * Checks a linked channel again. Returns whether posting there is allowed now. Teams errors
 * other than "the bot was removed" propagate, so the calling job retries.
 */
export async function recheckLink(services: Services, deps: HandlingDeps, role: FunctionarisRole, now: Date): Promise<boolean> {
  const found = await services.store.channelLinks.get(services.orgId, role);
  if (!found) return false;
  if (found.value.suspendedAt) return false;
  const check = await checkReaders(services, deps.roster, role, found.value.conversationRef);
  const next: ChannelLink = check.ok ? { ...found.value, checkedAt: now.toISOString() } : { ...found.value, suspendedAt: now.toISOString() };
  try {
    await services.store.channelLinks.update(next, found.etag);
  } catch (err) {
    // relinked meanwhile: that `koppel` checked the roster itself
    if (err instanceof ConflictError) return recheckLink(services, deps, role, now);
    throw err;
  }
  if (check.ok) return true;
  const outsiders = 'gone' in check ? { names: [], more: 0 } : check;
  const reason = 'gone' in check ? 'verwijderd' : 'lezers';
  services.logger.warn({ role, outsiders: outsiders.names.length + outsiders.more, reason }, 'channel suspended');
  await tellCoordinators(services, next, outsiders, reason);
  return false;
}

/** Members joined a team or channel: every link in it is checked again, by the worker. */
export async function onMembersAdded(services: Services, input: TurnInput): Promise<void> {
  const { teamId, teamsChannelId } = input.conversation.ref;
  const links = await services.store.channelLinks.list(services.orgId);
  const affected = links.filter(
    (l) =>
      !l.suspendedAt &&
      ((teamsChannelId !== undefined && l.conversationRef.teamsChannelId === teamsChannelId) ||
        (teamId !== undefined && l.conversationRef.teamId === teamId)),
  );
  for (const l of affected) {
    await services.effects.enqueue({
      type: CHANNEL_JOB.controleren,
      idempotencyKey: `kanaal-controle:${l.role}:${input.now.toISOString()}`,
      payload: { orgId: services.orgId, role: l.role },
    });
  }
  if (affected.length > 0) services.logger.info({ links: affected.length }, 'members added; channels to check');
}
