import { z } from 'zod';
import { FunctionarisRoleSchema, InstantSchema } from '../../domain/types.js';
import { ConversationRefSchema, type ConversationRef } from '../../store/schemas.js';
import type { CardJson, Reply } from '../types.js';
import type { Agenda } from '../../agenda/index.js';

/**
 * What the afhandeling needs beyond the shared Services: a proactive messenger (implemented in
 * src/bot/proactive.ts, the only place that knows botbuilder) and two small document tables.
 */

/** A card or message the bot posted, addressable for an update in place. */
export const PostedSchema = z.object({ conversationRef: ConversationRefSchema, activityId: z.string().min(1).max(500) });
export type Posted = z.infer<typeof PostedSchema>;

/** Whom a 1:1 goes to: their known personal chat, else a new chat addressed by Teams user id (or Entra id). */
export interface PersonAddress {
  aadObjectId: string;
  ref?: ConversationRef;
  teamsUserId?: string;
}

export interface Messenger {
  /** Starts a new thread in a channel (or posts in the conversation the ref names). */
  post(ref: ConversationRef, reply: Reply): Promise<Posted>;
  /**
   * A 1:1 message to a person. Uses their own conversation when known, else creates one
   * through `via` (any reference of the same tenant and service URL).
   */
  sendToPerson(person: PersonAddress, via: ConversationRef, reply: Reply): Promise<Posted>;
  update(posted: Posted, card: CardJson): Promise<void>;
}

/**
 * Where a card about one melding lives: a role's channel, a person's 1:1 chat (the melding card),
 * or the nazorg receiver's 1:1 chat (their own nazorg moments, nothing of the afhandeling).
 */
export const TargetSchema = z.union([
  z.object({ kind: z.literal('channel'), role: FunctionarisRoleSchema }),
  z.object({ kind: z.literal('person'), aadObjectId: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('nazorg'), aadObjectId: z.string().min(1).max(100) }),
]);
export type Target = z.infer<typeof TargetSchema>;

export function targetKey(target: Target): string {
  if (target.kind === 'channel') return target.role;
  return target.kind === 'person' ? `persoon-${target.aadObjectId}` : `nazorg-${target.aadObjectId}`;
}

export const PostRecordSchema = PostedSchema.extend({
  orgId: z.string().min(1).max(100),
  incidentId: z.string().min(1).max(100),
  target: TargetSchema,
  postedAt: InstantSchema,
});
export type PostRecord = z.infer<typeof PostRecordSchema>;

export interface PostRepository {
  /**
   * Keeps the first record of a target: a repeated post job finds it and does not post again.
   * A second card that reached the same target anyway (two workers on one job) is kept beside
   * it as a `copy`, so that updates reach both.
   */
  save(record: PostRecord): Promise<'first' | 'copy' | 'known'>;
  /** The first record of a target */
  get(orgId: string, incidentId: string, target: Target): Promise<PostRecord | undefined>;
  /** Every card the target shows of the melding: the first record and its copies */
  allOf(orgId: string, incidentId: string, target: Target): Promise<PostRecord[]>;
  list(orgId: string, incidentId: string): Promise<PostRecord[]>;
}

/** A person's own 1:1 conversation, captured from their turns, for proactive messages. */
export const PersonConversationSchema = z.object({
  aadObjectId: z.string().min(1).max(100),
  /** the Teams user id (29:...), which Universal Actions' refresh.userIds expects */
  teamsUserId: z.string().max(500).optional(),
  ref: ConversationRefSchema,
});
export type PersonConversation = z.infer<typeof PersonConversationSchema>;

/** A channel the bot was added to (captured, never linked by itself). */
export const SeenChannelSchema = z.object({ ref: ConversationRefSchema, seenAt: InstantSchema });
export type SeenChannel = z.infer<typeof SeenChannelSchema>;

/**
 * Entra object id -> Teams user id, seen on any turn (a griffier may only ever act in her
 * channel, so her 1:1 conversation may be unknown while her Teams id is).
 */
export const TeamsUserSchema = z.object({ aadObjectId: z.string().min(1).max(100), teamsUserId: z.string().min(1).max(500) });
export type TeamsUser = z.infer<typeof TeamsUserSchema>;

export interface ConversationDirectory {
  savePerson(orgId: string, person: PersonConversation): Promise<void>;
  getPerson(orgId: string, aadObjectId: string): Promise<PersonConversation | undefined>;
  saveTeamsUser(orgId: string, user: TeamsUser): Promise<void>;
  getTeamsUserId(orgId: string, aadObjectId: string): Promise<string | undefined>;
  saveChannel(orgId: string, channel: SeenChannel): Promise<void>;
  listChannels(orgId: string): Promise<SeenChannel[]>;
}

/** One member of a channel's or team's roster, as the Bot Connector lists it. */
export const RosterMemberSchema = z.object({
  /** the Teams user id (29:...) */
  id: z.string().min(1).max(500),
  name: z.string().max(200).default(''),
  /** absent for accounts Teams does not back by Entra ID: never allowed to read meldingen */
  aadObjectId: z.string().min(1).max(100).optional(),
});
export type RosterMember = z.infer<typeof RosterMemberSchema>;

/** A roster, or `gone` when Teams says the bot is no longer in that conversation (403/404). */
export type RosterRead = { members: RosterMember[] } | { gone: true };

/**
 * Who can read a conversation, from the Bot Connector (implemented in src/bot/roster.ts).
 * Other failures (throttling, outage) are thrown as the worker's retryable errors.
 */
export interface Roster {
  /** The people who can read the channel of `ref`: a private or shared channel's own members, a standard channel's team. */
  channelMembers(ref: ConversationRef): Promise<RosterRead>;
  /** The members of the team `ref` belongs to (a person in a team with the app can get 1:1 messages). */
  teamMembers(ref: ConversationRef): Promise<RosterRead>;
}

/** What the afhandeling uses of the agenda (issue 5): the booked moments on the card and their changes. */
export type HandlingAgenda = Pick<Agenda, 'bookingsFor' | 'icsUrlFor' | 'verplaatsen' | 'annuleren' | 'gesprekIcsUrl' | 'uitnodigen'>;

export interface HandlingDeps {
  posts: PostRepository;
  conversations: ConversationDirectory;
  roster: Roster;
  /** Absent when the deployment runs without an agenda: the card then shows no bookings. */
  agenda?: HandlingAgenda;
}
