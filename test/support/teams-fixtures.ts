import { readFileSync, readdirSync } from 'node:fs';
import type { Activity, ConversationReference } from 'botbuilder';
import { z } from 'zod';

/**
 * Teams activities as Microsoft publishes them (test/fixtures/teams/*.json): each file names its
 * source and what was adapted. Ids there are fake; these are the ones the tests look for.
 */
export const FAKE = {
  tenant: '00000000-0000-0000-0000-0000000000e1',
  botId: '28:00000000-0000-0000-0000-0000000000b1',
  team: '19:fake-team-1@thread.tacv2',
  channel: '19:fake-channel-1@thread.tacv2',
  sharedChannel: '19:fake-shared-channel@thread.tacv2',
  privateChannel: '19:fake-private-channel@thread.tacv2',
  oldTeam: '19:fake-team-1@thread.skype',
  oldChannel: '19:fake-channel-1@thread.skype',
  userA: { aad: '00000000-0000-0000-0000-0000000000a1', teamsId: '29:fake-user-a1', name: 'Test User A' },
  userA2: { aad: '00000000-0000-0000-0000-0000000000a2' },
  userA3: { aad: '00000000-0000-0000-0000-0000000000a3' },
} as const;

const DIR = new URL('../fixtures/teams/', import.meta.url);

const FixtureSchema = z.object({
  source: z.string().min(10),
  note: z.string().min(10),
  activity: z.object({ type: z.string().min(1), channelId: z.literal('msteams') }).loose(),
});

export function fixtureNames(): string[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** A fresh copy each call: TestAdapter fills in and keeps what it changes on the activity it is given. */
export function fixture(name: string): Partial<Activity> {
  const parsed = FixtureSchema.parse(JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')));
  return parsed.activity as Partial<Activity>;
}

/** What src/bot/app.ts hands to toTurnInput for an incoming activity. */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  return {
    ...(activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}),
    ...(activity.channelId ? { channelId: activity.channelId } : {}),
    ...(activity.conversation ? { conversation: activity.conversation } : {}),
    ...(activity.recipient ? { bot: activity.recipient } : {}),
    ...(activity.from ? { user: activity.from } : {}),
  };
}

/** The fixture's activity with `text` replaced, keeping its mention entities (to try a command). */
export function withText(name: string, after: string): Partial<Activity> {
  const a = fixture(name);
  const mention = (a.entities ?? []).find((e) => e.type === 'mention');
  const at = mention && typeof mention['text'] === 'string' ? `${mention['text']} ` : '';
  return { ...a, text: `${at}${after}` };
}
