import assert from 'node:assert/strict';
import { accessibilityProblems, actionButtons, handlerCard, heightAt, melderCards, PHONE_WIDTH, showCard } from './support/card-audit.js';
import { currentNazorgCard } from '../../src/flows/handling/nazorg-view.js';
import { JOB_QUEUE_NAME } from '../../src/jobs/queue-client.js';
import { FakeConnector } from '../support/http-teams.js';
import { drained } from '../support/idle.js';
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
    // the worker's own posts (the melding to the griffier's chat) come first, so none lands among the cards shown here
    await drained(stack.azurite.connectionString, JOB_QUEUE_NAME, 90_000);
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
    const { incident, card: handler } = await handlerCard(stack!, { handler: true });
    const nazorg = await currentNazorgCard(stack!.weerbaar.services, stack!.weerbaar.agenda, incident);
    const shown = [...melder, { name: 'kaart van de behandelaar', card: handler }, { name: 'nazorggesprekken van de melder', card: nazorg }];
    for (const { name, card } of shown) {
      const drawn = await showCard(stack!, 'griffier', card);
      assert.ok((await actionButtons(drawn).count()) > 0, `the buttons of '${name}' are found`);
      problems.push(...(await accessibilityProblems(page, drawn, name)));
    }
    assert.deepEqual(problems, []);
    // what a person with a screen reader does on the handler's card: find it by its name, and open it
    const own = await showCard(stack!, 'griffier', (await handlerCard(stack!, { handler: true })).card);
    for (const name of ['Nu te doen', 'Wat er gebeurde']) assert.equal(await own.getByRole('heading', { name }).count(), 1, `heading ${name}`);
    await own.getByRole('button', { name: 'Afsluiten zonder maatregelen', exact: true }).click();
    assert.equal(await own.getByRole('textbox', { name: 'Reden' }).count(), 1);
    await own.getByRole('button', { name: 'Maatregelen vaststellen', exact: true }).click();
    assert.equal(await own.getByRole('textbox', { name: 'Toelichting' }).count(), 1);
    assert.equal(await own.getByRole('button', { name: 'Deze maatregelen vaststellen', exact: true }).count(), 1);
  });
});
