import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { cardWith, cards, clickAction, fillInput, lastCard, openPersonalChat, screenshot, startStack, type Stack } from './support/stack.js';

const THREAT = 'Doorgestuurd: wij weten waar jij woont. Pas maar op.';

/** Types a message in the open chat without waiting for the bot: in a group chat it answers only when mentioned. */
async function postInOpenChat(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-lexical-editor="true"]').last();
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
  await page.getByText(text, { exact: true }).last().waitFor();
}

/**
 * "Melden bij Weerbaar" on a message, as a person does it in the Agents Playground 0.2.28: the
 * message's "…" menu offers "Action Command" (the Playground does not read the manifest, so the
 * command id is typed into its dialog), which sends `composeExtension/fetchTask` with the message.
 */
async function reportMessage(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: true }).last().hover();
  await page.getByRole('button', { name: 'Show more information' }).last().click();
  await page.getByRole('menuitem', { name: 'Action Command' }).first().click();
  await page.getByPlaceholder('Input command id or leave blanks').fill('meldenBijWeerbaar');
  await page.getByRole('button', { name: 'Create' }).click();
}

describe('browser: Melden bij Weerbaar op een bericht in een groepschat (Agents Playground)', function () {
  this.timeout(180_000);
  let stack: Stack | undefined;
  before(async function () {
    this.timeout(240_000);
    stack = await startStack({ people: ['raadslid'] });
  });
  after(async () => {
    await stack?.stop();
  });

  it('opens the melding in the personal chat with the message as evidence, and posts nothing in the group chat', async () => {
    const fleur = stack!.page('raadslid');
    await fleur.getByRole('treeitem', { name: /Fractieoverleg/ }).click();
    await postInOpenChat(fleur, THREAT);
    const before = await cards(fleur).count();
    await reportMessage(fleur, THREAT);

    const dialog = fleur.getByRole('dialog');
    await dialog.getByText('Uw melding gaat verder in uw persoonlijke chat met Weerbaar', { exact: false }).waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /plaatst Weerbaar niets/);
    await screenshot(fleur, 'bericht-melden-dialoog');
    await dialog.getByRole('button').filter({ hasNotText: /Open de chat/ }).first().click();

    await openPersonalChat(fleur);
    const evidence = cardWith(fleur, 'Bewijs: Teams-bericht (kopie)');
    await evidence.waitFor({ timeout: 30_000 });
    const shown = await evidence.innerText();
    assert.ok(shown.includes(THREAT), 'the evidence card shows the message literally');
    assert.match(shown, /Afzender: Fleur de Vries/);
    await cardWith(fleur, 'Bent u nu veilig?').waitFor();
    await screenshot(fleur, 'bericht-melden-chat');

    await clickAction(fleur, 'Ik ben veilig: kort melden');
    await fillInput(fleur, 'Wat is er gebeurd?', 'Dit bericht werd in de fractiechat doorgestuurd.');
    const kort = lastCard(fleur);
    assert.match(await kort.innerText(), /Wanneer: \w\w \d+ \w+ \d{4} \d\d:\d\d/, 'the moment the message was sent, not "nu"');
    assert.ok(await kort.getByRole('radio', { name: 'Teams-bericht' }).isChecked(), 'how: the Teams message');
    await screenshot(fleur, 'bericht-kort', kort);
    await clickAction(fleur, 'Melden', { card: lastCard(fleur) });
    await cardWith(fleur, /Meldingsnummer:/).waitFor();

    const services = stack!.weerbaar.services;
    const filed = await services.store.incidents.listByOrganisation(services.orgId);
    assert.equal(filed.length, 1);
    const melding = filed[0]!.value;
    assert.equal(melding.kanaal, 'teams-bericht');
    assert.equal(melding.evidence?.text, THREAT);

    // the group chat: only the person's own message, nothing from the bot
    await fleur.getByRole('treeitem', { name: /Fractieoverleg/ }).click();
    await fleur.getByText(THREAT, { exact: true }).last().waitFor();
    // that no job ever posts there is proven over HTTP (test/e2e/bericht-melden.test.ts); here: what she sees
    assert.equal(await cards(fleur).count(), before, 'Weerbaar posted nothing in the group chat');
  });
});
