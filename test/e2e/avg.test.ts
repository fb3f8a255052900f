import assert from 'node:assert/strict';
import { reportRow } from '../../src/domain/report/yearly.js';
import { plegerKeyOf } from '../../src/store/pleger-key.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE } from '../support/bot.js';
import { FakeConnector } from '../support/fake-connector.js';
import { coordinatorCardOf, decideAndClose, fileMelding, linkChannels, personalMessage, startHttpBot, type HttpBot } from '../support/http-avg.js';
import { dataOf } from '../support/melding.js';
import { until } from '../support/until.js';
import { cardOf, channelInvoke, channelMessage, CHANNELS } from '../flows/handling-harness.js';

/** The URLs of a card's Action.OpenUrl buttons, by title. */
function openUrls(card: Record<string, unknown> | undefined): Map<string, string> {
  const urls = new Map<string, string>();
  for (const a of (card?.['actions'] ?? []) as { type?: string; title?: string; url?: string }[]) {
    if (a.type === 'Action.OpenUrl' && a.title && a.url) urls.set(a.title, a.url);
  }
  return urls;
}

describe('the AVG over HTTP: inzage and early erasure (real CloudAdapter, Azurite, fake Teams connector)', function () {
  this.timeout(90_000);
  let az: AzuriteHandle;
  let fake: FakeConnector;
  let http: HttpBot;
  const fleur = { beschrijving: 'FLEUR-OMSCHRIJVING: uitgescholden bij de ingang.', notitie: 'NOTITIE-VAN-DE-GRIFFIER over de pleger' };
  const lotte = { beschrijving: 'LOTTE-OMSCHRIJVING: bedreigd via de telefoon.' };
  let a: { incidentId: string; number: string };
  let b: { incidentId: string; number: string };

  before(async () => {
    az = await startAzurite();
    fake = await new FakeConnector().start();
    http = await startHttpBot(az, fake);
    await linkChannels(http, fake);
    a = await fileMelding(http, fake, 'raadslid', fleur.beschrijving);
    b = await fileMelding(http, fake, 'fractiemedewerker', lotte.beschrijving);
    await decideAndClose(http, a.incidentId, fleur.notitie);
  });
  after(async () => {
    await http.stop();
    await fake.stop();
    await az.stop();
  });

  /** `mijn gegevens` in the person's 1:1 chat: the card it answers with, and both files behind its links. */
  async function inzage(who: 'raadslid' | 'fractiemedewerker'): Promise<{ card: Record<string, unknown>; json: string; html: string }> {
    const before = fake.posts(`personal-${PEOPLE[who].id}`).length;
    await http.post(personalMessage(who, 'mijn gegevens'));
    await fake.waitFor(() => fake.posts(`personal-${PEOPLE[who].id}`).length > before);
    const card = cardOf(fake.posts(`personal-${PEOPLE[who].id}`).at(-1)!.body)!;
    const urls = openUrls(card);
    assert.equal(urls.size, 2, cardText(card));
    const open = async (title: string, type: RegExp): Promise<string> => {
      const url = urls.get(title);
      assert.ok(url, title);
      // the link names the public URL; its path is served by this bot
      const res = await fetch(`${http.base}${new URL(url).pathname}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', type);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="weerbaar-mijn-gegevens-\d{4}-\d{2}-\d{2}\.(json|html)"$/);
      return res.text();
    };
    return { card, json: await open('Download als bestand (JSON)', /application\/json/), html: await open('Download als leesbaar document (HTML)', /text\/html/) };
  }

  it('gives the melder their own meldingen as JSON and a Dutch document, without other melders\' data or the handler\'s notes', async () => {
    const { card, json, html } = await inzage('raadslid');
    assert.match(cardText(card), /Uw gegevens in Weerbaar/);
    assert.match(cardText(card), /Meldingen: 1\./);
    assert.match(cardText(card), /15 minuten/);
    const data = JSON.parse(json) as { meldingen: { nummer: string; omschrijving: string; maatregelen: unknown; logboek: { wie: string; wat: string }[] }[] };
    assert.deepEqual(data.meldingen.map((m) => m.nummer), [a.number]);
    const [mine] = data.meldingen;
    assert.equal(mine?.omschrijving, fleur.beschrijving);
    assert.ok(mine?.maatregelen, 'the decision itself is there');
    // the history tells who by their part, never by account or name
    assert.ok(mine?.logboek.some((l) => l.wie === 'u' && l.wat === 'gemeld'), JSON.stringify(mine?.logboek));
    assert.ok(mine?.logboek.some((l) => l.wie === 'de behandelaar'));
    for (const text of [json, html]) {
      assert.ok(!text.includes(lotte.beschrijving), 'another melder\'s melding');
      assert.ok(!text.includes(b.number), 'another melder\'s number');
      assert.ok(!text.includes(fleur.notitie), 'the handler\'s note');
      for (const who of ['griffier', 'coordinator', 'fractiemedewerker'] as const) {
        assert.ok(!text.includes(PEOPLE[who].aadObjectId), `the account of the ${who}`);
        assert.ok(!text.includes(PEOPLE[who].name), `the name of the ${who}`);
      }
    }
    assert.match(html, /<html lang="nl">/);
    assert.ok(html.includes(`Melding ${a.number}`));
    assert.ok(html.includes('FLEUR-OMSCHRIJVING'));
    assert.match(html, /Niet opgenomen: de toelichtingen en notities van behandelaars/);

    const other = JSON.parse((await inzage('fractiemedewerker')).json) as { meldingen: { nummer: string }[] };
    assert.deepEqual(other.meldingen.map((m) => m.nummer), [b.number]);
  });

  it('answers mijn gegevens only in the 1:1 chat', async () => {
    await http.post(channelMessage('raadslid', CHANNELS.griffie, 'mijn gegevens'));
    const inGriffie = () => fake.posts().filter((c) => c.conversationId.startsWith(CHANNELS.griffie));
    await fake.waitFor(() => inGriffie().some((c) => /alleen in uw persoonlijke chat/.test(cardText(cardOf(c.body)))));
    assert.equal(inGriffie().filter((c) => /Download/.test(cardText(cardOf(c.body)))).length, 0);
  });

  it('lets the coordinator erase a closed melding early after a confirmation; others are refused; the report\'s counts stay', async () => {
    const { bot } = http;
    const stored = await bot.services.store.incidents.get(bot.services.orgId, a.incidentId);
    assert.ok(stored);
    const counted = reportRow(stored.value, undefined);
    await until('the nazorg is booked', async () => (await bot.agenda.bookingsFor(a.incidentId))?.items.some((i) => i.status === 'geboekt') ?? false, 30_000);
    const booked = (await bot.agenda.bookingsFor(a.incidentId))!.items.filter((i) => i.status === 'geboekt');
    const busyAt = async (i: (typeof booked)[number]): Promise<number> =>
      (await bot.agenda.calendar.getBusy([i.organiser], { start: new Date(i.start), end: new Date(i.end) })).get(i.organiser)?.length ?? 0;
    for (const i of booked) assert.equal(await busyAt(i), 1, `${i.kind} is in the organiser's calendar`);

    const offered = cardOf(coordinatorCardOf(fake, a.number).body);
    const ask = await http.post(channelInvoke('coordinator', CHANNELS.coordinator, 'avg.wissen.vragen', { incidentId: a.incidentId }));
    assert.match(cardText(ask), new RegExp(`Persoonsgegevens van melding ${a.number} wissen\\?`));
    assert.match(cardText(ask), /wat er gebeurde en waar/);
    assert.match(cardText(ask), /Blijft: het nummer/);
    assert.ok(!cardText(ask).includes('FLEUR-OMSCHRIJVING'), 'the confirmation holds no content');
    assert.ok(offered, 'the melding card was posted to the coordinator');

    // a forged click by the griffier (a reader of the coordinator's card elsewhere) or the melder: refused, nothing erased
    for (const who of ['griffier', 'raadslid'] as const) {
      const refused = await http.post(channelInvoke(who, CHANNELS.griffie, 'avg.wissen.bevestigen', { incidentId: a.incidentId }));
      assert.match(cardText(refused), /Alleen de aangewezen ambtenaar Veiligheid kan/);
    }
    assert.equal((await bot.services.store.incidents.get(bot.services.orgId, a.incidentId))?.value.gewist, undefined);
    // an open melding cannot be erased yet
    assert.match(cardText(await http.post(channelInvoke('coordinator', CHANNELS.coordinator, 'avg.wissen.bevestigen', { incidentId: b.incidentId }))), /nog niet afgesloten/);

    const done = await http.post(channelInvoke('coordinator', CHANNELS.coordinator, 'avg.wissen.bevestigen', dataOf(ask, 'avg.wissen.bevestigen')));
    assert.match(cardText(done), /worden gewist/);
    const card = coordinatorCardOf(fake, a.number);
    await fake.waitFor(() => fake.updates(card.activityId).some((u) => /zijn gewist op/.test(cardText(cardOf(u.body)))), 20_000);
    const shown = cardText(cardOf(fake.updates(card.activityId).at(-1)!.body));
    assert.match(shown, /Op verzoek, door de aangewezen ambtenaar Veiligheid/);
    assert.ok(!shown.includes('FLEUR-OMSCHRIJVING') && !shown.includes('Raadzaal'));

    const erased = (await bot.services.store.incidents.get(bot.services.orgId, a.incidentId))!.value;
    assert.equal(erased.gewist?.reden, 'verzoek');
    const text = JSON.stringify(erased);
    for (const gone of [fleur.beschrijving, fleur.notitie, 'Raadzaal', 'grijze jas', '@iemand', PEOPLE.raadslid.aadObjectId, PEOPLE.raadslid.name, PEOPLE.griffier.aadObjectId]) {
      assert.ok(!text.includes(gone), gone);
    }
    assert.deepEqual(reportRow(erased, plegerKeyOf(erased.pleger)), counted);
    const history = await bot.services.store.audit.list(bot.services.orgId, a.incidentId);
    await until('one erasure entry', async () => (await bot.services.store.audit.list(bot.services.orgId, a.incidentId)).some((e) => e.verb === 'avg.wissen'));
    const entries = (await bot.services.store.audit.list(bot.services.orgId, a.incidentId)).filter((e) => e.verb === 'avg.wissen');
    assert.equal(entries.length, 1);
    assert.deepEqual(Object.keys(entries[0]!).sort(), ['actorId', 'at', 'incidentId', 'orgId', 'outcome', 'subject', 'verb']);
    assert.ok(history.some((e) => e.verb === 'avg.wissen.verzoek' && e.actorId === PEOPLE.coordinator.aadObjectId), 'who asked stays');
    assert.ok(!history.some((e) => e.actorId === PEOPLE.raadslid.aadObjectId), 'the melder\'s account left the history');

    // the melder's inzage no longer has it; a second confirmation changes nothing
    const after = JSON.parse((await inzage('raadslid')).json) as { meldingen: unknown[] };
    assert.equal(after.meldingen.length, 0);
    assert.match(cardText(await http.post(channelInvoke('coordinator', CHANNELS.coordinator, 'avg.wissen.bevestigen', { incidentId: a.incidentId }))), /zijn gewist op/);
    // a stale card's evaluation would bring free text back: an erased melding takes no decisions
    const late = await http.post(channelInvoke('coordinator', CHANNELS.coordinator, 'afhandeling.evalueren', {
      incidentId: a.incidentId, ernst: 'ernstig', herhalingsrisico: 'hoog', trend: 'ja', oorzaak: 'LATE-OORZAAK', verbeteringen: 'x',
    }));
    assert.match(cardText(late), /zijn gewist op/);
    assert.ok(!JSON.stringify((await bot.services.store.incidents.get(bot.services.orgId, a.incidentId))?.value).includes('LATE-OORZAAK'));
    assert.equal(await bot.agenda.bookingsFor(a.incidentId), undefined, 'the bookings are forgotten');
    for (const i of booked) assert.equal(await busyAt(i), 0, `${i.kind} is cancelled in the organiser's calendar`);
    assert.deepEqual(erased.gewist?.afspraken.map((x) => x.kind).sort(), booked.map((i) => i.kind).sort());
  });
});
