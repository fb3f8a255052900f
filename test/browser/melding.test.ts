import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { answerAll, CLASSIFICATIE_ANSWERS, IMPACT_ANSWERS } from './support/melding.js';
import {
  cardWith,
  chooseOption,
  clickAction,
  fillInput,
  lastCard,
  screenshot,
  sendText,
  startStack,
  type Stack,
} from './support/stack.js';

/**
 * A raadslid completes a melding in the Agents Playground by clicking through the cards as a
 * person would. Screenshots: melding-*.png (`npm run screenshots` puts them in docs/screenshots/ for the README).
 */
describe('browser: een melding van begin tot eind (Agents Playground)', function () {
  this.timeout(90_000);
  let stack: Stack | undefined;
  before(async function () {
    this.timeout(240_000);
    stack = await startStack({ people: ['raadslid'] });
  });
  after(async () => {
    await stack?.stop();
  });

  it('reports an incident through every step and shows the confirmation with the number', async () => {
    const fleur = stack!.page('raadslid');
    await sendText(fleur, 'hallo');
    await clickAction(fleur, 'Incident melden');
    assert.match(await lastCard(fleur).innerText(), /Bent u nu veilig\?/);
    await screenshot(fleur, 'melding-1-veiligheid', lastCard(fleur));
    await clickAction(fleur, 'Ja, ik ben veilig');

    assert.match(await lastCard(fleur).innerText(), /Stap 1 van 8/);
    await chooseOption(fleur, 'Nee, het gaat over mijzelf');
    await clickAction(fleur, 'Volgende');

    const yesterday = DateTime.now().setZone('Europe/Amsterdam').minus({ days: 1 }).toISODate() ?? '';
    assert.match(await lastCard(fleur).innerText(), /Wanneer, waar en hoe\?/);
    await fillInput(fleur, 'Datum van het incident', yesterday);
    await fillInput(fleur, 'Tijdstip (ongeveer)', '20:15');
    await chooseOption(fleur, 'Persoonlijk, oog in oog');
    await fillInput(fleur, 'Waar gebeurde het?', 'Raadzaal');
    await screenshot(fleur, 'melding-2-wanneer', lastCard(fleur));
    await clickAction(fleur, 'Volgende');

    assert.match(await lastCard(fleur).innerText(), /Wat is er gebeurd\?/);
    // Teams checks isRequired before sending: the card shows the Dutch errorMessage and stays.
    await clickAction(fleur, 'Volgende', { wait: false });
    await lastCard(fleur).getByText('Dit veld is verplicht.').first().waitFor();
    assert.match(await lastCard(fleur).innerText(), /Wat is er gebeurd\?/);
    await fillInput(fleur, 'Beschrijf wat er gebeurde', 'Na de vergadering riep een bezoeker ${naam} dat hij "me wel zou vinden". **Echt**.');
    await chooseOption(fleur, 'Op mij (de ambtsdrager)');
    await clickAction(fleur, 'Volgende');

    assert.match(await lastCard(fleur).innerText(), /Wat deed de persoon\?/);
    await chooseOption(fleur, 'Viel mij persoonlijk aan: schelden, beledigen, treiteren of belachelijk maken');
    await answerAll(fleur, CLASSIFICATIE_ANSWERS);
    await clickAction(fleur, 'Volgende');

    const categorie = await lastCard(fleur).innerText();
    assert.match(categorie, /Bedreiging of intimidatie/);
    assert.match(categorie, /Melden is verplicht/);
    await screenshot(fleur, 'melding-3-categorie', lastCard(fleur));
    await clickAction(fleur, 'Volgende');

    assert.match(await lastCard(fleur).innerText(), /Wie deed het\?/);
    await chooseOption(fleur, 'Nee', 'Weet u wie het was?');
    await fillInput(fleur, 'Beschrijving van de persoon of groep', 'Man, ongeveer 50, grijze jas');
    await chooseOption(fleur, 'Nee', 'Had u eerder contact met deze persoon?');
    await clickAction(fleur, 'Volgende');

    assert.match(await lastCard(fleur).innerText(), /Gevolgen en toestemming/);
    await answerAll(fleur, IMPACT_ANSWERS);
    await clickAction(fleur, 'Volgende');

    const summary = await lastCard(fleur).innerText();
    assert.match(summary, /Controleer uw melding/);
    assert.ok(summary.includes('${naam}'), 'typed text is shown literally');
    assert.ok(summary.includes('**Echt**'), 'markdown is not applied');
    await screenshot(fleur, 'melding-4-samenvatting', lastCard(fleur));
    await clickAction(fleur, 'Melden');

    // the answer to Melden; the worker's nazorg card may already have arrived below it
    const confirmed = cardWith(fleur, /Uw melding is ontvangen/);
    const confirmation = await confirmed.innerText();
    assert.match(confirmation, /Meldingsnummer: \d{4}-0001/);
    assert.match(confirmation, /griffier \(Sanne Jansen\)/);
    await screenshot(fleur, 'melding-5-bevestiging', confirmed);
    const stored = await stack!.weerbaar.services.store.incidents.listByOrganisation(stack!.weerbaar.services.orgId);
    assert.equal(stored.length, 1);
  });
});
