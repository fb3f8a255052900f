import assert from 'node:assert/strict';
import { cardText, invoke, send } from '../support/bot.js';
import { completeMelding, dataOf, inputValues } from '../support/melding.js';
import { cardOf, CHANNELS, handlingSuite, link } from './handling-harness.js';

describe('afhandeling: a melding sent with "Overleg aanvragen"', function () {
  this.timeout(40_000);
  const suite = handlingSuite();

  it('makes "Overleg aanvragen" a short request, and says so on the handler\'s card; an ordinary melding does not', async () => {
    const s = await suite.stack();
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    s.jobs.worker.start();
    await completeMelding(s.adapter, 'raadslid');
    const { invokeCard: safety } = await send(s.adapter, invoke('wethouder', 'melding.overleg', {}));
    assert.match(cardText(safety), /Een verzoek om overleg kost een minuut/);
    assert.ok(!/volledig melden/.test(cardText(safety)), 'the request is the short one');
    const { invokeCard: request } = await send(s.adapter, invoke('wethouder', 'melding.kort.kiezen', dataOf(safety, 'melding.kort.kiezen')));
    assert.match(cardText(request), /^Verzoek om overleg\nVertel kort wat er gebeurde\. De behandelaar neemt contact met u op/);
    assert.match(cardText(request), /Verzoek versturen/);
    const shown = inputValues(request);
    await send(s.adapter, invoke('wethouder', 'melding.kort', {
      ...dataOf(request, 'melding.kort'), datum: shown['datum'], tijd: shown['tijd'], beschrijving: 'Een inwoner belde drie keer boos op.', kanaal: 'telefoon', locatie: '', pleger: '',
    }));
    const texts = () => s.fake.posts(CHANNELS.coordinator).map((c) => cardText(cardOf(c.body)));
    await s.fake.waitFor(() => texts().filter((t) => /^Melding 2026-000[12]/.test(t)).length >= 2);
    const [gewoon, overleg] = ['2026-0001', '2026-0002'].map((n) => texts().find((t) => t.startsWith(`Melding ${n}`)) ?? '');
    assert.match(overleg ?? '', /Verzoek om overleg: de melder twijfelde of dit gemeld moest worden en wil er eerst over praten\./);
    assert.doesNotMatch(gewoon ?? '', /Verzoek om overleg/);
  });
});
