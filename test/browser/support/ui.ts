/**
 * What a person does in the Agents Playground, as Playwright steps. Found by trying (Playground 0.2.28):
 * - a card is `.ac-preview-panel > .ac-adaptiveCard` (nested ShowCards are `.ac-adaptiveCard` too, hence the `>`);
 * - inputs carry their `label` as accessible name (Input.Text -> textbox, Input.Date/Time and compact
 *   ChoiceSet -> combobox, Input.Number -> spinbutton, Input.Toggle -> checkbox named "<label> <title>",
 *   expanded ChoiceSet -> radiogroup of radios, multi-select expanded -> checkboxes named "<label> <choice>");
 * - buttons carry the action title as accessible name;
 * - the message box is a lexical contenteditable `[data-lexical-editor]` (cards' Input.Text are textboxes too);
 * - an Action.Execute answer replaces the clicked card in place; a typed message gets new messages below;
 * - a team channel is a list of threads (`.fui-Card[role=group]`), NEWEST THREAD ON TOP, replies below their root;
 * - typing `@Wee` in a compose box opens a suggestion list (`menuitem` named after the bot); picking it makes a mention.
 * Every step that reaches the bot waits until the bot's answer is on screen.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page, Request } from 'playwright-core';
import { ROOT } from './paths.js';

/** A page, or a part of it (a channel thread) to look in. */
export type Scope = Page | Locator;

const CARD = '.ac-preview-panel > .ac-adaptiveCard';
const BOT_TIMEOUT_MS = 15_000;

/**
 * Where screenshots go: `.local/screenshots/` (git-ignored), so a test run leaves the tree as it was;
 * `npm run screenshots` sets SCREENSHOT_DIR=docs/screenshots to renew the README's pictures.
 */
export const SCREENSHOT_DIR = resolve(ROOT, process.env['SCREENSHOT_DIR'] ?? join('.local', 'screenshots'));

function pageOf(scope: Scope): Page {
  return 'page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page);
}

export function cards(scope: Scope): Locator {
  return scope.locator(CARD);
}

export function lastCard(scope: Scope): Locator {
  return cards(scope).last();
}

/** The newest card that shows `text`. */
export function cardWith(scope: Scope, text: string | RegExp): Locator {
  return cards(scope).filter({ hasText: text }).last();
}

/** What the bot has put on screen: the text of every card and the number of its messages. */
async function botState(page: Page): Promise<string> {
  const texts = await page.locator(CARD).allInnerTexts();
  const authors = await page.locator('[aria-label="Message author"]').count();
  return JSON.stringify({ authors, texts });
}

/** Waits until the bot's part of the screen changed from `before` and then stood still for `quietMs`. */
export async function waitForBot(page: Page, before: string, timeoutMs = BOT_TIMEOUT_MS, quietMs = 400): Promise<void> {
  const until = Date.now() + timeoutMs;
  let now = await botState(page);
  while (now === before) {
    if (Date.now() > until) throw new Error(`de bot antwoordde niet binnen ${timeoutMs / 1000} s`);
    await page.waitForTimeout(100);
    now = await botState(page);
  }
  await settle(page, quietMs);
}

