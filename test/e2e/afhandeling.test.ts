import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { initialize, type Weerbaar } from '../../src/initialize.js';
import { createLogger } from '../../src/logger.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, from, PEOPLE, personalConversation, type Who } from '../support/bot.js';
import { FakeConnector } from '../support/fake-connector.js';
import { dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { cardOf, channelInvoke, channelMessage, CHANNELS, member, PLV_GRIFFIER } from '../flows/handling-harness.js';

describe('afhandeling over HTTP (real CloudAdapter, Azurite, fake Teams connector)', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let fake: FakeConnector;
  let bot: Weerbaar;
  let url: string;

  before(async () => {
    az = await startAzurite();
    fake = await new FakeConnector().start();
    const config = loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString, LOG_LEVEL: 'silent' });
    bot = await initialize(config, createLogger('silent'));
    await new Promise<void>((r) => bot.server.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(bot.server.server.address() as AddressInfo).port}/api/messages`;
    await bot.start();
  });
  after(async () => {
    await bot.stop();
    await new Promise<void>((r) => bot.server.server.close(() => r()));
    await fake.stop();
    await az.stop();
  });

  /** One activity as Teams sends it; the invoke response card, if any. */
  const post = async (activity: Partial<Activity>): Promise<Record<string, unknown> | undefined> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: `act-${Math.random()}`, serviceUrl: fake.url, recipient: { id: 'bot-1', name: 'Weerbaar' }, timestamp: new Date().toISOString(), ...activity }),
    });
    assert.ok(res.status < 300, `HTTP ${res.status}`);
    const text = await res.text();
    if (!text) return undefined;
    const body = JSON.parse(text) as { value?: unknown };
    return body.value && typeof body.value === 'object' ? (body.value as Record<string, unknown>) : undefined;
  };

  const personalInvoke = (who: Who, verb: string, data: Record<string, unknown>): Partial<Activity> => ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    from: from(who),
    conversation: personalConversation(who),
    value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
  });

  it('links channels, posts the melding to both, refuses a non-handler, takes one decision and updates the cards', async () => {
    // who can read each channel, as the Bot Connector pages it: a team channel with a raadslid is refused
    fake.rosters.set(CHANNELS.algemeen, [member('griffier'), member('coordinator'), member('raadslid')]);
    fake.rosters.set(CHANNELS.griffie, [member('griffier'), PLV_GRIFFIER, member('coordinator')]);
    fake.rosters.set(CHANNELS.coordinator, [member('coordinator')]);
    await post(channelMessage('griffier', CHANNELS.algemeen, 'koppel griffier'));
    await post(channelMessage('griffier', CHANNELS.griffie, 'koppel griffier'));
    await post(channelMessage('coordinator', CHANNELS.coordinator, 'koppel coordinator'));
    const replies = fake.posts().map((c) => cardText(cardOf(c.body)));
    assert.equal(replies.filter((t) => /gekoppeld aan de rol/.test(t)).length, 2);
    assert.equal(replies.filter((t) => /niet gekoppeld.*Fleur de Vries/s.test(t)).length, 1);
    assert.deepEqual(new Set(fake.rosterReads), new Set([CHANNELS.algemeen, CHANNELS.griffie, CHANNELS.coordinator]));

    let card = await post(personalInvoke('raadslid', 'melding.start', {}));
    card = await post(personalInvoke('raadslid', 'melding.veilig', { ...dataOf(card, 'melding.veilig'), veilig: 'ja' }));
    for (let i = 0; i < 12 && !hasVerb(card, 'melding.indienen'); i++) {
      const data = dataOf(card, 'melding.stap');
      card = await post(personalInvoke('raadslid', 'melding.stap', { ...data, ...(STEP_ANSWERS[String(data['step'])] ?? {}) }));
    }
    const confirmation = await post(personalInvoke('raadslid', 'melding.indienen', dataOf(card, 'melding.indienen')));
    assert.match(cardText(confirmation), /Uw melding is ontvangen/);

    await fake.waitFor(() => fake.posts(CHANNELS.griffie).some((c) => /Melding 2026-/.test(cardText(cardOf(c.body)))) && fake.posts(CHANNELS.coordinator).some((c) => /Melding 2026-/.test(cardText(cardOf(c.body)))));
    const griffieCard = fake.posts(CHANNELS.griffie).find((c) => /Melding 2026-/.test(cardText(cardOf(c.body))))!;
    const coordinatorCard = fake.posts(CHANNELS.coordinator).find((c) => /Melding 2026-/.test(cardText(cardOf(c.body))))!;
    const { incidentId } = dataOf(cardOf(griffieCard.body), 'afhandeling.openen');

    const refused = await post(channelInvoke('burgemeester', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId, maatregelen: 'incidentgesprek' }));
    assert.match(cardText(refused), /Alleen de behandelaar/);

    const pieter = channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId, maatregelen: 'incidentgesprek' });
    pieter.from = { id: 'user-pieter', name: 'Pieter Mulder', aadObjectId: '00000000-0000-0000-0000-000000000028' };
    const [a, b] = await Promise.all([
      post(channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId, maatregelen: 'waarschuwing-schriftelijk' })),
      post(pieter),
    ]);
    const outcomes = [cardText(a), cardText(b)];
    assert.equal(outcomes.filter((t) => /De maatregelen zijn vastgesteld/.test(t)).length, 1);
    assert.equal(outcomes.filter((t) => /Over deze melding is al besloten/.test(t)).length, 1);

    await fake.waitFor(() => fake.updates(coordinatorCard.activityId).some((u) => /Status: maatregelen vastgesteld/.test(cardText(cardOf(u.body)))));
    await fake.waitFor(() => fake.updates(griffieCard.activityId).some((u) => /Status: maatregelen vastgesteld/.test(cardText(cardOf(u.body)))));
    await fake.waitFor(() => fake.posts(`personal-${PEOPLE.raadslid.id}`).some((p) => /maatregelen vastgesteld/.test(String(p.body['text']))));
  });
});
