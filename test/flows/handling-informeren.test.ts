import assert from 'node:assert/strict';
import { cardText, PEOPLE } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { CHANNELS, type HandlingStack, link, handlingSuite } from './handling-harness.js';

describe('who hears of a melding: told before Melden, and the notices follow the melder\'s consent', function () {
  this.timeout(40_000);
  const suite = handlingSuite();
  let s: HandlingStack;


  /** Files a raadslid's melding with this answer to "Mogen andere ambtsdragers worden ingelicht?"; the summary text and who got a 1:1. */
  async function melding(profileId: 'nijmegen' | 'utrecht', informeren: 'ja' | 'nee') {
    s = await suite.stack({ profileId });
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    s.jobs.worker.start();
    const { summary } = await completeMelding(s.adapter, 'raadslid', {
      ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], toestemmingInformeren: informeren },
    });
    await s.fake.waitFor((calls) => calls.some((c) => c.kind === 'post' && c.conversationId === CHANNELS.griffie));
    await s.idle();
    const oneToOne = s.fake.calls.filter((c) => c.kind === 'create').map((c) => (c.body['members'] as { id: string }[])[0]?.id);
    return { summary: cardText(summary), burgemeesterTold: oneToOne.includes(PEOPLE.burgemeester.id) };
  }

  it('Nijmegen: the burgemeester is informed without content as the protocol prescribes, and the summary says so', async () => {
    const { summary, burgemeesterTold } = await melding('nijmegen', 'nee');
    assert.match(summary, /Wie hoort van uw melding/);
    assert.match(summary, /griffier of plaatsvervangend griffier, aangewezen ambtenaar Veiligheid: uw hele melding, met inhoud/);
    assert.match(summary, /burgemeester: een bericht zonder inhoud .*zoals het protocol voorschrijft/);
    assert.equal(burgemeesterTold, true);
  });

  it('Utrecht, no consent: the burgemeester gets no notice, and the summary says he hears nothing', async () => {
    const { summary, burgemeesterTold } = await melding('utrecht', 'nee');
    assert.match(summary, /burgemeester: niets, want u gaf geen toestemming/);
    assert.ok(!/zoals het protocol voorschrijft/.test(summary));
    assert.equal(burgemeesterTold, false);
  });

  it('Utrecht, with consent: the burgemeester gets a notice without content', async () => {
    const { summary, burgemeesterTold } = await melding('utrecht', 'ja');
    assert.match(summary, /burgemeester: een bericht zonder inhoud, omdat u toestemming gaf/);
    assert.equal(burgemeesterTold, true);
  });
});
