/**
 * Cards of the real flows, shown in the Agents Playground and read as a screen reader reads them.
 * The melder's cards come from the bot over HTTP (clicked through as Teams would); the handler's
 * card is rendered by the afhandeling's own view from the stored melding. Each is posted to a
 * person's personal chat through the Playground's connector, so the Playground's renderer draws it.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { Incident } from '../../../src/domain/incident-schema.js';
import { meldingCard, viewContext, type ViewOptions } from '../../../src/flows/handling/view.js';
import type { CardJson } from '../../../src/flows/types.js';
import { PEOPLE } from '../../support/bot.js';
import { clicker, type Card } from '../../support/http-melding.js';
import { TeamsClient, type FakeConnector } from '../../support/http-teams.js';
import { dataOf, hasVerb, STEP_ANSWERS } from '../../support/melding.js';
import type { Stack } from './stack.js';
import { cards } from './ui.js';

/** The width of a phone screen (iPhone 12 to 15) in CSS pixels: the card is laid out this wide. */
export const PHONE_WIDTH = 390;

/**
 * Every card the melder meets on the long path, in order, named; a step sent empty shows its errors.
 * `connector` receives what the bot sends the melder afterwards: keep it running until the queue is idle.
 */
export async function melderCards(stack: Stack, connector: FakeConnector): Promise<{ name: string; card: Card }[]> {
  const client = new TeamsClient({ botUrl: `http://127.0.0.1:${stack.botPort}`, serviceUrl: connector.serviceUrl });
  const click = clicker(client, PEOPLE.raadslid);
  const shown: { name: string; card: Card }[] = [];
  const safety = await click('melding.start', {});
  shown.push({ name: 'veiligheid', card: safety });
  let card = await click('melding.veilig', { ...dataOf(safety, 'melding.veilig'), veilig: 'ja' });
  for (let i = 0; i < 14 && !hasVerb(card, 'melding.indienen'); i++) {
    const data = dataOf(card, 'melding.stap');
    const step = String(data['step']);
    shown.push({ name: step, card });
    if (step === 'wanneer') shown.push({ name: `${step} (fouten)`, card: await click('melding.stap', { ...data, datum: '', locatie: '' }) });
    card = await click('melding.stap', { ...data, ...(STEP_ANSWERS[step] ?? {}) });
  }
  shown.push({ name: 'samenvatting', card });
  shown.push({ name: 'bevestiging', card: await click('melding.indienen', dataOf(card, 'melding.indienen')) });
  return shown;
}

/** The stored melding (the only one) and its card as the afhandeling renders it now. */
export async function handlerCard(stack: Stack, options: ViewOptions): Promise<{ incident: Incident; card: CardJson }> {
  const { services, agenda } = stack.weerbaar;
  const [row] = await services.store.incidents.listByOrganisation(services.orgId);
  assert.ok(row, 'a melding is stored');
  const ctx = await viewContext(services, row.value, new Date(), agenda);
  return { incident: row.value, card: meldingCard(row.value, ctx, options) };
}

/** Posts `card` to `person`'s personal chat in the Playground and returns it as drawn there. */
export async function showCard(stack: Stack, person: string, card: CardJson): Promise<Locator> {
  const page = stack.page(person);
  const before = await cards(page).count();
  const res = await fetch(`${stack.playgroundUrl(person)}/_connector/v3/conversations/personal-chat-${person}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }),
  });
  assert.ok(res.status < 300, `the Playground's connector answered ${res.status}`);
  const until = Date.now() + 15_000;
  while ((await cards(page).count()) <= before) {
    if (Date.now() > until) throw new Error('the posted card did not appear');
    await page.waitForTimeout(100);
  }
  return cards(page).nth(before);
}

/** The card's height in CSS pixels when it is laid out `width` pixels wide (its ShowCards closed). */
export async function heightAt(card: Locator, width = PHONE_WIDTH): Promise<number> {
  return card.evaluate((el, w) => {
    el.setAttribute('style', `width: ${w}px; min-width: ${w}px; max-width: ${w}px`);
    return Math.round(el.getBoundingClientRect().height);
  }, width);
}

export interface AriaNode {
  role: string;
  name: string;
}

/** The roles and names of a card's accessibility tree (Playwright's ARIA snapshot), in reading order. */
export async function ariaNodes(card: Locator): Promise<AriaNode[]> {
  const yaml = await card.ariaSnapshot();
  const nodes: AriaNode[] = [];
  for (const line of yaml.split('\n')) {
    const m = /^\s*- ([a-z]+)(?: "((?:[^"\\]|\\.)*)")?/.exec(line);
    if (m?.[1]) nodes.push({ role: m[1], name: (m[2] ?? '').replace(/\\(.)/g, '$1') });
  }
  return nodes;
}

const INPUT_ROLES = ['textbox', 'combobox', 'spinbutton', 'checkbox', 'radiogroup', 'listbox'];

/** The card's own buttons (its actions; the Playground wraps their title in .ac-pushButton-content), not a date or time picker's controls. */
const ACTION_BUTTON = 'button:has(> .ac-pushButton-content)';

/**
 * What a screen reader user needs of a card: every input found by its label, one input per
 * name, and every button with a name of its own. Returns what is wrong, in words; empty when all is well.
 * ShowCards are opened one at a time, so the inputs and buttons behind them are read too.
 */
export async function accessibilityProblems(page: Page, card: Locator, label: string): Promise<string[]> {
  const problems = await problemsOf(card, label);
  const toggles = card.locator(`${ACTION_BUTTON}[aria-expanded]`);
  const count = await toggles.count();
  for (let i = 0; i < count; i++) {
    const toggle = toggles.nth(i);
    if ((await toggle.getAttribute('aria-expanded')) !== 'false') continue;
    const name = (await toggle.getAttribute('aria-label')) ?? (await toggle.innerText());
    await toggle.click();
    await page.waitForTimeout(50);
    problems.push(...(await problemsOf(card, `${label}, ${name} open`)));
    await toggle.click();
  }
  return [...new Set(problems)];
}

async function problemsOf(card: Locator, label: string): Promise<string[]> {
  const problems: string[] = [];
  const inputs = (await ariaNodes(card)).filter((n) => INPUT_ROLES.includes(n.role));
  // an Action.OpenUrl is a button that says it is a link
  const buttons = await card
    .locator(ACTION_BUTTON)
    .evaluateAll((els) => els.map((el) => ({ role: el.getAttribute('role') ?? 'button', name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() })));
  for (const node of [...inputs, ...buttons]) {
    if (node.name === '') {
      problems.push(`${label}: een ${node.role} zonder naam`);
      continue;
    }
    const found = await card.getByRole(node.role as Parameters<Locator['getByRole']>[0], { name: node.name, exact: true }).count();
    if (found !== 1) problems.push(`${label}: ${found} keer ${node.role} "${node.name}"`);
  }
  return problems;
}

/** How many action buttons the card shows: a check that the audit found the buttons at all. */
export function actionButtons(card: Locator): Locator {
  return card.locator(ACTION_BUTTON);
}
