import assert from 'node:assert/strict';
import { getProfile } from '../../src/domain/profiles/index.js';
import { clickAction, lastCard, cards, screenshot, sendText, startStack, type Stack } from './support/stack.js';

describe('browser: welkom in de persoonlijke chat (Agents Playground)', function () {
  this.timeout(60_000);
  let stack: Stack | undefined;
  const { hulplijnen } = getProfile('nijmegen');

  before(async function () {
    // a Playground, the bot and Chromium: slow to start on a busy machine
    this.timeout(240_000);
    stack = await startStack({ people: ['raadslid'] });
  });

  after(async () => {
    await stack?.stop();
  });

  it('answers "hallo" with the welcome card: melden, 112 and the hulplijnen', async () => {
    const fleur = stack!.page('raadslid');
    const before = await cards(fleur).count();
    await sendText(fleur, 'hallo');
    assert.equal(await cards(fleur).count(), before + 1, 'one new card for one message');

    const card = lastCard(fleur);
    const text = await card.innerText();
    assert.match(text, /Welkom bij Weerbaar/);
    assert.match(text, /Bel direct 112/);
    for (const h of hulplijnen) {
      assert.ok(text.includes(h.naam), `hulplijn ${h.naam} staat op de kaart`);
      assert.ok(text.includes(h.nummer), `nummer ${h.nummer} staat op de kaart`);
    }
    for (const title of ['Incident melden', 'Ik twijfel of ik moet melden', 'Hulplijnen', 'Mijn meldingen']) {
      assert.ok(await card.getByRole('button', { name: title, exact: true }).isVisible(), `knop ${title}`);
    }
    await screenshot(fleur, 'welcome');
  });

  it('replaces the welcome card with the hulplijnen card on "Hulplijnen"', async () => {
    const fleur = stack!.page('raadslid');
    const before = await cards(fleur).count();
    await clickAction(fleur, 'Hulplijnen');

    assert.equal(await cards(fleur).count(), before, 'the card is replaced, not added');
    const card = lastCard(fleur);
    const text = await card.innerText();
    assert.match(text, /^Hulplijnen/);
    assert.match(text, /In nood: bel 112/);
    assert.doesNotMatch(text, /Welkom bij Weerbaar/);
    for (const h of hulplijnen) {
      assert.ok(text.includes(h.naam), `hulplijn ${h.naam} staat op de kaart`);
      // a tap-to-call link, so a phone dials it
      const link = card.getByRole('link', { name: h.nummer });
      assert.equal(await link.first().getAttribute('href'), `tel:${h.nummer.replace(/\s/g, '')}`);
    }
    assert.ok(await card.getByRole('button', { name: /./ }).first().isVisible(), 'a way back home');
    await screenshot(fleur, 'hulplijnen');
  });
});
