import { z } from 'zod';
import type { ChosenMessage, TurnEvent } from '../flows/types.js';

/**
 * The `composeExtension/fetchTask` invoke of a message action, as Teams sends it (the Bot
 * Framework's MessagingExtensionAction with its MessageActionsPayload; Graph's `deletionTime` too),
 * and the `composeExtension/submitAction` that a dialog's submit sends: the same value with the
 * card's inputs in `data`. Untrusted: parsed, bounded, never cast. Null counts as absent, as Teams
 * writes many nulls.
 */

export const FETCH_TASK = 'composeExtension/fetchTask';
export const SUBMIT_ACTION = 'composeExtension/submitAction';

/** What the bot reads of a message's content; a Teams message is far shorter (about 28 KB). */
const READ_CHARS = 50_000;

function nullish<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

const instant = nullish(z.string().max(100)).transform((v) => {
  const ms = v === undefined ? Number.NaN : Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
});

const IdentitySchema = z.object({ displayName: nullish(z.string().max(1000)) }).loose();

const MessagePayloadSchema = z
  .object({
    id: z.string().min(1).max(500),
    createdDateTime: instant,
    lastModifiedDateTime: instant,
    deleted: nullish(z.boolean()),
    deletionTime: instant,
    linkToMessage: nullish(z.string().max(4000)),
    from: nullish(z.object({ user: nullish(IdentitySchema), application: nullish(IdentitySchema) }).loose()),
    body: nullish(z.object({ contentType: nullish(z.string().max(100)), content: nullish(z.string()) }).loose()),
    attachments: nullish(
      z.array(z.object({ contentType: z.string().max(500), name: nullish(z.string().max(1000)), content: z.unknown().optional() }).loose()).max(500),
    ),
  })
  .loose();

const FetchTaskValueSchema = z
  .object({ commandId: z.string().max(100), commandContext: nullish(z.string().max(100)), messagePayload: nullish(z.unknown()), data: z.unknown().optional() })
  .loose();

function toChosenMessage(raw: unknown): ChosenMessage | undefined {
  const parsed = MessagePayloadSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  const content = p.body?.content ?? '';
  const sender = p.from?.user?.displayName ?? p.from?.application?.displayName ?? '';
  return {
    id: p.id,
    senderName: sender.slice(0, 1000),
    ...(p.createdDateTime ? { sentAt: p.createdDateTime } : {}),
    ...(p.lastModifiedDateTime && p.lastModifiedDateTime !== p.createdDateTime ? { editedAt: p.lastModifiedDateTime } : {}),
    deleted: p.deleted === true || p.deletionTime !== undefined,
    ...(p.deletionTime ? { deletedAt: p.deletionTime } : {}),
    ...(p.linkToMessage ? { link: p.linkToMessage } : {}),
    body: { contentType: p.body?.contentType?.toLowerCase() === 'text' ? 'text' : 'html', content: content.slice(0, READ_CHARS) },
    omittedChars: Math.max(0, content.length - READ_CHARS),
    attachments: (p.attachments ?? []).map((a) => ({
      contentType: a.contentType,
      ...(a.name ? { name: a.name } : {}),
      ...(a.content !== undefined ? { content: a.content } : {}),
    })),
  };
}

/**
 * The message action as the flows see it; an unreadable body leaves `message` undefined (a Dutch
 * answer, not a 500). A submit carries the dialog's data, still untrusted, for the flows to parse.
 */
export function messageActionEvent(value: unknown, submit = false): TurnEvent {
  const v = FetchTaskValueSchema.safeParse(value);
  const submitted = submit ? { submitted: { data: v.success ? v.data.data : undefined } } : {};
  if (!v.success) return { kind: 'messageAction', commandId: '', message: undefined, ...submitted };
  const message = v.data.commandContext === 'message' ? toChosenMessage(v.data.messagePayload) : undefined;
  return { kind: 'messageAction', commandId: v.data.commandId, message, ...submitted };
}
