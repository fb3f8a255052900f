import assert from 'node:assert/strict';
import { createRouter } from '../../src/flows/router.js';
import { reportFlow } from '../../src/flows/report/index.js';
import { cardText, invoke, message, send, testBot } from '../support/bot.js';
import { completeMelding, dataOf, STEP_ANSWERS } from '../support/melding.js';
import { testServices, type TestStack } from '../support/services.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';

describe('the guided melding (in process)', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let stack: TestStack;
  let adapter: ReturnType<typeof testBot>;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  beforeEach(async () => {
    stack = await testServices({ az });
    adapter = testBot(createRouter(stack.services, [reportFlow(stack.services)]));
  });
  afterEach(() => stack.stop());

  it('goes from welcome to confirmation and stores one melding with number, routing and deadlines', async () => {
    const { confirmation, summary } = await completeMelding(adapter, 'raadslid');
    const summaryText = cardText(summary);
    assert.match(summaryText, /Controleer uw melding/);
    assert.match(summaryText, /uitgescholden en bedreigd/);
    const text = cardText(confirmation);
    assert.match(text, /Uw melding is ontvangen/);
    assert.match(text, /Meldingsnummer: 2026-0001/);
    assert.match(text, /griffier \(Sanne Jansen\)/);
    assert.match(text, /Eerste nazorggesprek/);
    const list = await stack.services.store.incidents.listByMelder(stack.services.orgId, '00000000-0000-0000-0000-000000000021');
    assert.equal(list.length, 1);
    const incident = list[0]!.value;
    assert.equal(incident.state, 'gemeld');
    assert.equal(incident.ambtsdrager.role, 'raadslid');
    assert.deepEqual(incident.routing.handlers, ['griffier', 'plaatsvervangend-griffier']);
    assert.equal(incident.chosenCategory, 'bedreiging-intimidatie');
    assert.equal(incident.meldplicht, 'verplicht');
    assert.ok(incident.deadlines.some((d) => d.kind === 'nazorg-1'));
    assert.ok(incident.handlerIds.includes('00000000-0000-0000-0000-000000000022'));
  });
});
