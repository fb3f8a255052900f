import type { Activity, CloudAdapter } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter.js';
import { TeamsMessenger } from '../../src/bot/proactive.js';
import { TeamsRoster } from '../../src/bot/roster.js';
import { loadConfig } from '../../src/config.js';
import { captureConversations, handlingFlow } from '../../src/flows/handling/index.js';
import type { HandlingDeps } from '../../src/flows/handling/ports.js';
import { reportFlow } from '../../src/flows/report/index.js';
import { createRouter } from '../../src/flows/router.js';
import type { Services } from '../../src/flows/services.js';
import { createHandlingDeps, registerHandlingJobs } from '../../src/jobs/handlers/index.js';
import { registerTermijnJobs } from '../../src/jobs/handlers/termijnen.js';
import { deadlineDueSource } from '../../src/flows/handling/termijnen.js';
import { openTimers, type TimerRepository } from '../../src/store/timer-repository.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import assert from 'node:assert/strict';
import { cardText, from, PEOPLE, send, testBot, type Who } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { FakeConnector, type RosterEntry } from '../support/fake-connector.js';
import { testServices, type TestStack } from '../support/services.js';

export const CHANNELS = { griffie: '19:griffie@thread.tacv2', coordinator: '19:veiligheid@thread.tacv2', algemeen: '19:team@thread.tacv2' };

/** A person of the test cast as the Bot Connector's roster lists them. */
export function member(who: Who): RosterEntry {
  const p = PEOPLE[who];
  return { id: p.id, name: p.name, aadObjectId: p.aadObjectId };
}

/** The plaatsvervangend griffier of config/people.local.json (no Teams user id known in advance). */
export const PLV_GRIFFIER: RosterEntry = { id: 'user-pieter', name: 'Pieter Mulder', aadObjectId: '00000000-0000-0000-0000-000000000028' };

export interface HandlingStack extends TestStack {
  deps: HandlingDeps;
  fake: FakeConnector;
  adapter: ReturnType<typeof testBot>;
  messenger: TeamsMessenger;
  /** the deadline timers of this stack's storage */
  timers: TimerRepository;
  /** another recording adapter on the same bot (concurrent turns each need their own queue) */
  newAdapter(): ReturnType<typeof testBot>;
}

/**
 * The setup a handling test file shares, called inside its describe: one Azurite account for the
 * file, and every stack a test made stopped after it.
 */
export function handlingSuite(): { stack(options?: Parameters<typeof handlingStack>[1]): Promise<HandlingStack> } {
  let az: AzuriteHandle | undefined;
  const made: HandlingStack[] = [];
  before(async () => {
    az = await startAzurite();
  });
  after(() => az?.stop());
  afterEach(async () => {
    for (const stack of made.splice(0)) await stack.stop();
  });
  return {
    async stack(options = {}) {
      if (!az) throw new Error('handlingSuite: Azurite is not started (call stack() inside a test)');
      const stack = await handlingStack(az, options);
      made.push(stack);
      return stack;
    },
  };
}

/** Real services on Azurite, the real router with both flows, the real worker, Teams faked at its HTTP edge. */
export async function handlingStack(az: AzuriteHandle, options: { profileId?: 'nijmegen' | 'modelprotocol' | 'utrecht'; configure?: (s: Services) => Services; now?: () => Date } = {}): Promise<HandlingStack> {
  const base = await testServices({ az, ...(options.profileId ? { profileId: options.profileId } : {}) });
  const services = options.configure ? options.configure(base.services) : base.services;
  const fake = await new FakeConnector().start();
  const botAdapter = createAdapter(loadConfig({})) as unknown as CloudAdapter;
  const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
  const deps = await createHandlingDeps(tables, new TeamsRoster(botAdapter, ''));
  const timers = await openTimers(tables);
  // who can read the test channels: only people the protocol allows, unless a test says otherwise
  // Utrecht has no plaatsvervangend griffier, and its coördinator VPT advises on request: no reader of a handler's channel
  fake.rosters.set(CHANNELS.griffie, options.profileId === 'utrecht' ? [member('griffier')] : [member('griffier'), member('coordinator'), PLV_GRIFFIER]);
  fake.rosters.set(CHANNELS.coordinator, [member('coordinator')]);
  const handle = captureConversations(services, deps, createRouter(services, [reportFlow(services, deps), handlingFlow(services, deps, base.jobs.queue)]));
  const adapter = testBot(handle);
  adapter.conversation.serviceUrl = fake.url;
  const messenger = new TeamsMessenger(botAdapter, '');
  const jobContext = { services, deps, messenger, now: options.now ?? (() => new Date()) };
  registerHandlingJobs(base.jobs.worker, jobContext);
  registerTermijnJobs(base.jobs.worker, { ...jobContext, timers, due: deadlineDueSource(services, deps) });
  return {
    ...base,
    services,
    deps,
    fake,
    adapter,
    messenger,
    timers,
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

function channelData(channelId: string) {
  return { tenant: { id: 'tenant-1' }, team: { id: 'team-1' }, channel: { id: channelId } };
}

export function channelMessage(who: Who, channelId: string, text: string): Partial<Activity> {
  return {
    type: 'message',
    text: `<at>Weerbaar</at> ${text}`,
    from: from(who),
    channelId: 'msteams',
    conversation: channelConversation(channelId),
    channelData: channelData(channelId),
  };
}

export function channelInvoke(who: Who, channelId: string, verb: string, data: Record<string, unknown>): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: from(who),
    channelId: 'msteams',
    conversation: channelConversation(channelId),
    channelData: channelData(channelId),
    value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
  };
}

/** The card of a recorded connector call. */
export function cardOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const activity = (body['activity'] ?? body) as { attachments?: { content?: unknown }[] };
  const c = activity.attachments?.[0]?.content;
  return c && typeof c === 'object' ? (c as Record<string, unknown>) : undefined;
}

/** An administrator links a channel to a role with `koppel`: the coordinator their own, the griffier the others. */
export async function link(s: HandlingStack, channel: string, role: string): Promise<void> {
  // an administrator who is a member of that channel (Teams lists whoever types there)
  const r = await send(s.adapter, channelMessage(role === 'coordinator' ? 'coordinator' : 'griffier', channel, `koppel ${role}`));
  assert.match(cardText(r.replies[0]?.attachments?.[0]?.content), /^(?![\s\S]*niet gekoppeld)[\s\S]*gekoppeld/);
}

/**
 * Links Griffie and the coordinator's channel, starts the worker, files a melding and waits for
 * its channel cards: both, or only Griffie's where the profile calls the coordinator in on request.
 */
export async function meldingPosted(s: HandlingStack, answers = STEP_ANSWERS) {
  await link(s, CHANNELS.griffie, 'griffier');
  await link(s, CHANNELS.coordinator, 'coordinator');
  s.jobs.worker.start();
  await completeMelding(s.adapter, 'raadslid', answers);
  const cards = s.services.profile.coordinatorInformed === 'op-verzoek' ? 1 : 2;
  await s.fake.waitFor((calls) => calls.filter((c) => c.kind === 'post' && c.conversationId.startsWith('19:')).length >= cards);
  const [stored] = await s.services.store.incidents.listByOrganisation(s.services.orgId);
  assert.ok(stored);
  return stored.value;
}

export { until } from '../support/until.js';
