import assert from 'node:assert/strict';
import { createRouter } from '../../src/flows/router.js';
import type { Services } from '../../src/flows/services.js';
import { testServices, type TestStack } from '../support/services.js';
import { cardText, invoke, message, personalConversation, repliedCard, send, testBot, from } from '../support/bot.js';

describe('welcome (in process, TestAdapter)', () => {
  let stack: TestStack;
  let services: Services;
  let adapter: ReturnType<typeof testBot>;
  before(async () => {
    stack = await testServices();
    services = stack.services;
    adapter = testBot(createRouter(services, []));
  });
  after(() => stack.stop());

  it('answers "hallo" with the welcome card: 112 first, the four choices and the hulplijnen of the profile', async () => {
    const { replies } = await send(adapter, message('raadslid', 'hallo'));
    const card = repliedCard(replies[0]);
    assert.ok(card, 'a card was sent');
    const text = cardText(card);
    assert.match(text, /Bel direct 112/);
    for (const label of ['Incident melden', 'Ik twijfel of ik moet melden', 'Hulplijnen', 'Mijn meldingen']) {
      assert.ok(text.includes(label), `shows ${label}`);
    }
    for (const h of services.profile.hulplijnen.filter((x) => x.bereikbaar === undefined)) assert.ok(text.includes(h.nummer), `shows ${h.naam}`);
    assert.equal(card['version'], '1.5');
  });

  it('greets on install in the personal chat', async () => {
    const { replies } = await send(adapter, {
      type: 'installationUpdate',
      action: 'add',
      from: from('raadslid'),
      conversation: personalConversation('raadslid'),
      channelId: 'msteams',
    });
    assert.match(cardText(repliedCard(replies[0])), /Welkom bij Weerbaar/);
  });

  it('gives every Action.Execute an Action.Submit fallback with the verb', async () => {
    const { replies } = await send(adapter, message('raadslid', 'help'));
    const actions = (repliedCard(replies[0])?.['actions'] ?? []) as Record<string, unknown>[];
    assert.ok(actions.length >= 4);
    for (const a of actions) {
      assert.equal(a['type'], 'Action.Execute');
      const fb = a['fallback'] as Record<string, unknown>;
      assert.equal(fb['type'], 'Action.Submit');
      assert.deepEqual((fb['data'] as Record<string, unknown>)['verb'], a['verb']);
    }
  });

  it('answers an unknown verb with a clear Dutch card, not HTTP 501', async () => {
    const { status, invokeCard } = await send(adapter, invoke('raadslid', 'bestaat.niet', {}));
    assert.equal(status, 200);
    assert.match(cardText(invokeCard), /Deze actie kennen we niet/);
  });

  it('refuses an action without an Entra object id', async () => {
    const act = invoke('raadslid', 'hulplijnen', {});
    act.from = { id: 'x', name: 'x' };
    const { invokeCard } = await send(adapter, act);
    assert.match(cardText(invokeCard), /niet vaststellen wie u bent/);
  });

  describe('the Instituut voor Psychotrauma: the number that answers at this hour', () => {
    const at = (iso: string) => testBot(createRouter(services, []), () => new Date(iso));
    const cases: [string, string, string, string][] = [
      ['a Tuesday at 10:00', '2026-11-24T10:00:00+01:00', '020 840 76 20', '088 33 05 112'],
      ['a Tuesday at 22:00', '2026-11-24T22:00:00+01:00', '088 33 05 112', '020 840 76 20'],
      ['a Tuesday at 08:59', '2026-11-24T08:59:00+01:00', '088 33 05 112', '020 840 76 20'],
      ['a Sunday at 11:00', '2026-11-29T11:00:00+01:00', '088 33 05 112', '020 840 76 20'],
      ['Tweede Kerstdag at 11:00', '2026-12-26T11:00:00+01:00', '088 33 05 112', '020 840 76 20'],
    ];
    for (const [when, iso, shown, hidden] of cases) {
      it(`${when}: ${shown} on the hulplijnen card and the welcome card`, async () => {
        const adapter = at(iso);
        const { invokeCard } = await send(adapter, invoke('raadslid', 'hulplijnen', {}));
        const welcome = repliedCard((await send(adapter, message('raadslid', 'hallo'))).replies[0]);
        for (const text of [cardText(invokeCard), cardText(welcome)]) {
          assert.ok(text.includes(shown), `shows ${shown}`);
          assert.ok(!text.includes(hidden), `not ${hidden}`);
          assert.ok(text.includes('0900 0101'), 'the other numbers always');
        }
      });
    }
  });

  it('shows the hulplijnen with tap-to-call links', async () => {
    const { invokeCard } = await send(adapter, invoke('raadslid', 'hulplijnen', {}));
    const text = cardText(invokeCard);
    assert.match(text, /\[0900 0101\]\(tel:09000101\)/);
  });
});
