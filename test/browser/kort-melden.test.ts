import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Locator, Page } from 'playwright-core';
import { answerAll, CLASSIFICATIE_ANSWERS, IMPACT_ANSWERS } from './support/melding.js';
import { cardWith, chooseOption, clickAction, fillInput, lastCard, sendText, startStack, type Stack } from './support/stack.js';

/** Words a person reads on a card: what the screen shows of it, counted as runs of letters or digits. */
const wordsOf = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * What one way of reporting costs the melder, counted as the person meets it: every tap (a
 * button, a choice, a field tapped to type in), every field typed into, and the words of every
 * card at the moment it appears (its visible text, inputs and buttons included).
 */
class Cost {
  taps = 0;
  typed = 0;
  readonly cards: { name: string; words: number }[] = [];
  constructor(private readonly page: Page) {}

  async read(name: string, card: Locator = lastCard(this.page)): Promise<void> {
    this.cards.push({ name, words: wordsOf(await card.innerText()) });
  }
  async click(title: string, next?: string): Promise<void> {
    this.taps++;
    await clickAction(this.page, title);
    if (next) await this.read(next);
  }
  async choose(option: string, group?: string): Promise<void> {
    this.taps++;
    await chooseOption(this.page, option, group);
  }
  async answer(answers: readonly (readonly [string, string])[]): Promise<void> {
    this.taps += answers.length;
    await answerAll(this.page, answers);
  }
  /** A text field: one tap into it, and typed. */
  async type(label: string, value: string): Promise<void> {
    this.taps++;
    this.typed++;
    await fillInput(this.page, label, value);
  }
  /** A date or time picker: one tap to open it and pick. */
  async pick(label: string, value: string): Promise<void> {
    this.taps++;
    await fillInput(this.page, label, value);
  }
  get words(): number {
    return this.cards.reduce((n, c) => n + c.words, 0);
  }
  report(title: string): string {
    const lines = this.cards.map((c) => `    ${c.name.padEnd(28)} ${String(c.words).padStart(4)} woorden`);
    return [`  ${title}: ${this.taps} tikken, ${this.typed} getypte velden, ${this.words} woorden op ${this.cards.length} kaarten`, ...lines].join('\n');
  }
}

/**
 * The short path against the long one, at phone width in the Agents Playground: the short path
 * must stay within 12 taps and 250 words from "Incident melden" to its receipt. The counts are
 * printed; README.md has them in a table.
 */
describe('browser: kort melden tegenover volledig melden, op telefoonbreedte (Agents Playground)', function () {
  this.timeout(120_000);
  let stack: Stack | undefined;
  before(async function () {
    this.timeout(240_000);
    stack = await startStack({ people: ['raadslid'], viewport: { raadslid: { width: 390, height: 844 } } });
  });
  after(async () => {
    await stack?.stop();
  });

  it('files a short melding within 12 taps and 250 words to read', async () => {
    const fleur = stack!.page('raadslid');
    const cost = new Cost(fleur);
    await sendText(fleur, 'hallo');
    await cost.click('Incident melden', 'veiligheid');
    await cost.click('Kort melden (±3 minuten)', 'kort melden');
    await cost.type('Wat is er gebeurd?', 'Na de vergadering dreigde een bezoeker dat hij mij thuis wel zou vinden.');
    await cost.choose('Persoonlijk (face to face)');
    await cost.type('Wie deed het? (als u het weet)', 'Man, ongeveer 50, grijze jas');
    await cost.click('Melden');
    const receipt = cardWith(fleur, /Meldingsnummer:/);
    await cost.read('bevestiging', receipt);
    const text = await receipt.innerText();
    assert.match(text, /Nog aan te vullen/);
    assert.ok(await receipt.getByRole('button', { name: 'Aanvullen', exact: true }).isVisible());
    console.info(cost.report('kort melden'));
    assert.ok(cost.taps <= 12, `kort melden kost ${cost.taps} tikken (hoogstens 12)`);
    assert.ok(cost.words <= 250, `kort melden vraagt ${cost.words} woorden lezen (hoogstens 250)`);
  });

  it('counts the long path the same way, for the table beside it', async () => {
    const fleur = stack!.page('raadslid');
    const cost = new Cost(fleur);
    await sendText(fleur, 'hallo');
    await cost.click('Incident melden', 'veiligheid');
    await cost.click('Ja, ik ben veilig', 'stap wie');
    await cost.choose('Nee, het gaat over mijzelf');
    await cost.click('Volgende', 'stap wanneer');
    const yesterday = DateTime.now().setZone('Europe/Amsterdam').minus({ days: 1 }).toISODate() ?? '';
    await cost.pick('Datum van het incident', yesterday);
    await cost.pick('Tijdstip (ongeveer)', '20:15');
    await cost.choose('Persoonlijk (face to face)');
    await cost.type('Waar gebeurde het?', 'Raadzaal');
    await cost.click('Volgende', 'stap wat');
    await cost.type('Beschrijf wat er gebeurde', 'Na de vergadering riep een bezoeker dat hij "me wel zou vinden".');
    await cost.choose('Op mij (de ambtsdrager)');
    await cost.click('Volgende', 'stap classificatie');
    await cost.choose('"Jij": het was op mij persoonlijk gericht (schelden, beledigen, treiteren, belachelijk maken, smaad)');
    await cost.answer(CLASSIFICATIE_ANSWERS);
    await cost.click('Volgende', 'stap categorie');
    await cost.click('Volgende', 'stap pleger');
    await cost.choose('Nee', 'Weet u wie het was?');
    await cost.type('Beschrijving van de persoon of groep', 'Man, ongeveer 50, grijze jas');
    await cost.choose('Nee', 'Had u eerder contact met deze persoon?');
    await cost.click('Volgende', 'stap impact');
    await cost.answer(IMPACT_ANSWERS);
    await cost.click('Volgende', 'samenvatting');
    await cost.click('Melden');
    await cost.read('bevestiging', cardWith(fleur, /Meldingsnummer:/));
    console.info(cost.report('volledig melden'));
    assert.ok(cost.taps > 12, 'the long path is the long one');
  });
});
