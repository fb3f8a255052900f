import assert from 'node:assert/strict';
import { hulplijnenOp } from '../../src/domain/hulplijnen.js';
import { DraftSchema } from '../../src/flows/report/draft.js';
import { reportFlow } from '../../src/flows/report/index.js';
import { createRouter } from '../../src/flows/router.js';
import { cardText, invoke, message, repliedCard, send, testBot, type Who } from '../support/bot.js';
import { completeMelding, dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { servicesPerTest, testServices } from '../support/services.js';

/** Wednesday 25 November 2026, 10:00 in Amsterdam (office hours) and 21:00 (outside them). */
const OFFICE = new Date('2026-11-25T09:00:00Z');
const EVENING = new Date('2026-11-25T20:00:00Z');

/** Every hulplijn the card should list: its number as a tel: link, its note right under it. */
function assertTappable(text: string, hulplijnen: readonly { nummer: string; toelichting?: string | undefined }[]): void {
  for (const h of hulplijnen) {
    const link = `[${h.nummer}](tel:${h.nummer.replace(/\s/g, '')})`;
    assert.ok(text.includes(link), `${h.nummer} is a tel: link`);
    if (h.toelichting) assert.ok(text.includes(`${link}\n${h.toelichting}`), `the note of ${h.nummer} is beside it`);
  }
}

describe('the melding in words a shaken person understands', function () {
  this.timeout(30_000);
  const suite = servicesPerTest();

  const bot = (now?: Date) => testBot(createRouter(suite.stack.services, [reportFlow(suite.stack.services)]), now ? () => now : undefined);

  async function walkTo(adapter: ReturnType<typeof bot>, step: string, who: Who = 'raadslid', answers = STEP_ANSWERS, start = 'melding.start') {
    // a second walk resumes the open draft where the first one left it
    let { invokeCard } = await send(adapter, invoke(who, start, {}));
    if (hasVerb(invokeCard, 'melding.veilig')) ({ invokeCard } = await send(adapter, invoke(who, 'melding.veilig', { ...dataOf(invokeCard, 'melding.veilig'), veilig: 'ja' })));
    for (let i = 0; i < 10; i++) {
      const data = dataOf(invokeCard, 'melding.stap');
      if (data['step'] === step) return invokeCard!;
      ({ invokeCard } = await send(adapter, invoke(who, 'melding.stap', { ...data, ...(answers[String(data['step'])] ?? {}) })));
    }
    throw new Error(`never reached ${step}`);
  }

  it('says on the safety card how long it takes and who reads it, by name', async () => {
    const adapter = bot();
    const own = cardText((await send(adapter, invoke('raadslid', 'melding.start', {}))).invokeCard);
    assert.match(own, /Kort melden duurt ongeveer 3 minuten/);
    assert.match(own, /Uw melding wordt gelezen door: griffier \(Sanne Jansen\) of plaatsvervangend griffier \(Pieter Mulder\) en (de )?.*\(Joost Bakker\)\./);
    const unknown = cardText((await send(adapter, invoke('onbekend', 'melding.start', {}))).invokeCard);
    assert.match(unknown, /Wie uw melding leest, hangt af van uw rol/);
  });

  it('offers "Later verder" on every step, says the draft is saved, and keeps it where it was', async () => {
    const adapter = bot();
    const safety = (await send(adapter, invoke('raadslid', 'melding.start', {}))).invokeCard;
    assert.ok(dataOf(safety, 'melding.later'));
    const wie = await walkTo(adapter, 'wie');
    assert.match(cardText(wie), /Na elke stap met "Volgende" is uw melding bewaard/, 'said on the first step');
    const wat = await walkTo(adapter, 'wat');
    assert.ok(dataOf(wat, 'melding.later'), 'the button on every step');
    assert.doesNotMatch(cardText(wat), /Na elke stap met "Volgende"/, 'said once, not on every step');
    const later = await send(adapter, invoke('raadslid', 'melding.later', dataOf(wat, 'melding.later')));
    assert.match(cardText(later.invokeCard), /Uw melding is bewaard/);
    const stored = await suite.stack.services.store.drafts(DraftSchema).get(suite.stack.services.orgId, '00000000-0000-0000-0000-000000000021');
    assert.equal(stored?.value.step, 'wat');
    const again = await send(adapter, invoke('raadslid', 'melding.doorgaan', {}));
    assert.match(cardText(again.invokeCard), /Wat is er gebeurd\?/);
  });

  it('not safe: calm and safety first, no blame, and every number tappable with its note (office hours and evening)', async () => {
    for (const now of [OFFICE, EVENING]) {
      const adapter = bot(now);
      const start = await send(adapter, invoke('raadslid', 'melding.start', {}));
      const unsafe = await send(adapter, invoke('raadslid', 'melding.veilig', { ...dataOf(start.invokeCard, 'melding.veilig'), veilig: 'nee' }));
      const text = cardText(unsafe.invokeCard);
      assert.match(text, /\[112\]\(tel:112\)/);
      assert.match(text, /• Blijf zo rustig als u kunt en zoek een veilige plek op/, 'the advice begins with calm and safety');
      assert.doesNotMatch(text, /lok niets uit|agressor/);
      const shown = hulplijnenOp(suite.stack.services.profile.hulplijnen, now).filter((h) => h.nummer !== '112');
      assertTappable(text, shown);
      assert.match(text, now === OFFICE ? /Tijdens kantooruren\./ : /24 uur per dag, 7 dagen per week/);
      await send(adapter, invoke('raadslid', 'melding.annuleren.bevestig', dataOf(start.invokeCard, 'melding.annuleren')));
    }
  });

  it('lists every number tappable with its note on the welcome and hulplijnen cards too', async () => {
    const adapter = bot(OFFICE);
    const shown = hulplijnenOp(suite.stack.services.profile.hulplijnen, OFFICE);
    assertTappable(cardText(repliedCard((await send(adapter, message('raadslid', 'hallo'))).replies[0])), shown);
    assertTappable(cardText(repliedCard((await send(adapter, message('raadslid', 'hulplijnen'))).replies[0])), shown);
  });

  it('confirms with who picks it up and the first conversation first, support now, then what the organisation does', async () => {
    const adapter = bot(new Date('2026-11-20T21:00:00Z'));
    const { confirmation } = await completeMelding(adapter, 'raadslid');
    const text = cardText(confirmation);
    assert.match(text, /Uw melding wordt opgepakt door: griffier \(Sanne Jansen\)[^\n]*\nHet eerste gesprek met u over hoe het gaat, is uiterlijk za 21 nov 2026 20:15\./);
    assert.match(text, /U gaf aan dat u nu steun nodig heeft\nU hoeft niet op het gesprek te wachten\. U kunt nu al bellen met:\nSlachtofferhulp: \[0900 0101\]\(tel:09000101\)\n[\s\S]*Wat wij daarna doen\n• /, 'what the organisation does comes after, behind its own button');
    assert.match(text, /• We spreken de pleger aan op het gedrag \(incidentgesprek\), het liefst uiterlijk/);
    assert.doesNotMatch(text, /bij voorkeur uiterlijk\n|Incidentgesprek met de pleger, bij voorkeur uiterlijk/, 'no sentence split over two columns');
    assertTappable(text, suite.stack.services.profile.hulplijnen);
  });

  it('offers no support box without "steun nodig", and says whom to tell when nazorg was declined', async () => {
    const adapter = bot(new Date('2026-11-20T21:00:00Z'));
    const answers = { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], steunNodig: 'nee', nazorgGewenst: 'nee' } };
    const text = cardText((await completeMelding(adapter, 'raadslid', answers)).confirmation);
    assert.doesNotMatch(text, /steun nodig heeft/);
    assert.match(text, /U wilde geen gesprekken over hoe het gaat\. Wilt u toch praten\? Zeg het tegen griffier \(Sanne Jansen\)/);
    assert.doesNotMatch(text, /gesprek over hoe het gaat: uiterlijk/);
  });

  it('asks the classification in plain options about what the other person did', async () => {
    const adapter = bot();
    const card = await walkTo(adapter, 'classificatie');
    const text = cardText(card);
    assert.match(text, /Wat zei of deed de persoon vooral\?/);
    assert.match(text, /Viel mij persoonlijk aan, maar stopte toen ik er iets van zei/);
    assert.doesNotMatch(text, /"Ik"|"Jij"|hoe hard|Stopte de persoon/);
    const categorie = await send(adapter, invoke('raadslid', 'melding.stap', {
      ...dataOf(card, 'melding.stap'), gerichtOp: 'jij-gestopt', bedreiging: 'nee', fysiekGeweld: 'nee', aanhoudend: 'nee',
    }));
    const plicht = cardText(categorie.invokeCard);
    assert.match(plicht, /Melden hoeft niet, maar het mag altijd\. U kunt gewoon verder\./);
    assert.doesNotMatch(plicht, /Melden is niet nodig/);
    const stored = await suite.stack.services.store.drafts(DraftSchema).get(suite.stack.services.orgId, '00000000-0000-0000-0000-000000000021');
    assert.deepEqual(stored?.value.answers, { gerichtOp: 'jij', bedreiging: false, fysiekGeweld: false, gecorrigeerd: true, aanhoudend: false });
  });

  it('melden namens: asks about the ambtsdrager by name and whether they consented', async () => {
    const adapter = bot();
    const answers = { ...STEP_ANSWERS, wie: { namens: 'ja', rol: 'wethouder', naam: 'Ahmed El Amrani' } };
    const who: Who = 'griffier';
    const wat = cardText(await walkTo(adapter, 'wat', who, answers));
    assert.match(wat, /Op Ahmed El Amrani/);
    const klass = cardText(await walkTo(adapter, 'classificatie', who, answers));
    assert.match(klass, /Viel Ahmed El Amrani persoonlijk aan/);
    assert.match(klass, /Bedreigde of intimideerde de persoon Ahmed El Amrani/);
    const impact = cardText(await walkTo(adapter, 'impact', who, answers));
    assert.match(impact, /Is Ahmed El Amrani gewond geraakt/);
    assert.match(impact, /Heeft Ahmed El Amrani toestemming gegeven dat de gemeente aangifte doet/);
    assert.match(impact, /Heeft Ahmed El Amrani toestemming gegeven om andere ambtsdragers/);
    assert.match(impact, /Kies bij de vragen over toestemming alleen "Ja" als Ahmed El Amrani dat zelf heeft gezegd/);
    assert.doesNotMatch(impact, /namens u|Bent u|Heeft u|Wilt u/);
  });

  it('melden namens under Utrecht: consent by name in the summary, and support now from the profile\'s own line', async () => {
    const utrecht = await testServices({ az: suite.az, profileId: 'utrecht' });
    try {
      const adapter = testBot(createRouter(utrecht.services, [reportFlow(utrecht.services)]), () => new Date('2026-11-20T21:00:00Z'));
      const answers = { ...STEP_ANSWERS, wie: { namens: 'ja', rol: 'gedeputeerde', naam: 'Els Gedeputeerde' } };
      const { summary, confirmation } = await completeMelding(adapter, 'griffier', answers);
      assert.match(cardText(summary), /Commissaris van de Koning: niets, want Els Gedeputeerde gaf geen toestemming om andere ambtsdragers in te lichten\./);
      const text = cardText(confirmation);
      assert.match(text, /Het eerste gesprek met Els Gedeputeerde over hoe het gaat, is uiterlijk/);
      assert.match(text, /U gaf aan dat Els Gedeputeerde nu steun nodig heeft\nEls Gedeputeerde hoeft niet op het gesprek te wachten en kan nu al bellen met:\nVertrouwenslijn: \[088 5543 288\]\(tel:0885543288\)\nSteun na een incident/);
    } finally {
      await utrecht.stop();
    }
  });

  it('counts the steps without a jump when it happened online, and has no jargon or format hints the pickers do not show', async () => {
    const adapter = bot();
    const wanneer = await walkTo(adapter, 'wanneer');
    const wText = cardText(wanneer);
    assert.match(wText, /Persoonlijk, oog in oog/);
    assert.doesNotMatch(wText, /face to face/);
    const bad = await send(adapter, invoke('raadslid', 'melding.stap', { ...dataOf(wanneer, 'melding.stap'), datum: '2026-02-31', tijd: '10:00', kanaal: 'sociale-media', locatie: 'X' }));
    assert.match(cardText(bad.invokeCard), /Kies een geldige datum in de kalender\./);
    assert.doesNotMatch(cardText(bad.invokeCard), /jjjj|uu:mm/);
    const online = { ...STEP_ANSWERS, wanneer: { ...STEP_ANSWERS['wanneer'], kanaal: 'sociale-media' } };
    await send(adapter, invoke('raadslid', 'melding.annuleren.bevestig', dataOf(wanneer, 'melding.annuleren')));
    assert.match(cardText(await walkTo(adapter, 'wat', 'raadslid', online)), /Stap 3 van 8/);
    assert.match(cardText(await walkTo(adapter, 'online', 'raadslid', online)), /Stap 6 van 8 \(vervolg\)/);
    assert.match(cardText(await walkTo(adapter, 'impact', 'raadslid', online)), /Stap 7 van 8/);
    const doubt = cardText((await send(adapter, invoke('raadslid', 'melding.twijfel', {}))).invokeCard);
    assert.doesNotMatch(doubt, /normoverschrijdend|facultatief|hoe hard/);
  });

  it('says kindly that a card belongs to another melding', async () => {
    const adapter = bot();
    const card = await walkTo(adapter, 'wat');
    const other = await send(adapter, invoke('raadslid', 'melding.stap', { ...dataOf(card, 'melding.stap'), draftId: '11111111-1111-4111-8111-111111111111' }));
    const text = cardText(other.invokeCard);
    assert.match(text, /Deze kaart hoort bij een andere melding dan die nu voor u openstaat\. Er is niets gewijzigd\./);
    assert.doesNotMatch(text, /niet van u/);
  });
});
