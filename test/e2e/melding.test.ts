import assert from 'node:assert/strict';
import { DraftSchema } from '../../src/flows/report/draft.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE } from '../support/bot.js';
import { beginMelding, clicker, fillSteps, inputValue, stepOf, type Card } from '../support/http-melding.js';
import { FakeConnector, personalConversationId, startHttpBot, TeamsClient, type HttpBot, type TeamsUser } from '../support/http-teams.js';
import { dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';

/** The Teams channel played over HTTP against the real CloudAdapter, Application and Azurite. */
describe('e2e over HTTP: the melding as Teams sends it', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let connector: FakeConnector;
  let bot: HttpBot;
  let client: TeamsClient;

  const FLEUR: TeamsUser = PEOPLE.raadslid;
  const year = new Date().getUTCFullYear();
  const drafts = () => bot.weerbaar.services.store.drafts(DraftSchema);
  const orgId = () => bot.weerbaar.services.orgId;

  async function boot(): Promise<void> {
    bot = await startHttpBot(az.connectionString);
    client = new TeamsClient({ botUrl: bot.url, serviceUrl: connector.serviceUrl });
  }

  /** Sends "hallo" and returns the welcome card the bot posted to the connector. */
  async function hallo(user: TeamsUser): Promise<Card> {
    connector.clear();
    const res = await client.message(user, 'hallo');
    assert.equal(res.status, 200);
    const cards = connector.cards(personalConversationId(user));
    assert.equal(cards.length, 1, 'one welcome card arrives at the connector');
    return cards[0]!;
  }

  before(async () => {
    az = await startAzurite();
    connector = await FakeConnector.start();
    await boot();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    await az.stop();
  });

  it('completes a melding from hallo to confirmation, then survives a restart mid-way through a second one', async () => {
    const click = clicker(client, FLEUR);
    const welcome = await hallo(FLEUR);
    assert.match(cardText(welcome), /Welkom bij Weerbaar/);
    const reply = connector.activities[0]!;
    assert.equal(reply.replyToId !== undefined, true, 'the welcome is a reply to the message');

    const summary = await fillSteps(click, await beginMelding(click, dataOf(welcome, 'melding.start')));
    assert.match(cardText(summary), /uitgescholden en bedreigd/);
    const submit = dataOf(summary, 'melding.indienen');
    const confirmation = await click('melding.indienen', submit);
    assert.match(cardText(confirmation), /Uw melding is ontvangen/);
    assert.match(cardText(confirmation), new RegExp(`Meldingsnummer: ${year}-0001`));
    // Teams retries an invoke it did not get an answer to in time: the same melding comes back.
    assert.match(cardText(await click('melding.indienen', submit)), new RegExp(`Meldingsnummer: ${year}-0001`));
    let stored = await bot.weerbaar.services.store.incidents.listByMelder(orgId(), FLEUR.aadObjectId);
    assert.deepEqual(stored.map((s) => s.value.number), [`${year}-0001`]);
    assert.equal(stored[0]!.value.ambtsdrager.role, 'raadslid');

    // The second melding stops after the description...
    const answers = { ...STEP_ANSWERS, wat: { beschrijving: 'Tweede keer: <b>${x}</b> en **vet**', doelwitten: 'ambtsdrager,naasten' } };
    const atClassificatie = await fillSteps(click, await beginMelding(click), answers, 'classificatie');
    const draftBefore = await drafts().get(orgId(), FLEUR.aadObjectId);
    assert.equal(draftBefore?.value.step, 'classificatie');

    // ...the process stops, and a new one starts on the same storage.
    const oldUrl = bot.url;
    await bot.stop();
    await assert.rejects(new TeamsClient({ botUrl: oldUrl, serviceUrl: connector.serviceUrl }).message(FLEUR, 'hallo'));
    await boot();
    const click2 = clicker(client, FLEUR);

    const welcomeAgain = await hallo(FLEUR);
    assert.match(cardText(welcomeAgain), /U heeft een melding die nog niet is afgerond/);
    const resumed = await click2('melding.doorgaan', dataOf(welcomeAgain, 'melding.doorgaan'));
    assert.equal(stepOf(resumed), 'classificatie');
    assert.deepEqual(dataOf(resumed, 'melding.stap'), dataOf(atClassificatie, 'melding.stap'));
    assert.match(cardText(resumed), /Stap 4 van 8/);
    const back = await click2('melding.vorige', dataOf(resumed, 'melding.vorige'));
    assert.equal(stepOf(back), 'wat');
    assert.equal(inputValue(back, 'beschrijving'), answers.wat.beschrijving, 'the description typed before the restart, literally');
    assert.equal(inputValue(back, 'doelwitten'), 'ambtsdrager,naasten');

    const summary2 = await fillSteps(click2, back, answers);
    const confirmation2 = await click2('melding.indienen', dataOf(summary2, 'melding.indienen'));
    assert.match(cardText(confirmation2), new RegExp(`Meldingsnummer: ${year}-0002`));
    stored = await bot.weerbaar.services.store.incidents.listByMelder(orgId(), FLEUR.aadObjectId);
    assert.deepEqual(stored.map((s) => s.value.number).sort(), [`${year}-0001`, `${year}-0002`]);
    const second = stored.find((s) => s.value.number === `${year}-0002`)!.value;
    assert.equal(second.description, answers.wat.beschrijving);
    assert.equal(await drafts().get(orgId(), FLEUR.aadObjectId), undefined, 'the draft is gone once reported');

    const mine = await click2('meldingen.mijn', {});
    assert.match(cardText(mine), new RegExp(`${year}-0001`));
    assert.match(cardText(mine), new RegExp(`${year}-0002`));
  });

  it('greets with the welcome card when the app is installed in the personal chat', async () => {
    const pieter: TeamsUser = { id: 'user-pieter', name: 'Pieter Mulder', aadObjectId: '00000000-0000-0000-0000-000000000028' };
    connector.clear();
    assert.equal((await client.installationUpdate(pieter)).status, 200);
    const cards = connector.cards(personalConversationId(pieter));
    assert.equal(cards.length, 1);
    assert.match(cardText(cards[0]), /Welkom bij Weerbaar/);
    assert.ok(hasVerb(cards[0], 'melding.start'));
  });

  it('refuses a 1 MB body (413) and invalid JSON (400), and keeps serving', async () => {
    assert.equal((await client.raw(Buffer.alloc(1024 * 1024, 'a'))).status, 413);
    assert.equal((await client.raw('{"type":"message",')).status, 400);
    assert.equal((await client.raw('')).status, 400);
    const welcome = await hallo(PEOPLE.fractiemedewerker);
    assert.match(cardText(welcome), /Welkom bij Weerbaar/);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });

  it("refuses a click carrying another person's draft id with a Dutch card, and changes nothing", async () => {
    const mark: TeamsUser = PEOPLE.burgemeester;
    const ahmed: TeamsUser = PEOPLE.wethouder;
    const karin: TeamsUser = PEOPLE.gemeentesecretaris;
    const markCard = await beginMelding(clicker(client, mark));
    await beginMelding(clicker(client, ahmed));
    const markDraft = await drafts().get(orgId(), mark.aadObjectId);
    const ahmedDraft = await drafts().get(orgId(), ahmed.aadObjectId);
    const marks = dataOf(markCard, 'melding.stap');

    const attempts: [TeamsUser, string, Record<string, unknown>][] = [
      [ahmed, 'melding.stap', { ...marks, ...STEP_ANSWERS['wie'] }],
      [ahmed, 'melding.annuleren.bevestig', { draftId: marks['draftId'] }],
      [ahmed, 'melding.indienen', { draftId: marks['draftId'] }],
      [karin, 'melding.stap', { ...marks, ...STEP_ANSWERS['wie'] }],
    ];
    for (const [who, verb, data] of attempts) {
      const res = await client.invoke(who, verb, data);
      assert.equal(res.status, 200);
      assert.ok(res.card, `${verb}: a card, not an error status`);
      assert.match(cardText(res.card), /Deze kaart hoort bij een andere melding|Deze melding bestaat niet meer/, verb);
      assert.equal(hasVerb(res.card, 'melding.stap'), false);
    }
    assert.deepEqual(await drafts().get(orgId(), mark.aadObjectId), markDraft);
    assert.deepEqual(await drafts().get(orgId(), ahmed.aadObjectId), ahmedDraft);
    assert.equal(await drafts().get(orgId(), karin.aadObjectId), undefined);
    for (const who of [mark, ahmed, karin]) {
      assert.deepEqual(await bot.weerbaar.services.store.incidents.listByMelder(orgId(), who.aadObjectId), []);
    }
  });

  it('answers 100 KB in the description with a Dutch message on the same card and keeps the draft', async () => {
    // Not in the people directory: the role is asked.
    const lotte: TeamsUser = { id: 'user-unknown-1', name: 'Onbekend', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
    const click = clicker(client, lotte);
    const answers = { ...STEP_ANSWERS, wie: { namens: 'nee', rol: 'raadslid' } };
    const atWat = await fillSteps(click, await beginMelding(click), answers, 'wat');
    const before = await drafts().get(orgId(), lotte.aadObjectId);
    const res = await client.invoke(lotte, 'melding.stap', { ...dataOf(atWat, 'melding.stap'), beschrijving: 'x'.repeat(100 * 1024), doelwitten: 'ambtsdrager' });
    assert.equal(res.status, 200);
    assert.ok(res.card);
    assert.equal(stepOf(res.card), 'wat', 'the same step again');
    assert.match(cardText(res.card), /Maximaal \d+ tekens \(u heeft er \d+\)/);
    assert.deepEqual(await drafts().get(orgId(), lotte.aadObjectId), before);
  });
});
