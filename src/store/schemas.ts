import { z } from 'zod';
import { FunctionarisRoleSchema, InstantSchema } from '../domain/types.js';

const id = z.string().min(1).max(200);

/**
 * The part of a botbuilder ConversationReference needed to post into a channel later
 * (proactive messages). Unknown fields are dropped on parse, so a full reference can be passed in.
 */
export const ConversationRefSchema = z.object({
  /** the Bot Framework channel, 'msteams' */
  channelId: z.string().min(1).max(50),
  serviceUrl: z.url().max(2000),
  conversation: z.object({
    id,
    conversationType: z.string().max(50).optional(),
    tenantId: z.string().max(100).optional(),
    isGroup: z.boolean().optional(),
  }),
  bot: z.object({ id, name: z.string().max(200).optional() }).optional(),
  tenantId: z.string().max(100).optional(),
  teamId: z.string().max(200).optional(),
  /** the Teams channel id (19:...@thread.tacv2); not the Bot Framework channelId above */
  teamsChannelId: z.string().max(200).optional(),
});
export type ConversationRef = z.infer<typeof ConversationRefSchema>;

export const ChannelLinkSchema = z.object({
  orgId: id,
  role: FunctionarisRoleSchema,
  conversationRef: ConversationRefSchema,
  /** Entra object id of the administrator who linked it */
  linkedBy: id,
  linkedAt: InstantSchema,
  /** when the roster last showed that everyone in the channel may read its meldingen */
  checkedAt: InstantSchema.optional(),
  /**
   * Set when the roster showed someone who may not read meldingen: nothing is posted here until
   * an administrator links the channel again (`koppel`), which checks the roster anew.
   */
  suspendedAt: InstantSchema.optional(),
});
export type ChannelLink = z.infer<typeof ChannelLinkSchema>;

/** One line of the append-only audit trail: who did what to which incident, and how it ended. */
export const AuditEntrySchema = z.object({
  orgId: id,
  incidentId: id,
  /** Entra object id of the person, or 'system' for the worker */
  actorId: id,
  verb: z.string().min(1).max(100),
  /** e.g. 'ok', 'geweigerd', 'conflict' */
  outcome: z.string().min(1).max(100),
  at: InstantSchema,
  /** what within the melding the verb was about, as an id (e.g. the task 'aangifte'); never content */
  subject: z.string().regex(/^[a-z0-9-]{1,100}$/).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
