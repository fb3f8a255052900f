import assert from 'node:assert/strict';
import { cardText, invoke, send } from '../support/bot.js';
import { channelInvoke, CHANNELS, handlingSuite, meldingPosted, type HandlingStack } from './handling-harness.js';
import { ANSWERS, day, docxText, fetched, NEVER_WORDS, openUrl, PRIVATE } from './pleger-support.js';

const FEITEN = 'Op 20 november 2026 hebt u na de raadsvergadering een raadslid uitgescholden en gedreigd haar iets aan te doen.';
const GRONDEN = 'Bedreiging van een politieke ambtsdrager accepteren wij niet. Omdat u dreigde met geweld, ontzeggen wij u drie maanden de toegang.';
const ZIENSWIJZE = 'U zei in het gesprek dat u boos was over het besluit over uw vergunning. Dat verandert ons besluit niet.';

describe('the letter to the pleger (fair play: the decision, its grounds and bezwaar)', function () {
  this.timeout(60_000);
  const suite = handlingSuite();

  async function decided(s: HandlingStack, maatregelen = 'toegangsontzegging,waarschuwing-schriftelijk') {
    const melding = await meldingPosted(s, ANSWERS);
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', {
      incidentId: melding.id, maatregelen, einddatum: day(90), toelichting: PRIVATE.toelichting,
    }));
    assert.match(cardText(r.invokeCard), /De maatregelen zijn vastgesteld/);
    return { melding, card: r.invokeCard };
  }

  const form = (incidentId: string, changes: Record<string, string> = {}) => ({
    incidentId, plegerFeiten: FEITEN, plegerGronden: GRONDEN, plegerIngang: day(7), plegerZienswijze: ZIENSWIJZE, ...changes,
  });

  it('puts the hearing task and the letter form on the handler\'s card once a restrictive measure is decided', async () => {
    const s = await suite.stack();
    const melding = await meldingPosted(s, ANSWERS);
    const before = cardText((await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: melding.id }))).invokeCard);
    assert.doesNotMatch(before, /Brief aan de pleger maken/, 'no decision yet: nothing to write');
    assert.doesNotMatch(before, /hoor en wederhoor/);
    const { card } = await decided(s);
    const after = cardText(card);
    assert.match(after, /De pleger horen \(hoor en wederhoor\) voordat de beperkende maatregel ingaat/);
    assert.match(after, /Let op: de pleger is nog niet gehoord/);
    assert.match(after, /Brief aan de pleger maken/);
    assert.match(after, /Weerbaar mailt geen burgers/);
  });

  it('makes a Word letter with the measure, its period, the grounds, the hearing and the bezwaar clause, and nothing of the melder', async () => {
    const s = await suite.stack();
    const { melding } = await decided(s);
    await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.taakGedaan', { incidentId: melding.id, taak: 'hoor-en-wederhoor' }));
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'pleger.brief', form(melding.id)));
    assert.match(cardText(r.invokeCard), /De brief staat klaar\. De link werkt 15 minuten/);
    const url = openUrl(r.invokeCard, 'Brief downloaden (.docx)');
    assert.ok(url, 'a download link on the card');
    assert.match(url, new RegExp(`/download/${s.services.orgId}/.+/brief-pleger-${melding.number}\\.docx$`));

    const { text, all } = await docxText(await fetched(s.services, url));
    // what it must say
    assert.match(text, /^Gemeente Lokaal$/m, 'the organisation');
    assert.match(text, /Aan: Piet Pleger/);
    assert.match(text, new RegExp(`Ons kenmerk: ${melding.number}`));
    assert.match(text, /\(Tijdelijk\) ontzeggen van de toegang tot de gemeentelijke gebouwen/, 'the measure');
    assert.doesNotMatch(text, /Schriftelijke waarschuwing/i, 'the letter is about the restrictive measure');
    assert.match(text, /De maatregel geldt van \d{1,2} [a-z]+ \d{4} tot en met \d{1,2} [a-z]+ \d{4}\./, 'its duration');
    assert.match(text, /Dit is een besluit van de burgemeester\./);
    assert.ok(text.includes(FEITEN), 'the facts as the handler wrote them for the pleger');
    assert.ok(text.includes(GRONDEN), 'the grounds');
    assert.match(text, /Wij hebben u op \d{1,2} [a-z]+ \d{4} de gelegenheid gegeven uw kant van het verhaal te vertellen\./);
    assert.ok(text.includes(ZIENSWIJZE), 'the pleger\'s side, and what was done with it');
    assert.match(text, /binnen zes weken na de dag waarop deze brief is verstuurd bezwaar maken\. Stuur uw bezwaarschrift aan de burgemeester van Nijmegen\./);
    assert.match(text, /De burgemeester van Gemeente Lokaal/, 'signed by the burgemeester: his besluit');
    assert.match(text, /tegenover een raadslid van Gemeente Lokaal/, 'the ambtsdrager by role only');
    // what it must never say, in any part of the file
    for (const secret of [PRIVATE.naam, PRIVATE.werkEmail, PRIVATE.email, PRIVATE.telefoon, PRIVATE.entraId, PRIVATE.locatie, PRIVATE.beschrijving, PRIVATE.toelichting, 'Sanne Jansen']) {
      assert.ok(!all.includes(secret), `the letter must not contain "${secret}"`);
    }
    for (const word of NEVER_WORDS) assert.doesNotMatch(text, word);
    assert.doesNotMatch(all, /06-?\d{8}|[\w.]+@[\w.]+\.\w+/, 'no phone number or e-mail address at all');
  });

  it('keeps what the handler wrote, gives the hearing its deadline, and audits the letter without its content', async () => {
    const s = await suite.stack();
    const { melding } = await decided(s);
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'pleger.brief', form(melding.id)));
    assert.ok(openUrl(r.invokeCard, 'Brief downloaden (.docx)'));
    const stored = await s.services.store.incidents.get(s.services.orgId, melding.id);
    assert.equal(stored?.value.plegerBrief?.feiten, FEITEN);
    assert.equal(stored?.value.plegerBrief?.by.aadObjectId, '00000000-0000-0000-0000-000000000022');
    assert.match(cardText(r.invokeCard), /Laatst gemaakt door Sanne Jansen/);
    assert.match(cardText(r.invokeCard), /De pleger horen[\s\S]*?uiterlijk /, 'the hearing is due when the measure takes effect');
    const audit = await s.services.store.audit.list(s.services.orgId, melding.id);
    const entries = audit.filter((a) => a.verb === 'pleger.brief');
    assert.deepEqual(entries.map((a) => a.outcome), ['ok']);
    assert.ok(!JSON.stringify(audit).includes('uitgescholden'), 'no content in the audit trail');
    assert.match(cardText(r.invokeCard), /brief aan de pleger gemaakt/, 'the history says so in Dutch');
  });

  it('refuses anyone but the melding\'s handlers on the server, in Dutch, and gives them no file', async () => {
    const s = await suite.stack();
    const { melding } = await decided(s);
    for (const who of ['raadslid', 'coordinator', 'burgemeester'] as const) {
      const r = await send(s.adapter, invoke(who, 'pleger.brief', form(melding.id)));
      const text = cardText(r.invokeCard);
      assert.match(text, /Alleen de behandelaar van deze melding kan dit doen|U kunt deze melding niet bekijken/, who);
      assert.equal(openUrl(r.invokeCard, 'Brief downloaden (.docx)'), undefined, who);
    }
    const stored = await s.services.store.incidents.get(s.services.orgId, melding.id);
    assert.equal(stored?.value.plegerBrief, undefined);
    const refused = (await s.services.store.audit.list(s.services.orgId, melding.id)).filter((a) => a.verb === 'pleger.brief');
    assert.deepEqual(refused.map((a) => a.outcome), ['geweigerd', 'geweigerd', 'geweigerd']);
  });

  it('says in Dutch what is missing or wrong, and keeps what was typed', async () => {
    const s = await suite.stack();
    const { melding } = await decided(s);
    const empty = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'pleger.brief', form(melding.id, { plegerFeiten: '  ', plegerGronden: '', plegerIngang: '' })));
    const text = cardText(empty.invokeCard);
    assert.match(text, /Vul in wat er gebeurde, zoals de pleger het mag lezen\./);
    assert.match(text, /Vul de gronden van het besluit in\./);
    assert.match(text, /Kies de ingangsdatum van de maatregel\./);
    assert.equal(openUrl(empty.invokeCard, 'Brief downloaden (.docx)'), undefined);
    const late = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'pleger.brief', form(melding.id, { plegerIngang: day(200) })));
    assert.match(cardText(late.invokeCard), /De ingangsdatum ligt na de einddatum van de maatregel/);
    assert.ok(cardText(late.invokeCard).includes(GRONDEN), 'the grounds typed are still in the form');
    const early = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'pleger.brief', form(melding.id, { plegerIngang: day(-3) })));
    assert.match(cardText(early.invokeCard), /De ingangsdatum ligt vóór het besluit/);
    const bad = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'pleger.brief', { incidentId: melding.id, plegerFeiten: 42 }));
    assert.match(cardText(bad.invokeCard), /De gegevens van deze kaart zijn niet geldig\. Er is niets gewijzigd\./);
    assert.equal(openUrl(bad.invokeCard, 'Brief downloaden (.docx)'), undefined);
  });

  it('has no letter for a melding without a restrictive measure', async () => {
    const s = await suite.stack();
    const { melding, card } = await decided(s, 'waarschuwing-schriftelijk');
    assert.doesNotMatch(cardText(card), /Brief aan de pleger maken|hoor en wederhoor/);
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'pleger.brief', form(melding.id)));
    assert.match(cardText(r.invokeCard), /Er is \(nog\) geen beperkende maatregel vastgesteld/);
  });
});
