import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { events, parseIcs, value } from '../calendar/ics-parser.js';
import { reportMelding } from './support/melding.js';
import {
  cardWith,
  chooseOption,
  clickAction,
  fillInput,
  lastCard,
  mentionBot,
  openChannel,
  screenshot,
  screenshotPart,
  startStack,
  thread,
  type Stack,
} from './support/stack.js';

/**
 * The whole story of issue 4 in the Agents Playground, three people in three windows, as in
 * `npm start`: the griffier and the coordinator link their channels, the raadslid reports, the card
 * appears in Griffie and in General, the griffier decides, the coordinator's card and the melder
 * hear of it. Screenshots: afhandeling-*.png (`npm run screenshots` puts them in docs/screenshots/ for the README).
 */

const POST_TIMEOUT_MS = 20_000;

/** The melding card in the open channel: the root of the thread that names the number. */
async function meldingThread(page: Page, number: string): Promise<Locator> {
  const t = thread(page, `Melding ${number}`);
  await lastCard(t).waitFor({ timeout: POST_TIMEOUT_MS });
  return t;
}

const hasButton = async (card: Locator, title: string): Promise<boolean> =>
  (await card.getByRole('button', { name: title, exact: true }).count()) > 0;

/** Polls until the text of `of` matches `pattern` (the worker posts and updates in the background). */
async function eventually(of: Locator, pattern: RegExp, timeoutMs = POST_TIMEOUT_MS): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = (await of.count()) > 0 ? await of.innerText() : '';
    if (pattern.test(text)) return text;
    if (Date.now() > until) throw new Error(`${pattern} verscheen niet binnen ${timeoutMs / 1000} s; op het scherm: ${text.slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('browser: de afhandeling, van melding tot besluit (Agents Playground, drie personen)', function () {
  this.timeout(120_000);
  let stack: Stack | undefined;
  /** the melding of the first test; the second goes on with it */
  let number = '';
  before(async function () {
    this.timeout(240_000);
    // tall windows: a card taller than the window is cut off in an element screenshot
    const tall = { width: 1280, height: 2400 };
    stack = await startStack({
      people: ['raadslid', 'griffier', 'coordinator'],
      viewport: { griffier: tall, coordinator: tall },
      // the links in messages as `npm start` shows them (the stack's bot listens on a free port)
      env: { WEERBAAR_PUBLIC_URL: 'http://localhost:3978' },
    });
  });
  after(async () => {
    await stack?.stop();
  });

  it('links the channels, posts the melding to Griffie and General, and updates every card after the decision', async () => {
    const fleur = stack!.page('raadslid');
    const sanne = stack!.page('griffier');
    const joost = stack!.page('coordinator');

    await openChannel(sanne, 'Griffie');
    await mentionBot(sanne, 'koppel griffier');
    assert.match(await lastCard(thread(sanne, 'koppel griffier')).innerText(), /Dit kanaal is gekoppeld aan de rol griffier/);
    await screenshot(sanne, 'afhandeling-1-koppelen', thread(sanne, 'koppel griffier'));

    await openChannel(joost, 'General');
    await mentionBot(joost, 'koppel coordinator');
    assert.match(await lastCard(thread(joost, 'koppel coordinator')).innerText(), /Dit kanaal is gekoppeld aan de rol aangewezen ambtenaar Veiligheid/);
    await mentionBot(joost, 'kanalen');
    // newest thread on top: lastCard(page) would be the oldest thread's card
    const links = await lastCard(thread(joost, 'Gekoppelde kanalen')).innerText();
    assert.match(links, /griffier: kanaal gekoppeld op/);
    assert.match(links, /aangewezen ambtenaar Veiligheid: kanaal gekoppeld op/);

    number = await reportMelding(fleur);

    const griffie = await meldingThread(sanne, number);
    const griffieCard = await eventually(lastCard(griffie), /Status: gemeld/i);
    assert.match(griffieCard, /Bedreiging of intimidatie/);
    await screenshot(sanne, 'afhandeling-2-griffie', lastCard(griffie));

    const general = await meldingThread(joost, number);
    await eventually(lastCard(general), /Status: gemeld/i);
    assert.equal(await hasButton(lastCard(general), 'Maatregelen vaststellen'), false, 'the coordinator sees the status, not the form');
    assert.equal(await hasButton(lastCard(general), 'Oppakken'), false, 'nor a button that would refuse her');
    await screenshot(joost, 'afhandeling-3-coordinator', lastCard(general));

    // Oppakken gives the griffier the decision form on the card. The Playground has no user-specific
    // views (no `refresh`), so the form must survive the move to "in behandeling": once what must follow
    // has happened (the coordinator's card and the melder hear of it, the worker has nothing left to do),
    // the bot has not overwritten the card that was just opened.
    await clickAction(griffie, 'Oppakken');
    await eventually(lastCard(general), /Status: in behandeling/i);
    await fleur.getByText(`Uw melding ${number} heeft een nieuwe status: in behandeling.`).last().waitFor({ timeout: POST_TIMEOUT_MS });
    await stack!.idle();
    assert.ok(await hasButton(lastCard(griffie), 'Maatregelen vaststellen'), 'het besluitformulier blijft op de kaart staan');
    const form = lastCard(griffie);
    await clickAction(griffie, 'Maatregelen vaststellen', { wait: false });
    await chooseOption(griffie, 'Schriftelijke waarschuwing', undefined, form);
    await chooseOption(griffie, 'Incidentgesprek (stopgesprek) met de pleger', undefined, form);
    await fillInput(griffie, 'Toelichting', 'Brief aan de bezoeker; gesprek met de voorzitter erbij.', form);
    await screenshotPart(
      sanne,
      'afhandeling-4-besluiten',
      form,
      form.getByText('Voorgestelde maatregelen', { exact: true }).first(),
      form.getByRole('button', { name: 'Deze maatregelen vaststellen', exact: true }),
    );
    await clickAction(griffie, 'Deze maatregelen vaststellen');
    // the answer to the click, then the worker's update of the same card in place (the shared view)
    await stack!.idle();
    const decided = await eventually(lastCard(griffie), /Status: maatregelen vastgesteld/);
    assert.match(decided, /Besluit\s+• Schriftelijke waarschuwing\s+• Incidentgesprek/);
    assert.match(decided, /Vastgesteld door Sanne Jansen/);
    assert.equal(await hasButton(lastCard(griffie), 'Maatregelen vaststellen'), false);
    await screenshot(sanne, 'afhandeling-5-vastgesteld', lastCard(griffie));

    const updated = await eventually(lastCard(general), /Status: maatregelen vastgesteld/i);
    assert.match(updated, new RegExp(`Melding ${number}`));
    assert.match(updated, /Vastgesteld door Sanne Jansen/);
    assert.equal(await hasButton(lastCard(general), 'Maatregelen vaststellen'), false);
    await screenshot(joost, 'afhandeling-6-coordinator-bijgewerkt', lastCard(general));

    // a short text message, not a card: the outcome, never the deliberation
    for (const status of ['in behandeling', 'maatregelen vastgesteld']) {
      await fleur.getByText(`Uw melding ${number} heeft een nieuwe status: ${status}.`).last().waitFor({ timeout: POST_TIMEOUT_MS });
    }
    assert.doesNotMatch(await fleur.locator('body').innerText(), /Brief aan de bezoeker/);
    await screenshot(fleur, 'afhandeling-7-melder');
  });

  it('shows the melder their nazorg and lets them move it; the griffier sees the incidentgesprek; the .ics feeds hold them', async () => {
    assert.ok(number, 'the first test reported a melding');
    const fleur = stack!.page('raadslid');
    const sanne = stack!.page('griffier');
    const feed = async (url: string) => {
      // the cards link the address `npm start` uses; this stack's bot listens on its own port
      const res = await fetch(url.replace(/^http:\/\/localhost:3978/, `http://127.0.0.1:${stack!.botPort}`));
      assert.equal(res.status, 200);
      return events(parseIcs(await res.text())).filter((e) => value(e, 'STATUS') !== 'CANCELLED');
    };

    // the melder's own card, in her chat: three moments with the nazorg giver, nothing of the melding
    const own = cardWith(fleur, `Uw nazorggesprekken (melding ${number})`);
    const text = await eventually(own, /Derde nazorggesprek: .*\(ingepland\)/);
    assert.match(text, /Eerste nazorggesprek: .*\(ingepland\)[\s\S]*Met: Mark Visser/);
    assert.doesNotMatch(text, /grijze jas|Schriftelijke waarschuwing/);
    await screenshot(fleur, 'agenda-1-nazorg-melder', own);

    const feedLink = await own.getByText('Mijn agenda-overzicht (.ics)', { exact: true }).count();
    assert.equal(feedLink, 1, 'the card links her own agenda feed');
    const fleurFeed = stack!.weerbaar.agenda.icsUrlFor('fleur.devries@gemeente-lokaal.example');
    const markFeed = stack!.weerbaar.agenda.icsUrlFor('mark.visser@gemeente-lokaal.example');
    assert.ok(fleurFeed && markFeed);
    const nazorg = (await feed(fleurFeed)).filter((e) => value(e, 'SUMMARY') === 'Nazorggesprek');
    assert.equal(nazorg.length, 3, 'three nazorg conversations in the melder\'s feed');
    assert.equal((await feed(markFeed)).filter((e) => value(e, 'SUMMARY') === 'Nazorggesprek').length, 3, 'and in the nazorg giver\'s');

    // she moves the second one to the next free moment, on her own card
    const was = /Tweede nazorggesprek: ([^(]+) \(/.exec(await own.innerText())?.[1]?.trim();
    assert.ok(was);
    // every booking's buttons name it: no "Volgende vrije moment" three times over
    await clickAction(fleur, 'Tweede nazorggesprek: volgende vrije moment', { card: own });
    const secondMoment = async () => /Tweede nazorggesprek: ([^(]+) \(ingepland\)/.exec(await cardWith(fleur, `Uw nazorggesprekken (melding ${number})`).innerText())?.[1]?.trim();
    const until = Date.now() + POST_TIMEOUT_MS;
    let now = await secondMoment();
    while (now === undefined || now === was) {
      if (Date.now() > until) throw new Error(`het tweede gesprek werd niet verplaatst (nog ${String(now)})`);
      await new Promise((r) => setTimeout(r, 200));
      now = await secondMoment();
    }
    await screenshot(fleur, 'agenda-2-nazorg-verplaatst', cardWith(fleur, `Uw nazorggesprekken (melding ${number})`));
    assert.equal((await feed(fleurFeed)).filter((e) => value(e, 'SUMMARY') === 'Nazorggesprek').length, 3, 'moved, not doubled');

    // the griffier decided an incidentgesprek in the first test: booked, on her card, in her feed
    const griffie = await meldingThread(sanne, number);
    // the agenda waits behind "Agenda en geschiedenis"; an update of the card closes it again
    const card = lastCard(griffie);
    const shownBy = Date.now() + POST_TIMEOUT_MS;
    while (!/Incidentgesprek: .*\(ingepland\)/.test(await card.innerText())) {
      if (Date.now() > shownBy) throw new Error('het incidentgesprek verscheen niet op de kaart van de griffier');
      const more = card.getByRole('button', { name: 'Agenda en geschiedenis', exact: true });
      if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
      await new Promise((r) => setTimeout(r, 300));
    }
    await screenshotPart(
      sanne,
      'agenda-3-griffie-afspraken',
      card,
      card.getByText('Afspraken in de agenda', { exact: true }).last(),
      card.getByText('Incidentgesprek als .ics (voor een brief aan de pleger)', { exact: true }),
    );
    const sanneFeed = stack!.weerbaar.agenda.icsUrlFor('sanne.jansen@gemeente-lokaal.example');
    assert.ok(sanneFeed);
    assert.equal((await feed(sanneFeed)).filter((e) => value(e, 'SUMMARY') === 'Gesprek').length, 1, 'the incidentgesprek in the handler\'s feed');
  });
});
