/**
 * What a flow sees of a turn, and what it answers. Flows never import botbuilder:
 * src/bot/ translates Teams activities into TurnInput and TurnResult back into activities.
 */

/** Where to post later (proactively): the store keeps it as a channel link. */
export { ConversationRefSchema, type ConversationRef } from '../store/schemas.js';
import type { ConversationRef } from '../store/schemas.js';
/** A reply's card is rendered by src/cards. */
export type { CardJson } from '../cards/render.js';
import type { CardJson } from '../cards/render.js';

export interface Actor {
  /** Entra object id: the only identity we trust */
  aadObjectId: string;
  name: string;
  /**
   * The Teams user id (29:...), only for addressing: Universal Actions' refresh.userIds wants
   * it. Never for a decision on who may act; that is the Entra object id's job.
   */
  teamsUserId?: string;
}

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface Conversation {
  kind: ConversationKind;
  ref: ConversationRef;
}

export interface InputAttachment {
  name: string;
  contentType: string;
  ref: string;
}

/**
 * The Teams message a person chose with "Melden bij Weerbaar" (a message action), as far as the
 * bot keeps it: checked and bounded in src/bot/, still the sender's words (HTML or text) as sent.
 */
export interface ChosenMessage {
  id: string;
  senderName: string;
  sentAt?: string;
  editedAt?: string;
  deleted: boolean;
  deletedAt?: string;
  link?: string;
  body: { contentType: 'html' | 'text'; content: string };
  /** the content was longer than the bot reads: characters beyond are not kept */
  omittedChars: number;
  attachments: { contentType: string; name?: string; content?: unknown }[];
}

export type TurnEvent =
  | { kind: 'message'; text: string; attachments: InputAttachment[] }
  /**
   * "Melden bij Weerbaar" on a message; `message` is undefined when Teams sent none we could read.
   * `submitted`: the answer to a dialog the bot showed (its card's data, untrusted), not the first invoke.
   */
  | { kind: 'messageAction'; commandId: string; message: ChosenMessage | undefined; submitted?: { data: unknown } }
  | { kind: 'action'; verb: string; data: unknown; via: 'execute' | 'submit' }
  | { kind: 'installed' }
  /** people other than the bot joined a team or channel the bot is in (conversation says which) */
  | { kind: 'membersAdded' };

export interface TurnInput {
  event: TurnEvent;
  /** undefined when Teams sent no Entra object id: such a turn is refused */
  actor: Actor | undefined;
  conversation: Conversation;
  now: Date;
}

export type Reply = { type: 'card'; card: CardJson } | { type: 'text'; text: string };

export interface TurnResult {
  /** for an Action.Execute: the card that replaces the clicked card */
  card?: CardJson;
  /** activities to send in the conversation */
  replies: Reply[];
  /** for a message action: the dialog Teams shows the person (nothing is posted in that conversation) */
  dialog?: { title: string; card: CardJson };
}

export const reply = {
  card: (card: CardJson): Reply => ({ type: 'card', card }),
  text: (text: string): Reply => ({ type: 'text', text }),
};