/** Waits until nothing from the bot changed for `quietMs` (e.g. the welcome card after the page loaded). */
export async function settle(page: Page, quietMs = 800, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = await botState(page);
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < until) {
    await page.waitForTimeout(100);
    const now = await botState(page);
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

/** Does `act`, then waits for the bot's answer. */
export async function expectBot(page: Page, act: () => Promise<void>): Promise<void> {
  const before = await botState(page);
  await act();
  await waitForBot(page, before);
}

/** Types a message in the chat's message box (in a channel: a thread's reply box, pass the thread) and sends it. */
export async function sendText(scope: Scope, text: string): Promise<void> {
  const page = pageOf(scope);
  const box = scope.locator('[data-lexical-editor="true"]').last();
  await expectBot(page, async () => {
    await box.click();
    await box.pressSequentially(text);
    await box.press('Enter');
  });
}

/**
 * Clicks the button `title` on the last card in `scope` (or on `options.card`) and waits for the bot,
 * unless `wait: false` (Action.ShowCard, Action.OpenUrl, or to look at the card's own validation).
 * Fails when the card itself refuses (a required input left empty and its error shown): nothing
 * reaches the bot then. A click that is merely slow to reach the bot (a busy machine) is waited for.
 */
export async function clickAction(scope: Scope, title: string, options: { card?: Locator; wait?: boolean } = {}): Promise<void> {
  const card = options.card ?? lastCard(scope);
  const button = card.getByRole('button', { name: title, exact: true });
  if (options.wait === false) return button.click();
  const page = pageOf(scope);
  let sent = false;
  const onRequest = (r: Request) => {
    if (r.method() === 'POST' && r.url().includes('/_conversation/')) sent = true;
  };
  page.on('request', onRequest);
  try {
    const before = await botState(page);
    await button.click();
    const refusedAfter = Date.now() + 1500;
    const until = Date.now() + BOT_TIMEOUT_MS;
    while ((await botState(page)) === before || !sent) {
      if (!sent) {
        // the card validates on click: an error under an input means it will not send
        const errors = await card.locator('.ac-input-container + .ac-textBlock').allInnerTexts();
        if ((errors.length > 0 && Date.now() > refusedAfter) || Date.now() > until) {
          throw new Error(`de kaart hield '${title}' tegen (verplichte invoer?): ${errors.join('; ') || 'geen verzoek naar de bot'}`);
        }
      }
      if (Date.now() > until) throw new Error(`de bot antwoordde niet op '${title}' binnen ${BOT_TIMEOUT_MS / 1000} s`);
      await page.waitForTimeout(100);
    }
    await settle(page, 400);
  } finally {
    page.off('request', onRequest);
  }
}

/**
 * Fills the input labelled `label` on the last card. Input.Date takes `YYYY-MM-DD`, Input.Time `HH:MM`
 * (the card submits them in the same form); their pickers are closed again so they cover nothing.
 */
export async function fillInput(scope: Scope, label: string, value: string, card: Locator = lastCard(scope)): Promise<void> {
  const exact = card.getByLabel(label, { exact: true });
  // a required input's label ends in " *"; and "Naam" should not pick "Naam van de pleger" first
  const input = (await exact.count()) > 0 ? exact.first() : card.getByLabel(label).first();
  await input.fill(value);
  if ((await input.getAttribute('role')) === 'combobox') {
    await input.press('Enter');
    await input.press('Escape');
  }
}

/**
 * Chooses `option` in an expanded Input.ChoiceSet on the last card: a radio button, or for a
 * multi-select a checkbox. `group` (the ChoiceSet's label) is needed when two sets share a choice title.
 */
export async function chooseOption(scope: Scope, option: string, group?: string, card: Locator = lastCard(scope)): Promise<void> {
  const where = group ? card.getByRole('radiogroup', { name: group }) : card;
  const radio = where.getByRole('radio', { name: option, exact: true });
  if ((await radio.count()) > 0) return radio.first().check();
  const name = group ? `${group} ${option}` : new RegExp(`(^| )${escapeRegExp(option)}$`);
  await card.getByRole('checkbox', { name, exact: true }).first().check();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Picks `option` in a compact (dropdown) Input.ChoiceSet labelled `label`. */
export async function selectOption(scope: Scope, label: string, option: string, card: Locator = lastCard(scope)): Promise<void> {
  await card.getByRole('combobox', { name: label }).click();
  await pageOf(scope).getByRole('option', { name: option, exact: true }).click();
}

/** Sets an Input.Toggle (a checkbox whose name holds its label and title). */
export async function setToggle(scope: Scope, title: string, on = true, card: Locator = lastCard(scope)): Promise<void> {
  await card.getByRole('checkbox', { name: title }).setChecked(on);
}

/**
 * Posts `text` in a channel with an @mention of the bot, as a person does: a user's channel post
 * reaches the bot only when it mentions it. Types "@" and the start of the bot's name, picks the bot
 * from the suggestion list (the Playground then sends `<at>Weerbaar</at> text` with a mention
 * entity), types the rest and sends; waits for the bot's answer. `scope`: the page (a new post in
 * the open channel), or a thread (its reply box; not yet tried in a test).
 */
export async function mentionBot(scope: Scope, text: string, bot = 'Weerbaar'): Promise<void> {
  const page = pageOf(scope);
  const editors = scope.locator('[data-lexical-editor="true"]');
  // on a channel page the first box is "Start a new post"; in a thread the only one is its reply box
  const box = scope === page ? editors.first() : editors.last();
  await expectBot(page, async () => {
    await box.click();
    await box.pressSequentially(`@${bot.slice(0, 4)}`);
    // the item's accessible name is the avatar's label and the name: "Weerbaar Weerbaar"
    await page.getByRole('menuitem', { name: bot }).first().click();
    await box.pressSequentially(` ${text}`);
    await box.press('Enter');
  });
}

/** Opens a channel of the team in the left rail ("General", "Griffie"). */
export async function openChannel(page: Page, channel: string): Promise<void> {
  await page.getByRole('treeitem', { name: new RegExp(` - ${channel}$`) }).click();
  await page.getByText('Start a new post').waitFor();
}

/** Back to the personal chat with the bot. */
export async function openPersonalChat(page: Page): Promise<void> {
  await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
}

/** A thread in the open channel, found by text in it (newest match). */
export function thread(page: Page, text: string | RegExp): Locator {
  return page
    .locator('.fui-Card[role="group"]')
    .filter({ hasNot: page.getByText('Start a new post') })
    .filter({ hasText: text })
    .first();
}

/** Hides the Playground's log panel (the stack does this once it shows `Connected.`). */
export async function hideLogPanel(page: Page): Promise<void> {
  const hide = page.getByRole('button', { name: 'Hide log panel' });
  if (await hide.isVisible()) await hide.click();
}

/**
 * Writes <SCREENSHOT_DIR>/<name>.png: of the page, or of one element (a card, a thread) when `of` is given.
 * Returns the file's path.
 */
export async function screenshot(page: Page, name: string, of?: Locator): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  if (of) await of.screenshot({ path, animations: 'disabled' });
  else await page.screenshot({ path, animations: 'disabled' });
  return path;
}

/**
 * Writes <SCREENSHOT_DIR>/<name>.png of a part of `card`, its full width, from the top of `from` to
 * the bottom of `to` (e.g. the form of a long card). `from` is scrolled to the top of the chat first;
 * the window must be tall enough for the part (the chat scrolls inside the page, so what is outside
 * the window is not drawn).
 */
export async function screenshotPart(page: Page, name: string, card: Locator, from: Locator, to: Locator): Promise<string> {
  await from.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const [c, f, t] = await Promise.all([card.boundingBox(), from.boundingBox(), to.boundingBox()]);
  if (!c || !f || !t) throw new Error(`screenshot '${name}': een deel van de kaart is niet zichtbaar`);
  const margin = 12;
  const top = Math.max(c.y, f.y - margin);
  const bottom = Math.min(c.y + c.height, t.y + t.height + margin);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', clip: { x: c.x, y: top, width: c.width, height: bottom - top } });
  return path;
}
