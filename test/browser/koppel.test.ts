import assert from 'node:assert/strict';
import { lastCard, mentionBot, openChannel, screenshot, startStack, thread, type Stack } from './support/stack.js';

/**
 * The Playground's team holds everyone of its cast, so its channels are read by all of them: with a
 * raadslid and a wethouder in the team, the griffier's `koppel` is refused, naming who may not read.
 */
describe('browser: koppel weigert een kanaal met lezers die het protocol niet noemt (Agents Playground)', function () {
  this.timeout(120_000);
  let stack: Stack | undefined;
  before(async function () {
    this.timeout(240_000);
    stack = await startStack({ people: ['griffier-gemengd'], viewport: { 'griffier-gemengd': { width: 1280, height: 1200 } } });
  });
  after(async () => {
    await stack?.stop();
  });

  it('refuses in the thread, names the members who may not read, and links nothing', async () => {
    const sanne = stack!.page('griffier-gemengd');
    await openChannel(sanne, 'Griffie');
    await mentionBot(sanne, 'koppel griffier');
    const refusal = await lastCard(thread(sanne, 'koppel griffier')).innerText();
    assert.match(refusal, /Dit kanaal is niet gekoppeld/);
    for (const name of ['Fleur de Vries', 'Ahmed El Amrani', 'Mark Visser', 'Karin de Boer']) assert.match(refusal, new RegExp(name));
    assert.doesNotMatch(refusal, /Joost Bakker|Sanne Jansen/, 'the coordinator and the griffier may read: not named');
    await screenshot(sanne, 'afhandeling-0-koppelen-geweigerd', thread(sanne, 'koppel griffier'));
    assert.deepEqual(await stack!.weerbaar.services.store.channelLinks.list(stack!.weerbaar.services.orgId), []);
  });
});
