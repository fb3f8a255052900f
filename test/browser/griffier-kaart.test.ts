import assert from 'node:assert/strict';
import { accessibilityProblems, handlerCard, heightAt, melderCards, PHONE_WIDTH, showCard } from './support/card-audit.js';
import { FakeConnector } from '../support/http-teams.js';
import { screenshot, startStack, type Stack } from './support/stack.js';

/**
 * Issue 14, sections 3 and 4 in the Agents Playground: the griffier's card read at a glance on a
 * phone, and every card read as a screen reader reads it. The melding is filed over HTTP as Teams
 * would; the cards are drawn by the Playground's renderer. Heights: card laid out 390 px wide.
 */

/** The handler's card of a new melding at phone width, ShowCards closed (README: "De kaart van de griffier"). */
const MAX_HANDLER_HEIGHT = 1500;

describe('browser: de kaart van de griffier op een telefoon, en alle kaarten voor een schermlezer', function () {
  this.timeout(120_000);
  let stack: Stack | undefined;
  let connector: FakeConnector | undefined;
  let melder: Awaited<ReturnType<typeof melderCards>> = [];
  before(async function () {
    this.timeout(240_000);
    stack = await startStack({ people: ['griffier'], viewport: { griffier: { width: 1280, height: 2400 } } });
    connector = await FakeConnector.start();
    melder = await melderCards(stack, connector);
    await stack.idle();
  });
  after(async () => {
    await stack?.stop();
    await connector?.stop();
  });

  it(`keeps the handler's card of a new melding under ${MAX_HANDLER_HEIGHT} px at ${PHONE_WIDTH} px wide`, async () => {
    const page = stack!.page('griffier');
    const shared = await showCard(stack!, 'griffier', (await handlerCard(stack!, { handler: false })).card);
    const sharedHeight = await heightAt(shared);
    const own = await showCard(stack!, 'griffier', (await handlerCard(stack!, { handler: true })).card);
    const ownHeight = await heightAt(own);
    await screenshot(page, 'griffier-kaart-telefoon', own);
    console.info(`      handler card at ${PHONE_WIDTH} px: shared view ${sharedHeight} px, handler view ${ownHeight} px`);
    assert.ok(ownHeight < MAX_HANDLER_HEIGHT, `the handler's card is ${ownHeight} px high`);
  });

  it('finds every input of the melder\'s cards and the handler\'s card by its label, and every button by a name of its own', async () => {
    const page = stack!.page('griffier');
    const problems: string[] = [];
    for (const { name, card } of melder) problems.push(...(await accessibilityProblems(page, await showCard(stack!, 'griffier', card), name)));
    const own = await showCard(stack!, 'griffier', (await handlerCard(stack!, { handler: true })).card);
    problems.push(...(await accessibilityProblems(page, own, 'kaart van de behandelaar')));
    assert.deepEqual(problems, []);
  });
});
