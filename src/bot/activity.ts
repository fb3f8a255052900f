import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The Bot Framework activity as far as this bot, botbuilder and teams-ai read it. A field of the
 * wrong type here used to reach the SDK (which then fails to serialise the reply) or the flows
 * (a TypeError): both a 500. Validated before the SDK sees the activity, so anything less is a
 * 400. Fields nobody reads pass through unchecked, and an explicit null counts as absent (some
 * serialisers write them), so real traffic with extra or empty fields is not refused.
 */

function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

const shortText = optional(z.string().max(1000));
const id = z.string().min(1).max(1000);
const aadId = optional(z.string().max(100));

const ChannelAccountSchema = z
  .object({ id, name: shortText, aadObjectId: aadId, role: optional(z.string().max(100)) })
  .loose();

const ConversationSchema = z
  .object({
    id,
    name: shortText,
    conversationType: optional(z.string().max(100)),
    isGroup: optional(z.boolean()),
    tenantId: aadId,
    aadObjectId: aadId,
    role: optional(z.string().max(100)),
  })
  .loose();

const IdOnlySchema = z.object({ id: optional(z.string().max(1000)), name: shortText }).loose();

/** The Teams channel data the bot and teams-ai look into; the rest of it is not read. */
const ChannelDataSchema = z
  .object({
    tenant: optional(IdOnlySchema),
    team: optional(IdOnlySchema.extend({ aadGroupId: aadId })),
    channel: optional(IdOnlySchema),
    eventType: optional(z.string().max(100)),
  })
  .loose();

const EntitySchema = z.object({ type: z.string().max(200) }).loose();

const AttachmentSchema = z
  .object({
    contentType: z.string().max(200),
    contentUrl: optional(z.string().max(4000)),
    name: shortText,
    thumbnailUrl: optional(z.string().max(4000)),
  })
  .loose();

const ReactionSchema = z.object({ type: z.string().max(200) }).loose();

/** Kept as a string on the wire; botbuilder turns it into a Date, which must not be an invalid one. */
const timestamp = optional(z.string().max(100).refine((v) => !Number.isNaN(Date.parse(v))));

export const ActivitySchema = z
  .object({
    type: z.string().min(1).max(100),
    id: optional(id),
    name: optional(z.string().max(200)),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
    from: ChannelAccountSchema,
    recipient: ChannelAccountSchema,
    conversation: ConversationSchema,
    text: optional(z.string().max(100_000)),
    textFormat: optional(z.string().max(100)),
    locale: optional(z.string().max(100)),
    localTimezone: optional(z.string().max(100)),
    timestamp,
    localTimestamp: timestamp,
    expiration: timestamp,
    replyToId: optional(id),
    action: optional(z.string().max(100)),
    deliveryMode: optional(z.string().max(100)),
    valueType: optional(z.string().max(200)),
    topicName: shortText,
    code: optional(z.string().max(200)),
    callerId: optional(z.string().max(1000)),
    entities: optional(z.array(EntitySchema)),
    attachments: optional(z.array(AttachmentSchema)),
    membersAdded: optional(z.array(ChannelAccountSchema)),
    membersRemoved: optional(z.array(ChannelAccountSchema)),
    reactionsAdded: optional(z.array(ReactionSchema)),
    reactionsRemoved: optional(z.array(ReactionSchema)),
    channelData: optional(ChannelDataSchema),
    value: z.unknown().optional(),
  })
  .loose()
  // an invoke is answered by its name; one without gets a 400, an unknown name the protocol's 501
  .refine((a) => a.type !== 'invoke' || Boolean(a.name));

export type WireActivity = z.output<typeof ActivitySchema>;

/**
 * The validated activity as botbuilder takes it, with its timestamps as dates (what
 * CloudAdapter.process does with `validateAndFixActivity`). The SDK's `Activity` type marks
 * fields required that the wire format leaves out (`text`, `label`, `from.name`...), hence the
 * one assertion: every field the SDK and the bot read was checked by ActivitySchema.
 */
export function toSdkActivity(wire: WireActivity): Activity {
  const activity: Record<string, unknown> = { ...wire };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = wire[field];
    if (value !== undefined) {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
