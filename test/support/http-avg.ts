import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { initialize, type InitializeOptions, type Weerbaar } from '../../src/initialize.js';
import { createLogger } from '../../src/logger.js';
import type { AzuriteHandle } from './azurite.js';
import { cardText, from, personalConversation, type Who } from './bot.js';
import type { FakeConnector } from './fake-connector.js';
import { dataOf, hasVerb, STEP_ANSWERS } from './melding.js';
import { cardOf, channelInvoke, channelMessage, CHANNELS, member } from '../flows/handling-harness.js';

/** The bot over HTTP for the AVG's tests: a real CloudAdapter on Azurite, Teams played by the fake connector. */
export interface HttpBot {
  bot: Weerbaar;
  /** http://127.0.0.1:<port> */
  base: string;
  /** one activity as Teams sends it; the invoke response card, if any */
  post(activity: Partial<Activity>): Promise<Record<string, unknown> | undefined>;
  stop(): Promise<void>;
}

/** `env`: more settings, e.g. WEERBAAR_ORGANISATIONS_FILE for one deployment of several organisations. */
export async function startHttpBot(az: AzuriteHandle, fake: FakeConnector, options: InitializeOptions = {}, env: Record<string, string> = {}): Promise<HttpBot> {
  const config = loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString, LOG_LEVEL: 'silent', ...env });
  const bot = await initialize(config, createLogger('silent'), options);
  await new Promise<void>((r) => bot.server.server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(bot.server.server.address() as AddressInfo).port}`;
  await bot.start();
  return {
    bot,
    base,
    async post(activity) {
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: `act-${Math.random()}`, serviceUrl: fake.url, recipient: { id: 'bot-1', name: 'Weerbaar' }, timestamp: new Date().toISOString(), ...activity }),
      });
      assert.ok(res.status < 300, `HTTP ${res.status}`);
      const text = await res.text();
      if (!text) return undefined;
      const body = JSON.parse(text) as { value?: unknown };
      return body.value && typeof body.value === 'object' ? (body.value as Record<string, unknown>) : undefined;
    },
    async stop() {
      await bot.stop();
      await new Promise<void>((r) => bot.server.server.close(() => r()));
    },
  };
}

export const personalInvoke = (who: Who, verb: string, data: Record<string, unknown>): Partial<Activity> => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  channelId: 'msteams',
  from: from(who),
  conversation: personalConversation(who),
  value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
});

export const personalMessage = (who: Who, text: string): Partial<Activity> => ({ type: 'message', text, channelId: 'msteams', from: from(who), conversation: personalConversation(who) });

/** Griffie and the coordinator's channel linked, each read only by whom the protocol allows. */
export async function linkChannels(http: HttpBot, fake: FakeConnector): Promise<void> {
  fake.rosters.set(CHANNELS.griffie, [member('griffier'), member('coordinator')]);
  fake.rosters.set(CHANNELS.coordinator, [member('coordinator')]);
  await http.post(channelMessage('griffier', CHANNELS.griffie, 'koppel griffier'));
  await http.post(channelMessage('coordinator', CHANNELS.coordinator, 'koppel coordinator'));
}

/** A melding clicked through by `who`, with its own description; returns its id and number once both channels show its card. */
export async function fileMelding(http: HttpBot, fake: FakeConnector, who: Who, beschrijving: string): Promise<{ incidentId: string; number: string }> {
  const answers: Record<string, Record<string, string>> = { ...STEP_ANSWERS, wat: { ...STEP_ANSWERS['wat'], beschrijving } };
  let card = await http.post(personalInvoke(who, 'melding.start', {}));
  card = await http.post(personalInvoke(who, 'melding.veilig', { ...dataOf(card, 'melding.veilig'), veilig: 'ja' }));
  for (let i = 0; i < 12 && !hasVerb(card, 'melding.indienen'); i++) {
    const data = dataOf(card, 'melding.stap');
    card = await http.post(personalInvoke(who, 'melding.stap', { ...data, ...(answers[String(data['step'])] ?? {}) }));
  }
  assert.match(cardText(await http.post(personalInvoke(who, 'melding.indienen', dataOf(card, 'melding.indienen')))), /Uw melding is ontvangen/);
  const own = (await http.bot.services.store.incidents.listByMelder(http.bot.services.orgId, from(who).aadObjectId)).find((r) => r.value.description === beschrijving);
  assert.ok(own);
  const { id: incidentId, number } = own.value;
  const shows = (channel: string) => fake.posts(channel).some((c) => cardText(cardOf(c.body)).includes(`Melding ${number}`));
  await fake.waitFor(() => shows(CHANNELS.griffie) && shows(CHANNELS.coordinator));
  return { incidentId, number };
}

/** The griffier decides (with a note of their own) and closes the melding, as on the card. */
export async function decideAndClose(http: HttpBot, incidentId: string, toelichting: string): Promise<void> {
  const decided = await http.post(channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId, maatregelen: 'waarschuwing-schriftelijk', toelichting }));
  assert.match(cardText(decided), /De maatregelen zijn vastgesteld/);
  const closed = await http.post(channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.afsluiten', { incidentId }));
  assert.match(cardText(closed), /Status: afgesloten/);
}

/** The card the coordinator's channel got for the melding. */
export function coordinatorCardOf(fake: FakeConnector, number: string) {
  const post = fake.posts(CHANNELS.coordinator).find((c) => cardText(cardOf(c.body)).includes(`Melding ${number}`));
  assert.ok(post);
  return post;
}
