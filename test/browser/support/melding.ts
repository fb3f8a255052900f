import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { cardWith, chooseOption, clickAction, fillInput, lastCard, sendText } from './ui.js';

/** The yes/no questions of the classification step, as the card labels them: "jij", a threat, no violence. */
export const CLASSIFICATIE_ANSWERS = [
  ['Bedreigde of intimideerde de persoon u, uw naasten, uw huisdieren of uw spullen? Ook seksuele intimidatie en stalking tellen mee.', 'Ja'],
  ['Werd de persoon fysiek, bijvoorbeeld schoppen, slaan, spugen, beetpakken, iets gooien of iets vernielen?', 'Nee'],
  ['Gebeurt het vaker, of houdt het aan?', 'Nee'],
] as const;

/** The impact step: support and nazorg wanted, consent to aangifte, no one else informed. */
export const IMPACT_ANSWERS = [
  ['Bent u gewond geraakt, lichamelijk of psychisch?', 'Nee'],
  ['Bent u in het ziekenhuis opgenomen?', 'Nee'],
  ['Heeft u nu steun nodig?', 'Ja'],
  ['Wilt u drie gesprekken over hoe het met u gaat (nazorg): binnen 24 uur, binnen 3 dagen en na 4 tot 6 weken?', 'Ja'],
  ['Mag de gemeente namens u aangifte doen of de politie inlichten?', 'Ja'],
  ['Mogen andere ambtsdragers (bijv. uw fractievoorzitter) over het incident worden ingelicht?', 'Nee'],
] as const;

/** Chooses one answer per radio group on the last card. */
export async function answerAll(page: Page, answers: readonly (readonly [string, string])[]): Promise<void> {
  for (const [group, answer] of answers) await chooseOption(page, answer, group);
}

/** A melding clicked through, short (melding.test.ts does the same step by step, with screenshots); returns the number on the confirmation. */
export async function reportMelding(fleur: Page): Promise<string> {
  await sendText(fleur, 'melden');
  if (/Bent u nu veilig\?/.test(await lastCard(fleur).innerText())) await clickAction(fleur, 'Ja, ik ben veilig');
  await chooseOption(fleur, 'Nee, het gaat over mijzelf');
  await clickAction(fleur, 'Volgende');

  const yesterday = DateTime.now().setZone('Europe/Amsterdam').minus({ days: 1 }).toISODate() ?? '';
  await fillInput(fleur, 'Datum van het incident', yesterday);
  await fillInput(fleur, 'Tijdstip (ongeveer)', '20:15');
  await chooseOption(fleur, 'Persoonlijk, oog in oog');
  await fillInput(fleur, 'Waar gebeurde het?', 'Raadzaal');
  await clickAction(fleur, 'Volgende');

  await fillInput(fleur, 'Beschrijf wat er gebeurde', 'Na de vergadering riep een bezoeker dat hij "me wel zou vinden".');
  await chooseOption(fleur, 'Op mij (de ambtsdrager)');
  await clickAction(fleur, 'Volgende');

  await chooseOption(fleur, 'Viel mij persoonlijk aan: schelden, beledigen, treiteren of belachelijk maken');
  await answerAll(fleur, CLASSIFICATIE_ANSWERS);
  await clickAction(fleur, 'Volgende');
  assert.match(await lastCard(fleur).innerText(), /Bedreiging of intimidatie/);
  await clickAction(fleur, 'Volgende');

  await chooseOption(fleur, 'Nee', 'Weet u wie het was?');
  await fillInput(fleur, 'Beschrijving van de persoon of groep', 'Man, ongeveer 50, grijze jas');
  await chooseOption(fleur, 'Nee', 'Had u eerder contact met deze persoon?');
  await clickAction(fleur, 'Volgende');

  await answerAll(fleur, IMPACT_ANSWERS);
  await clickAction(fleur, 'Volgende');
  assert.match(await lastCard(fleur).innerText(), /Controleer uw melding/);
  await clickAction(fleur, 'Melden');

  // the answer to Melden; the worker's nazorg card may already have arrived below it
  const confirmation = await cardWith(fleur, /Meldingsnummer:/).innerText();
  const number = /Meldingsnummer: (\d{4}-\d{4})/.exec(confirmation)?.[1];
  assert.ok(number, `geen meldingsnummer op de bevestiging: ${confirmation}`);
  return number;
}

