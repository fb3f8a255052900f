import assert from 'node:assert/strict';
import { cardText, invoke, send } from '../support/bot.js';
import { completeMelding, dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { cardOf, CHANNELS, handlingSuite, link } from './handling-harness.js';

describe('afhandeling: a melding sent with "Overleg aanvragen"', function () {
  this.timeout(40_000);
  const suite = handlingSuite();

  it('says on the handler\'s card that the melder asks to talk it over first; an ordinary melding does not', async () => {
    const s = await suite.stack();
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    s.jobs.worker.start();
    await completeMelding(s.adapter, 'raadslid');
    let { invokeCard } = await send(s.adapter, invoke('wethouder', 'melding.overleg', {}));
    ({ invokeCard } = await send(s.adapter, invoke('wethouder', 'melding.veilig', { ...dataOf(invokeCard, 'melding.veilig'), veilig: 'ja' })));
    while (!hasVerb(invokeCard, 'melding.indienen')) {
      const data = dataOf(invokeCard, 'melding.stap');
      ({ invokeCard } = await send(s.adapter, invoke('wethouder', 'melding.stap', { ...data, ...(STEP_ANSWERS[String(data['step'])] ?? {}) })));
    }
    await send(s.adapter, invoke('wethouder', 'melding.indienen', dataOf(invokeCard, 'melding.indienen')));
    const texts = () => s.fake.posts(CHANNELS.coordinator).map((c) => cardText(cardOf(c.body)));
    await s.fake.waitFor(() => texts().filter((t) => /^Melding 2026-000[12]/.test(t)).length >= 2);
    const [gewoon, overleg] = ['2026-0001', '2026-0002'].map((n) => texts().find((t) => t.startsWith(`Melding ${n}`)) ?? '');
    assert.match(overleg ?? '', /Verzoek om overleg: de melder twijfelde of dit gemeld moest worden en wil er eerst over praten\./);
    assert.doesNotMatch(gewoon ?? '', /Verzoek om overleg/);
  });
});
