import assert from 'node:assert/strict';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE, send } from '../support/bot.js';
import { completeMelding } from '../support/melding.js';
import { cardOf, channelInvoke, CHANNELS, handlingStack, link, type HandlingStack } from './handling-harness.js';

const refreshIdsOf = (body: Record<string, unknown>): string[] | undefined =>
  (cardOf(body)?.['refresh'] as { userIds?: string[] } | undefined)?.userIds;

describe('afhandeling: refresh.userIds (Universal Actions) carry the handlers\' Teams ids', function () {
  this.timeout(40_000);
  let az: AzuriteHandle;
  let s: HandlingStack;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  afterEach(() => s.stop());

  it('after the griffier acted once, posted and updated cards name her Teams id and never a non-handler\'s', async () => {
    s = await handlingStack(az);
    // the griffier acts once (linking the channel): her Teams id is learnt from that turn
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    s.jobs.worker.start();
    await completeMelding(s.adapter, 'raadslid');
    await s.fake.waitFor(() => s.fake.posts(CHANNELS.griffie).length === 1 && s.fake.posts(CHANNELS.coordinator).length === 1);
    const [stored] = await s.services.store.incidents.listByOrganisation(s.services.orgId);
    assert.ok(stored);
    const incident = stored.value;
    assert.ok(incident.handlerIds.includes('00000000-0000-0000-0000-000000000028'), 'Pieter is a handler too, but never acted');

    const griffiePost = s.fake.posts(CHANNELS.griffie)[0]!;
    assert.deepEqual(refreshIdsOf(griffiePost.body), [PEOPLE.griffier.id]);
    assert.deepEqual(refreshIdsOf(s.fake.posts(CHANNELS.coordinator)[0]!.body), [PEOPLE.griffier.id]);

    // a non-handler acts (refused): he is known to the bot now, yet never named in refresh
    const refused = await send(s.adapter, channelInvoke('burgemeester', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: incident.id, maatregelen: 'incidentgesprek' }));
    assert.match(cardText(refused.invokeCard), /Alleen de behandelaar/);
    // the plaatsvervangend griffier only looks (refresh): known from now on
    const pieter = channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vernieuwen', { incidentId: incident.id });
    pieter.from = { id: 'user-pieter', name: 'Pieter Mulder', aadObjectId: '00000000-0000-0000-0000-000000000028' };
    await send(s.adapter, pieter);

    // Behandelen in the griffie channel: her own card there is answered by the click itself; the
    // coordinator's card is updated in place
    await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: incident.id }));
    const coordinatorPost = s.fake.posts(CHANNELS.coordinator)[0]!;
    await s.fake.waitFor(() => s.fake.updates(coordinatorPost.activityId).length >= 1);
    await s.idle();
    assert.equal(s.fake.updates(griffiePost.activityId).length, 0, 'the clicked card is not overwritten by the shared view');
    const updated = s.fake.updates(coordinatorPost.activityId).at(-1)!;
    assert.deepEqual([...(refreshIdsOf(updated.body) ?? [])].sort(), [PEOPLE.griffier.id, 'user-pieter'].sort());

    const everyCard = [...s.fake.posts(), ...s.fake.updates()].map((c) => refreshIdsOf(c.body) ?? []).flat();
    for (const outsider of [PEOPLE.burgemeester.id, PEOPLE.raadslid.id, PEOPLE.coordinator.id]) {
      assert.ok(!everyCard.includes(outsider), `${outsider} never gets the handler view`);
    }
    const known = await s.deps.conversations.getTeamsUserId(s.services.orgId, PEOPLE.burgemeester.aadObjectId);
    assert.equal(known, PEOPLE.burgemeester.id, 'the mapping is kept for everyone; only handlers are named');
  });
});
