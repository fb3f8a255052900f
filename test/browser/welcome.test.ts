import assert from 'node:assert/strict';
import { hulplijnenOp } from '../../src/domain/hulplijnen.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import { clickAction, lastCard, cards, screenshot, sendText, startStack, type Stack } from './support/stack.js';

describe('browser: welkom in de persoonlijke chat (Agents Playground)', function () {
  this.timeout(60_000);
  let stack: Stack | undefined;
  const { hulplijnen } = getProfile('nijmegen');
  /**
   * The lines the card shows at this hour (a line for office hours only, or for outside them, is
   * shown when it fits): those that fit both just before and just after the card, so a test
   * running across 9:00 or 17:00 still knows what to expect.
   */
  const shownAround = async <T>(show: () => Promise<T>): Promise<{ result: T; lines: typeof hulplijnen }> => {
    const before = hulplijnenOp(hulplijnen, new Date());
    const result = await show();
    const after = hulplijnenOp(hulplijnen, new Date());
    return { result, lines: before.filter((h) => after.includes(h)) };
  };

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
    const { lines, result: text } = await shownAround(async () => {
      await sendText(fleur, 'hallo');
      return lastCard(fleur).innerText();
    });
    assert.equal(await cards(fleur).count(), before + 1, 'one new card for one message');
    const card = lastCard(fleur);
    assert.match(text, /Welkom bij Weerbaar/);
    assert.match(text, /Bel direct 112/);
    assert.ok(lines.length >= hulplijnen.length - 1, 'at most one line depends on the hour');
    for (const h of lines) {
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
    const { lines, result: text } = await shownAround(async () => {
      await clickAction(fleur, 'Hulplijnen');
      return lastCard(fleur).innerText();
    });
    assert.equal(await cards(fleur).count(), before, 'the card is replaced, not added');
    const card = lastCard(fleur);
    assert.match(text, /^Hulplijnen/);
    assert.match(text, /In nood: bel 112/);
    assert.doesNotMatch(text, /Welkom bij Weerbaar/);
    for (const h of lines) {
      assert.ok(text.includes(h.naam), `hulplijn ${h.naam} staat op de kaart`);
      // a tap-to-call link, so a phone dials it
      const link = card.getByRole('link', { name: h.nummer });
      assert.equal(await link.first().getAttribute('href'), `tel:${h.nummer.replace(/\s/g, '')}`);
    }
    assert.ok(await card.getByRole('button', { name: /./ }).first().isVisible(), 'a way back home');
    await screenshot(fleur, 'hulplijnen');
  });
});
