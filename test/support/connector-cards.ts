import { cardText, from, PEOPLE, type Who } from './bot.js';
import type { ConnectorCall, FakeConnector, RosterEntry } from './fake-connector.js';
import { BOT_ACCOUNT, type TeamsClient } from './http-teams.js';

/**
 * What the bot sends to the Teams connector, read as people would see it, and the channels a
 * melding is posted to, linked over HTTP as an administrator does it (`koppel <rol>`). For the
 * tests and the bench that drive a running bot (or several) over HTTP.
 */

export const BENCH_CHANNELS = { griffie: '19:griffie@thread.tacv2', coordinator: '19:veiligheid@thread.tacv2' } as const;

/** The card of a recorded connector call (a post, a new conversation's first activity, an update). */
export function cardOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const activity = (body['activity'] ?? body) as { attachments?: { content?: unknown }[] };
  const c = activity.attachments?.[0]?.content;
  return c && typeof c === 'object' ? (c as Record<string, unknown>) : undefined;
}

/** Everything a person reads of a recorded call: its text and its card's text. */
export function callText(call: ConnectorCall): string {
  const activity = (call.body['activity'] ?? call.body) as { text?: unknown };
  return `${typeof activity.text === 'string' ? activity.text : ''}\n${cardText(cardOf(call.body))}`;
}

/**
 * Where each post lands, as a person: its conversation, except that a 1:1 conversation the bot
 * opened (the fake gives every opening a new id) counts as the person it was opened with.
 */
export function destinations(connector: FakeConnector): Map<ConnectorCall, string> {
  const opened = new Map<string, string>();
  const out = new Map<ConnectorCall, string>();
  for (const call of connector.calls) {
    if (call.kind === 'create') {
      const members = (call.body['members'] ?? []) as { id?: unknown }[];
      opened.set(call.conversationId, `1:1 met ${members.map((m) => String(m.id ?? '')).join(',')}`);
    }
    out.set(call, opened.get(call.conversationId) ?? call.conversationId);
  }
  return out;
}

const member = (who: Who): RosterEntry => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });

function channelMessage(who: Who, channelId: string, text: string, serviceUrl: string): Record<string, unknown> {
  return {
    id: `act-koppel-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    type: 'message',
    text: `<at>Weerbaar</at> ${text}`,
    from: from(who),
    recipient: { ...BOT_ACCOUNT },
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, team: { id: 'team-1' }, channel: { id: channelId } },
  };
}

/**
 * Links the griffie channel to the griffier and the coordinator's channel to the coordinator,
 * with rosters the protocol allows; throws unless the bot confirmed both links.
 */
export async function linkChannels(client: TeamsClient, connector: FakeConnector): Promise<void> {
  connector.rosters.set(BENCH_CHANNELS.griffie, [member('griffier'), member('coordinator')]);
  connector.rosters.set(BENCH_CHANNELS.coordinator, [member('coordinator')]);
  const links: [Who, string, string][] = [
    ['griffier', BENCH_CHANNELS.griffie, 'koppel griffier'],
    ['coordinator', BENCH_CHANNELS.coordinator, 'koppel coordinator'],
  ];
  for (const [who, channel, text] of links) {
    const before = connector.calls.length;
    const res = await client.post(channelMessage(who, channel, text, connector.url));
    const replies = connector.calls.slice(before).map(callText);
    if (res.status !== 200 || !replies.some((t) => /gekoppeld aan de rol/.test(t))) {
      throw new Error(`${text}: HTTP ${res.status}, antwoord: ${replies.join(' | ').slice(0, 200)}`);
    }
  }
}

/** The melding cards (headed "Melding <nummer>") posted into a channel, by that number. */
export function channelCardsByNumber(connector: FakeConnector, channelId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of connector.posts(channelId)) {
    const n = call.conversationId === channelId ? /^Melding (\d{4}-\d+)(?::|$)/m.exec(cardText(cardOf(call.body)).trim().split('\n')[0] ?? '')?.[1] : undefined;
    if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

/** Posts with the same content to the same place, beyond the first: a side effect that happened twice. */
export function duplicatePosts(connector: FakeConnector): { destination: string; text: string; times: number }[] {
  const seen = new Map<string, { destination: string; text: string; times: number }>();
  const where = destinations(connector);
  for (const call of connector.calls) {
    // an opened conversation without a first activity carries nothing; what follows in it is a post
    if (call.kind === 'update' || (call.kind === 'create' && !call.body['activity'])) continue;
    const destination = where.get(call) ?? call.conversationId;
    const activity = (call.body['activity'] ?? call.body) as { text?: unknown; attachments?: unknown };
    const key = `${destination}\u0000${JSON.stringify([activity.text ?? '', activity.attachments ?? []])}`;
    const entry = seen.get(key) ?? { destination, text: callText(call).trim().split('\n')[0] ?? '', times: 0 };
    entry.times += 1;
    seen.set(key, entry);
  }
  return [...seen.values()].filter((e) => e.times > 1);
}
