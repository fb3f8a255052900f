import type { Activity, CloudAdapter } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter.js';
import { TeamsMessenger } from '../../src/bot/proactive.js';
import { loadConfig } from '../../src/config.js';
import { captureConversations, handlingFlow } from '../../src/flows/handling/index.js';
import type { HandlingDeps } from '../../src/flows/handling/ports.js';
import { reportFlow } from '../../src/flows/report/index.js';
import { createRouter } from '../../src/flows/router.js';
import type { Services } from '../../src/flows/services.js';
import { createHandlingDeps, registerHandlingJobs } from '../../src/jobs/handlers/index.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import type { AzuriteHandle } from '../support/azurite.js';
import { from, testBot, type Who } from '../support/bot.js';
import { FakeConnector } from '../support/fake-connector.js';
import { testServices, type TestStack } from '../support/services.js';

export const CHANNELS = { griffie: '19:griffie@thread.tacv2', coordinator: '19:veiligheid@thread.tacv2', algemeen: '19:team@thread.tacv2' };

export interface HandlingStack extends TestStack {
  deps: HandlingDeps;
  fake: FakeConnector;
  adapter: ReturnType<typeof testBot>;
  messenger: TeamsMessenger;
  /** another recording adapter on the same bot (concurrent turns each need their own queue) */
  newAdapter(): ReturnType<typeof testBot>;
}

/** Real services on Azurite, the real router with both flows, the real worker, Teams faked at its HTTP edge. */
export async function handlingStack(az: AzuriteHandle, options: { profileId?: 'nijmegen' | 'modelprotocol' | 'utrecht'; configure?: (s: Services) => Services } = {}): Promise<HandlingStack> {
  const base = await testServices({ az, ...(options.profileId ? { profileId: options.profileId } : {}) });
  const services = options.configure ? options.configure(base.services) : base.services;
  const fake = await new FakeConnector().start();
  const deps = await createHandlingDeps(createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString }));
  const handle = captureConversations(services, deps, createRouter(services, [reportFlow(services), handlingFlow(services, deps, base.jobs.queue)]));
  const adapter = testBot(handle);
  adapter.conversation.serviceUrl = fake.url;
  const messenger = new TeamsMessenger(createAdapter(loadConfig({})) as unknown as CloudAdapter, '');
  registerHandlingJobs(base.jobs.worker, { services, deps, messenger, now: () => new Date() });
  return {
    ...base,
    services,
    deps,
    fake,
    adapter,
    messenger,
    newAdapter() {
      const other = testBot(handle);
      other.conversation.serviceUrl = fake.url;
      return other;
    },
    async stop() {
      await base.stop();
      await fake.stop();
    },
  };
}

function channelConversation(channelId: string) {
  return { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1', name: '' };
}

function channelData(channelId: string, membershipType: string) {
  return { tenant: { id: 'tenant-1' }, team: { id: 'team-1' }, channel: { id: channelId, membershipType } };
}

export function channelMessage(who: Who, channelId: string, text: string, membershipType = 'private'): Partial<Activity> {
  return {
    type: 'message',
    text: `<at>Weerbaar</at> ${text}`,
    from: from(who),
    channelId: 'msteams',
    conversation: channelConversation(channelId),
    channelData: channelData(channelId, membershipType),
  };
}

export function channelInvoke(who: Who, channelId: string, verb: string, data: Record<string, unknown>): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: from(who),
    channelId: 'msteams',
    conversation: channelConversation(channelId),
    channelData: channelData(channelId, 'private'),
    value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
  };
}

/** The card of a recorded connector call. */
export function cardOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const activity = (body['activity'] ?? body) as { attachments?: { content?: unknown }[] };
  const c = activity.attachments?.[0]?.content;
  return c && typeof c === 'object' ? (c as Record<string, unknown>) : undefined;
}
