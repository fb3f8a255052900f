import assert from 'node:assert/strict';
import { createRouter } from '../../src/flows/router.js';
import { reportFlow } from '../../src/flows/report/index.js';
import { DraftSchema } from '../../src/flows/report/draft.js';
import { cardText, invoke, message, repliedCard, send, testBot, type Who } from '../support/bot.js';
import { completeMelding, dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { servicesPerTest, testServices, type TestStack } from '../support/services.js';

describe('the guided melding (in process)', function () {
  this.timeout(30_000);
  const suite = servicesPerTest();
  let adapter: ReturnType<typeof testBot>;
  beforeEach(() => {
    adapter = testBot(createRouter(suite.stack.services, [reportFlow(suite.stack.services)]));
  });

  const drafts = () => suite.stack.services.store.drafts(DraftSchema);
  const orgId = () => suite.stack.services.orgId;
  const FLEUR = '00000000-0000-0000-0000-000000000021';

  async function toStep(step: string, who: Who = 'raadslid'): Promise<Record<string, unknown>> {
    let { invokeCard } = await send(adapter, invoke(who, 'melding.start', {}));
    ({ invokeCard } = await send(adapter, invoke(who, 'melding.veilig', { ...dataOf(invokeCard, 'melding.veilig'), veilig: 'ja' })));
    for (let i = 0; i < 10; i++) {
      const data = dataOf(invokeCard, 'melding.stap');
      if (data['step'] === step) return invokeCard!;
      ({ invokeCard } = await send(adapter, invoke(who, 'melding.stap', { ...data, ...(STEP_ANSWERS[String(data['step'])] ?? {}) })));
    }
    throw new Error(`never reached ${step}`);
  }

  it('goes from welcome to confirmation and stores one melding with number, routing and deadlines', async () => {
    const { confirmation, summary } = await completeMelding(adapter, 'raadslid');
    const summaryText = cardText(summary);
    assert.match(summaryText, /Controleer uw melding/);
    assert.match(summaryText, /uitgescholden en bedreigd/);
    const text = cardText(confirmation);
    assert.match(text, /Uw melding is ontvangen/);
    assert.match(text, /Meldingsnummer: 2026-0001/);
    assert.match(text, /griffier \(Sanne Jansen\)/);
    assert.match(text, /Uw melding wordt opgepakt door: griffier \(Sanne Jansen\)[\s\S]*Het eerste gesprek met u over hoe het gaat[\s\S]*Wat wij daarna doen/);
    const list = await suite.stack.services.store.incidents.listByMelder(suite.stack.services.orgId, '00000000-0000-0000-0000-000000000021');
    assert.equal(list.length, 1);
    const incident = list[0]!.value;
    assert.equal(incident.state, 'gemeld');
    assert.equal(incident.ambtsdrager.role, 'raadslid');
    assert.deepEqual(incident.routing.handlers, ['griffier', 'plaatsvervangend-griffier']);
    assert.equal(incident.chosenCategory, 'bedreiging-intimidatie');
    assert.equal(incident.meldplicht, 'verplicht');
    assert.ok(incident.deadlines.some((d) => d.kind === 'nazorg-1'));
    assert.ok(incident.handlerIds.includes('00000000-0000-0000-0000-000000000022'));
  });

  it('puts safety first: "not safe" shows 112, the alarm advice and the hulplijnen, and the melding waits', async () => {
    const start = await send(adapter, invoke('raadslid', 'melding.start', {}));
    assert.match(cardText(start.invokeCard), /Bent u nu veilig\?/);
    const unsafe = await send(adapter, invoke('raadslid', 'melding.veilig', { ...dataOf(start.invokeCard, 'melding.veilig'), veilig: 'nee' }));
    const text = cardText(unsafe.invokeCard);
    assert.match(text, /Bel nu 112/);
    assert.match(text, /alarmknop/);
    assert.match(text, /Slachtofferhulp/);
    const cont = await send(adapter, invoke('raadslid', 'melding.veilig', { ...dataOf(unsafe.invokeCard, 'melding.veilig'), veilig: 'ja' }));
    assert.match(cardText(cont.invokeCard), /Stap 1 van 8.*|Over wie gaat de melding/s);
  });

  it('shows "Stap n van N" and knows the raadslid role from configuration (does not require it)', async () => {
    const card = await toStep('wie');
    const text = cardText(card);
    assert.match(text, /Stap 1 van 8/);
    assert.match(text, /U staat bij ons bekend als raadslid/);
  });

  it('continues where the person stopped: a second "melden" shows the same step with the values kept', async () => {
    await toStep('wat');
    const again = await send(adapter, invoke('raadslid', 'melding.start', {}));
    const text = cardText(again.invokeCard);
    assert.match(text, /Wat is er gebeurd\?/);
    const welcome = await send(adapter, message('raadslid', 'hallo'));
    assert.match(cardText(repliedCard(welcome.replies[0])), /Verder met mijn melding/);
  });

  it('shows a missing field on the same card with a Dutch message, and keeps what was typed', async () => {
    const card = await toStep('wanneer');
    const res = await send(adapter, invoke('raadslid', 'melding.stap', { ...dataOf(card, 'melding.stap'), datum: '2026-11-20', tijd: '', kanaal: 'thuis', locatie: 'Thuis' }));
    const text = cardText(res.invokeCard);
    assert.match(text, /Dit veld is verplicht/);
    assert.match(text, /Niet alles is goed ingevuld/);
    assert.ok(text.includes('Thuis'), 'the typed location is kept');
    const stored = await drafts().get(orgId(), FLEUR);
    assert.equal(stored?.value.step, 'wanneer');
    assert.equal(stored?.value.wanneer, undefined);
  });

  it('refuses an incident in the future and an absurd date, accepts one long ago and marks it', async () => {
    const card = await toStep('wanneer');
    const data = dataOf(card, 'melding.stap');
    const future = await send(adapter, invoke('raadslid', 'melding.stap', { ...data, datum: '2027-01-01', tijd: '10:00', kanaal: 'thuis', locatie: 'x' }));
    assert.match(cardText(future.invokeCard), /in de toekomst/);
    const absurd = await send(adapter, invoke('raadslid', 'melding.stap', { ...data, datum: '1899-01-01', tijd: '10:00', kanaal: 'thuis', locatie: 'x' }));
    assert.match(cardText(absurd.invokeCard), /lijkt niet te kloppen/);
    const bad = await send(adapter, invoke('raadslid', 'melding.stap', { ...data, datum: '2026-02-31', tijd: '10:00', kanaal: 'thuis', locatie: 'x' }));
    assert.match(cardText(bad.invokeCard), /geldige datum/);
    await send(adapter, invoke('raadslid', 'melding.stap', { ...data, datum: '2019-05-01', tijd: '10:00', kanaal: 'thuis', locatie: 'x' }));
    const stored = await drafts().get(orgId(), FLEUR);
    assert.equal(stored?.value.step, 'wat');
    assert.equal(stored?.value.wanneer?.longAgo, true);
  });

  it('shows ${...}, markdown and HTML back literally and limits 100 KB of text with a message', async () => {
    const card = await toStep('wat');
    const data = dataOf(card, 'melding.stap');
    const huge = await send(adapter, invoke('raadslid', 'melding.stap', { ...data, beschrijving: 'x'.repeat(100_000), doelwitten: 'ambtsdrager' }));
    assert.match(cardText(huge.invokeCard), /Maximaal 4000 tekens/);
    const evil = '${t.welcome.title} **vet** <b>html</b> {{DATE(2017-02-14T06:08:39Z, SHORT)}}';
    await send(adapter, invoke('raadslid', 'melding.stap', { ...data, beschrijving: evil, doelwitten: 'ambtsdrager' }));
    const stored = await drafts().get(orgId(), FLEUR);
    assert.equal(stored?.value.wat?.description, evil);
    // Walk on to the summary and check what is shown there.
    let next = await send(adapter, invoke('raadslid', 'melding.doorgaan', {}));
    for (let i = 0; i < 8 && hasVerb(next.invokeCard, 'melding.stap'); i++) {
      const d = dataOf(next.invokeCard, 'melding.stap');
      next = await send(adapter, invoke('raadslid', 'melding.stap', { ...d, ...(STEP_ANSWERS[String(d['step'])] ?? {}) }));
    }
    const json = JSON.stringify(next.invokeCard);
    assert.ok(json.includes('${t.welcome.title} **vet** <b>html</b>'), 'the template expression is shown, not expanded');
    assert.ok(!json.includes('{{DATE('), 'date functions are broken so Teams does not evaluate them');
    assert.ok(json.includes('"type":"TextRun"'), 'user text sits in TextRuns (no markdown)');
  });

  it('refuses a tampered payload: another person\'s draft, an unknown choice, a step out of order', async () => {
    const card = await toStep('wat');
    const data = dataOf(card, 'melding.stap');
    // Karin (gemeentesecretaris) replays Fleur's card
    const other = await send(adapter, invoke('gemeentesecretaris', 'melding.stap', { ...data, beschrijving: 'x', doelwitten: 'ambtsdrager' }));
    assert.match(cardText(other.invokeCard), /niet meer|hoort bij een andere melding|bestaat niet/);
    const wrongChoice = await send(adapter, invoke('raadslid', 'melding.stap', { ...data, beschrijving: 'iets', doelwitten: 'ambtsdrager,burgemeester' }));
    assert.match(cardText(wrongChoice.invokeCard), /niet geldig/);
    const outOfOrder = await send(adapter, invoke('raadslid', 'melding.stap', { ...data, step: 'impact', letsel: 'ja' }));
    assert.match(cardText(outOfOrder.invokeCard), /niet meer actueel/);
    const notAnId = await send(adapter, invoke('raadslid', 'melding.stap', { draftId: 42, step: 'wat' }));
    assert.match(cardText(notAnId.invokeCard), /niet geldig/);
    const stored = await drafts().get(orgId(), FLEUR);
    assert.equal(stored?.value.step, 'wat');
    assert.equal(stored?.value.wat, undefined);
    assert.equal(stored?.value.impact, undefined);
  });

  it('makes one melding when Melden is pressed twice or Teams retries', async () => {
    const { submitData, confirmation } = await completeMelding(adapter, 'raadslid');
    const again = await send(adapter, invoke('raadslid', 'melding.indienen', submitData));
    assert.match(cardText(again.invokeCard), /Meldingsnummer: 2026-0001/);
    assert.match(cardText(confirmation), /Meldingsnummer: 2026-0001/);
    const all = await suite.stack.services.store.incidents.listByOrganisation(orgId());
    assert.equal(all.length, 1);
  });

  it('makes one melding when two Melden clicks race', async () => {
    const card = await toStep('impact');
    const done = await send(adapter, invoke('raadslid', 'melding.stap', { ...dataOf(card, 'melding.stap'), ...STEP_ANSWERS['impact'] }));
    const submit = dataOf(done.invokeCard, 'melding.indienen');
    const adapter2 = testBot(createRouter(suite.stack.services, [reportFlow(suite.stack.services)]));
    const [a, b] = await Promise.all([
      send(adapter, invoke('raadslid', 'melding.indienen', submit)),
      send(adapter2, invoke('raadslid', 'melding.indienen', submit)),
    ]);
    const numbers = [cardText(a.invokeCard), cardText(b.invokeCard)].map((t) => /Meldingsnummer: (\S+)/.exec(t)?.[1] ?? t.slice(0, 200));
    assert.deepEqual(numbers.filter(Boolean), ['2026-0001', '2026-0001']);
    assert.equal((await suite.stack.services.store.incidents.listByOrganisation(orgId())).length, 1);
  });

  it('edits a part from the summary and returns to the summary', async () => {
    const { summary } = await completeMeldingUntilSummary();
    const edit = await send(adapter, invoke('raadslid', 'melding.bewerk', { draftId: dataOf(summary, 'melding.indienen')['draftId'], part: 'wat' }));
    assert.match(cardText(edit.invokeCard), /Naar het overzicht/);
    const back = await send(adapter, invoke('raadslid', 'melding.stap', { ...dataOf(edit.invokeCard, 'melding.stap'), beschrijving: 'Aangepaste beschrijving', doelwitten: 'naasten' }));
    const text = cardText(back.invokeCard);
    assert.match(text, /Controleer uw melding/);
    assert.match(text, /Aangepaste beschrijving/);
  });

  async function completeMeldingUntilSummary() {
    const card = await toStep('impact');
    const done = await send(adapter, invoke('raadslid', 'melding.stap', { ...dataOf(card, 'melding.stap'), ...STEP_ANSWERS['impact'] }));
    return { summary: done.invokeCard };
  }

  it('goes back with Vorige and cancels after asking once', async () => {
    const card = await toStep('wat');
    const back = await send(adapter, invoke('raadslid', 'melding.vorige', dataOf(card, 'melding.vorige')));
    assert.match(cardText(back.invokeCard), /Wanneer, waar en hoe/);
    const ask = await send(adapter, invoke('raadslid', 'melding.annuleren', dataOf(back.invokeCard, 'melding.annuleren')));
    assert.match(cardText(ask.invokeCard), /Weet u het zeker/);
    assert.ok(await drafts().get(orgId(), FLEUR), 'asking deletes nothing');
    const done = await send(adapter, invoke('raadslid', 'melding.annuleren.bevestig', dataOf(ask.invokeCard, 'melding.annuleren.bevestig')));
    assert.match(cardText(done.invokeCard), /geannuleerd/);
    assert.equal(await drafts().get(orgId(), FLEUR), undefined);
  });

  it('asks the role of an unknown person, and records "melden namens" by the ambtsdrager\'s role', async () => {
    const card = await toStep('wie', 'onbekend');
    const missing = await send(adapter, invoke('onbekend', 'melding.stap', { ...dataOf(card, 'melding.stap'), namens: 'nee' }));
    assert.match(cardText(missing.invokeCard), /Dit veld is verplicht/);
    const namens = await send(adapter, invoke('onbekend', 'melding.stap', { ...dataOf(card, 'melding.stap'), namens: 'ja', rol: 'wethouder' }));
    assert.match(cardText(namens.invokeCard), /Vul de naam in/);
    await send(adapter, invoke('onbekend', 'melding.stap', { ...dataOf(card, 'melding.stap'), namens: 'ja', rol: 'wethouder', naam: 'A. Wethouder' }));
    const stored = await drafts().get(orgId(), '00000000-0000-0000-0000-000000000099');
    assert.deepEqual(stored?.value.wie, { namens: true, role: 'wethouder', ambtsdragerName: 'A. Wethouder' });
  });

  it('asks about the message for online incidents and keeps attachments sent in the chat', async () => {
    const card = await toStep('wanneer');
    const res = await send(adapter, invoke('raadslid', 'melding.stap', { ...dataOf(card, 'melding.stap'), datum: '2026-11-20', tijd: '09:00', kanaal: 'sociale-media', locatie: 'X' }));
    assert.match(cardText(res.invokeCard), /Stap 3 van 8/);
    const att = message('raadslid', '');
    att.attachments = [{ contentType: 'image/png', name: 'screenshot.png', contentUrl: 'https://files.example/screenshot.png' }];
    const saved = await send(adapter, att);
    assert.match(String(saved.replies[0]?.text), /screenshot\.png/);
    const stored = await drafts().get(orgId(), FLEUR);
    assert.equal(stored?.value.attachments.length, 1);
  });

  it('explains the schema for someone in doubt and starts an "overleg" melding', async () => {
    const doubt = await send(adapter, invoke('raadslid', 'melding.twijfel', {}));
    const text = cardText(doubt.invokeCard);
    assert.match(text, /Twijfelt u/);
    assert.match(text, /gemeentesecretaris \(Karin de Boer\)/);
    assert.match(text, /griffier \(Sanne Jansen\)/);
    await send(adapter, invoke('raadslid', 'melding.overleg', {}));
    const stored = await drafts().get(orgId(), FLEUR);
    assert.equal(stored?.value.overleg, true);
  });

  it('lists the melder\'s own meldingen and nobody else\'s', async () => {
    await completeMelding(adapter, 'raadslid');
    await completeMelding(adapter, 'wethouder');
    const mine = await send(adapter, invoke('raadslid', 'meldingen.mijn', {}));
    const text = cardText(mine.invokeCard);
    assert.match(text, /2026-0001/);
    assert.ok(!text.includes('2026-0002'));
    const none = await send(adapter, invoke('burgemeester', 'meldingen.mijn', {}));
    assert.match(cardText(none.invokeCard), /nog geen meldingen/);
  });

  it('never takes a melding in a group chat or channel', async () => {
    const act = invoke('raadslid', 'melding.start', {});
    act.conversation = { id: 'group-1', conversationType: 'groupChat', isGroup: true, name: '' };
    const res = await send(adapter, act);
    assert.match(cardText(res.invokeCard), /persoonlijke chat/);
  });
});

describe('the Action.Submit fallback (clients without Universal Actions)', function () {
  this.timeout(30_000);
  let stack: TestStack;
  let adapter: ReturnType<typeof testBot>;
  before(async () => {
    stack = await testServices();
    adapter = testBot(createRouter(stack.services, [reportFlow(stack.services)]));
  });
  after(() => stack.stop());

  it('routes a submit on data.verb to the same handler and answers with a new card', async () => {
    const submit = (data: Record<string, unknown>) => {
      const act = message('raadslid', '');
      act.value = data;
      return send(adapter, act);
    };
    const started = await submit({ verb: 'melding.start' });
    const safety = repliedCard(started.replies[0]);
    assert.match(cardText(safety), /Bent u nu veilig\?/);
    const fallback = dataOf(safety, 'melding.veilig');
    const next = await submit({ ...fallback, veilig: 'ja' });
    assert.match(cardText(repliedCard(next.replies[0])), /Over wie gaat de melding\?/);
    const stored = await stack.services.store.drafts(DraftSchema).get(stack.services.orgId, '00000000-0000-0000-0000-000000000021');
    assert.equal(stored?.value.step, 'wie');
  });
});
