import type { Messenger } from '../handling/ports.js';
import type { CardJson, Reply, TurnResult } from '../types.js';

/**
 * In a deployment of several organisations, every card the bot shows names its organisation in
 * the data of its actions (`org`), so that a click comes back to the organisation that showed it.
 * The name is a hint, never a permission: the dispatcher accepts it only for an organisation the
 * person belongs to (or whose channel it is), and strips it before the organisation's flows see
 * the data, so they parse exactly what they always did.
 */
export const ORG_FIELD = 'org';

const ACTIONS = new Set(['Action.Execute', 'Action.Submit']);

/** Verbs left unstamped: for a person in several organisations, starting a melding asks for which. */
type Except = ReadonlySet<string> | undefined;

function stampNode(node: unknown, orgId: string, except: Except): unknown {
  if (Array.isArray(node)) return node.map((n) => stampNode(n, orgId, except));
  return node && typeof node === 'object' ? stampObject(node, orgId, except) : node;
}

function stampObject(node: object, orgId: string, except: Except): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = stampNode(v, orgId, except);
  if (typeof out['type'] === 'string' && ACTIONS.has(out['type'])) {
    const data = out['data'];
    const base = data && typeof data === 'object' && !Array.isArray(data) ? data : {};
    const verb = typeof out['verb'] === 'string' ? out['verb'] : Object.entries(base).find(([k]) => k === 'verb')?.[1];
    if (typeof verb === 'string' && except?.has(verb)) return out;
    out['data'] = { ...base, [ORG_FIELD]: orgId };
  }
  return out;
}

export function stampCard(card: CardJson, orgId: string, except?: ReadonlySet<string>): CardJson {
  return stampObject(card, orgId, except);
}

function stampReply(reply: Reply, orgId: string, except?: ReadonlySet<string>): Reply {
  return reply.type === 'card' ? { type: 'card', card: stampCard(reply.card, orgId, except) } : reply;
}

export function stampResult(result: TurnResult, orgId: string, except?: ReadonlySet<string>): TurnResult {
  return {
    ...result,
    ...(result.card ? { card: stampCard(result.card, orgId, except) } : {}),
    replies: result.replies.map((r) => stampReply(r, orgId, except)),
    ...(result.dialog ? { dialog: { ...result.dialog, card: stampCard(result.dialog.card, orgId, except) } } : {}),
  };
}

/** The organisation's proactive messages, its cards stamped the same way. */
export function stampMessenger(messenger: Messenger, orgId: string): Messenger {
  return {
    post: (ref, reply) => messenger.post(ref, stampReply(reply, orgId)),
    sendToPerson: (person, via, reply) => messenger.sendToPerson(person, via, stampReply(reply, orgId)),
    update: (posted, card) => messenger.update(posted, stampCard(card, orgId)),
  };
}

/** The organisation a clicked card names, and the data without it. */
export function unstamp(data: unknown): { orgId: string | undefined; data: unknown } {
  if (!data || typeof data !== 'object' || Array.isArray(data) || !Object.hasOwn(data, ORG_FIELD)) return { orgId: undefined, data };
  const entries = Object.entries(data);
  const org = entries.find(([k]) => k === ORG_FIELD)?.[1];
  // a name that is not a string names no organisation: refused like a foreign one
  return { orgId: typeof org === 'string' ? org : '', data: Object.fromEntries(entries.filter(([k]) => k !== ORG_FIELD)) };
}
