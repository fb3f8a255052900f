import assert from 'node:assert/strict';
import { cardText, send } from '../support/bot.js';
import { dataOf } from '../support/melding.js';
import { cardOf, channelInvoke, CHANNELS, type HandlingStack, meldingPosted, handlingSuite } from './handling-harness.js';

/** The toggle the handler's form offers, as the card JSON has it. */
function toggle(card: Record<string, unknown> | undefined, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o['type'] === 'Input.Toggle' && o['id'] === id) found = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('afhandeling: maatregelen discussed with the ambtsdrager', function () {
  this.timeout(40_000);
  const suite = handlingSuite();
  let s: HandlingStack;


  async function decide(besproken: 'ja' | 'nee') {
    const incident = await meldingPosted(s);
    const opened = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: incident.id }));
    const offered = toggle(opened.invokeCard, 'besproken');
    assert.equal(offered?.['title'], 'Besproken met de ambtsdrager');
    assert.equal(offered?.['value'], 'nee', 'not ticked in advance');
    const form = dataOf(opened.invokeCard, 'afhandeling.vaststellen');
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { ...form, maatregelen: 'incidentgesprek', besproken }));
    return { incident, text: cardText(r.invokeCard) };
  }

  it('stores "besproken" with the decision and shows it to the handler and in the coordinator card', async () => {
    s = await suite.stack();
    const { incident, text } = await decide('ja');
    assert.match(text, /maatregelen vastgesteld/);
    assert.match(text, /Besproken met de ambtsdrager: Ja/);
    assert.doesNotMatch(text, /niet met de ambtsdrager besproken/);
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.equal(stored?.value.decision?.besproken, true);
    const coordinatorPost = s.fake.posts(CHANNELS.coordinator)[0]!;
    await s.fake.waitFor(() => s.fake.updates(coordinatorPost.activityId).some((u) => /Besproken met de ambtsdrager: Ja/.test(cardText(cardOf(u.body)))));
  });

  it('decides without the toggle ticked, and the card and the coordinator see that it was not discussed', async () => {
    s = await suite.stack();
    const { incident, text } = await decide('nee');
    assert.match(text, /maatregelen vastgesteld/, 'not discussing does not block the decision');
    assert.match(text, /Besproken met de ambtsdrager: Nee/);
    assert.doesNotMatch(text, /Besproken met de ambtsdrager: Ja/);
    assert.match(text, /Let op: de maatregelen zijn \(nog\) niet met de ambtsdrager besproken/);
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.equal(stored?.value.decision?.besproken, false);
    const coordinatorPost = s.fake.posts(CHANNELS.coordinator)[0]!;
    await s.fake.waitFor(() => s.fake.updates(coordinatorPost.activityId).some((u) => /maatregelen vastgesteld/.test(cardText(cardOf(u.body)))));
    const coordinatorText = s.fake.updates(coordinatorPost.activityId).map((u) => cardText(cardOf(u.body))).find((t) => /maatregelen vastgesteld/.test(t)) ?? '';
    assert.match(coordinatorText, /Besproken met de ambtsdrager: Nee/);
    assert.match(coordinatorText, /niet met de ambtsdrager besproken/);
    assert.doesNotMatch(coordinatorText, /Besproken met de ambtsdrager: Ja/);
  });

  it('refuses a value the toggle cannot send, and stores nothing', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: incident.id, maatregelen: 'incidentgesprek', besproken: 'misschien' }));
    assert.match(cardText(r.invokeCard), /De gegevens van deze kaart zijn niet geldig/);
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.equal(stored?.value.decision, undefined);
  });
});
