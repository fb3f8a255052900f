import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import sinon from 'sinon';
import { DownloadTooLargeError } from '../../src/store/downloads.js';
import { anIncident } from '../domain/fixtures.js';
import { cardText, message, repliedCard, send, type Who } from '../support/bot.js';
import { channelInvoke, channelMessage, CHANNELS, handlingSuite, meldingPosted, type HandlingStack } from './handling-harness.js';
import { ANSWERS, day, fetched, NEVER_WORDS, openUrl, PRIVATE } from './pleger-support.js';

const FEITEN = 'Op 20 november 2026 hebt u een raadslid na de vergadering bedreigd.';
const GRONDEN = 'Bedreiging accepteren wij niet.';

describe('pleger-inzage: what the organisation holds about a pleger, for the coordinator', function () {
  this.timeout(60_000);
  const suite = handlingSuite();
  let s: HandlingStack;
  let first: { id: string; number: string };
  let second: { id: string; number: string };
  let other: { id: string; number: string };

  const ask = async (who: Who, text: string, channel?: string) => {
    const r = await send(s.adapter, channel ? channelMessage(who, channel, text) : message(who, text));
    const card = repliedCard(r.replies[0]);
    return { card, text: cardText(card) };
  };

  beforeEach(async () => {
    s = await suite.stack();
    first = await meldingPosted(s, ANSWERS);
    await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', {
      incidentId: first.id, maatregelen: 'toegangsontzegging', einddatum: day(90), toelichting: PRIVATE.toelichting,
    }));
    await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'pleger.brief', {
      incidentId: first.id, plegerFeiten: FEITEN, plegerGronden: GRONDEN, plegerIngang: day(7),
    }));
    const org = s.services.orgId;
    const stored = (changes: Parameters<typeof anIncident>[1]) => s.services.store.incidents.create(anIncident('gemeld', { id: randomUUID(), organisationId: org, ...changes }));
    second = (await stored({ number: '2026-0901', pleger: { bekend: true, naam: 'Piet Pleger', omschrijving: 'Lange man met pet', eerderContact: true } })).value;
    other = (await stored({ number: '2026-0902', pleger: { bekend: true, naam: 'Klaas Anders', eerderContact: false } })).value;
  });

  it('gives the coordinator a page and a JSON file with the pleger\'s meldingen, measures and letter, and nothing of the melder', async () => {
    const { card, text } = await ask('coordinator', 'pleger-inzage Piet Pleger');
    assert.match(text, /Inzage voor "Piet Pleger": 2 melding\(en\)\. De gegevens van de melder en van andere ambtsdragers zijn weggelaten/);
    const htmlUrl = openUrl(card, 'Overzicht downloaden (.html)');
    const jsonUrl = openUrl(card, 'Gegevens downloaden (.json)');
    assert.ok(htmlUrl && jsonUrl);
    const html = (await fetched(s.services, htmlUrl)).toString('utf8');
    const json = (await fetched(s.services, jsonUrl)).toString('utf8');
    // what it must contain
    assert.match(html, /Dit overzicht bevat de gegevens die Gemeente Lokaal in Weerbaar heeft vastgelegd over Piet Pleger/);
    for (const number of [first.number, second.number]) assert.ok(html.includes(`Melding ${number}`), number);
    assert.ok(html.includes('(Tijdelijk) ontzeggen van de toegang tot de gemeentelijke gebouwen'), 'the measure');
    assert.ok(html.includes(FEITEN) && html.includes(GRONDEN), 'what the letter told the pleger');
    assert.ok(html.includes('Lange man met pet'), 'what was recorded about the pleger');
    assert.match(html, /Autoriteit Persoonsgegevens/, 'the pleger\'s rights');
    const parsed = JSON.parse(json) as { naam: string; meldingen: { nummer: string; maatregelen: string[] }[] };
    assert.equal(parsed.naam, 'Piet Pleger');
    assert.deepEqual(parsed.meldingen.map((m) => m.nummer).sort(), [first.number, second.number].sort());
    // what it must never contain
    for (const file of [html, json]) {
      for (const secret of [PRIVATE.naam, PRIVATE.werkEmail, PRIVATE.email, PRIVATE.telefoon, PRIVATE.entraId, PRIVATE.locatie, PRIVATE.beschrijving, PRIVATE.toelichting, 'Sanne Jansen', 'Klaas Anders', other.number]) {
        assert.ok(!file.includes(secret), `the inzage must not contain "${secret}"`);
      }
      for (const word of NEVER_WORDS) assert.doesNotMatch(file, word);
      assert.doesNotMatch(file, /melder"|aadObjectId|handlerIds|routing/, 'no field of the melder or the handling');
    }
  });

  it('says in Dutch when the files are too large to offer, and records no inzage', async () => {
    const offer = sinon.stub(s.services.downloads, 'offer').rejects(new DownloadTooLargeError(3_000_000));
    try {
      const { text } = await ask('coordinator', 'pleger-inzage Piet Pleger');
      assert.match(text, /Het bestand wordt te groot om als download aan te bieden \(meer dan 2 MB\)/);
    } finally {
      offer.restore();
    }
    const audit = await s.services.store.audit.list(s.services.orgId, first.id);
    assert.ok(!audit.some((a) => a.verb === 'pleger.inzage'));
  });

  it('finds the pleger however the name is typed, and records the inzage in each melding\'s audit trail', async () => {
    const { text } = await ask('coordinator', 'pleger-inzage   PIET   pleger ');
    assert.match(text, /2 melding\(en\)/);
    const verbs = async (id: string) => (await s.services.store.audit.list(s.services.orgId, id)).filter((a) => a.verb === 'pleger.inzage').map((a) => a.actorId);
    assert.deepEqual(await verbs(first.id), ['00000000-0000-0000-0000-000000000026']);
    assert.deepEqual(await verbs(second.id), ['00000000-0000-0000-0000-000000000026']);
    assert.deepEqual(await verbs(other.id), [], 'another pleger\'s melding is not touched');
  });

  it('works in the coordinator\'s channel, and refuses everyone else and every other place in Dutch', async () => {
    assert.match((await ask('coordinator', 'pleger-inzage Piet Pleger', CHANNELS.coordinator)).text, /2 melding\(en\)/);
    for (const who of ['griffier', 'raadslid', 'burgemeester'] as const) {
      const { card, text } = await ask(who, 'pleger-inzage Piet Pleger');
      assert.match(text, /Alleen de aangewezen ambtenaar Veiligheid kan een inzageverzoek van een pleger afhandelen\./, who);
      assert.equal(openUrl(card, 'Overzicht downloaden (.html)'), undefined, who);
    }
    const griffie = await ask('coordinator', 'pleger-inzage Piet Pleger', CHANNELS.griffie);
    assert.match(griffie.text, /Een inzageverzoek handelt u af in uw eigen chat met Weerbaar of in het kanaal van de aangewezen ambtenaar Veiligheid\./);
    assert.equal(openUrl(griffie.card, 'Overzicht downloaden (.html)'), undefined);
    const audit = await s.services.store.audit.list(s.services.orgId, first.id);
    assert.equal(audit.filter((a) => a.verb === 'pleger.inzage').length, 1, 'only the coordinator\'s own request');
  });

  it('says in Dutch when the name is missing, too long or unknown', async () => {
    assert.match((await ask('coordinator', 'pleger-inzage')).text, /Geef de naam van de pleger mee, bijvoorbeeld: pleger-inzage Jan Jansen/);
    assert.match((await ask('coordinator', `pleger-inzage ${'x'.repeat(201)}`)).text, /Die naam is te lang \(hoogstens 200 tekens\)\./);
    const unknown = await ask('coordinator', 'pleger-inzage Jan Onbekend');
    assert.match(unknown.text, /Er is geen melding geregistreerd over "Jan Onbekend"/);
    assert.equal(openUrl(unknown.card, 'Overzicht downloaden (.html)'), undefined);
  });
});
