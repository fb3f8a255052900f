import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { activeToegangsontzegging, proposeMaatregelen } from '../../src/domain/measures.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import { cardText, send } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { anIncident } from '../domain/fixtures.js';
import { cardOf, channelInvoke, CHANNELS, meldingPosted, handlingSuite } from './handling-harness.js';

/** Nijmegen, model protocol: a breach of a toegangsontzegging means the police at once, and aangifte. */
describe('a new melding about a pleger whose toegangsontzegging still runs', function () {
  this.timeout(40_000);
  const suite = handlingSuite();

  it('finds the toegangsontzegging that still runs, and proposes the police and aangifte first', () => {
    const now = '2026-12-02T12:00:00.000Z';
    const decided = (endDate: string) =>
      anIncident('maatregelen-vastgesteld', { decision: { types: ['toegangsontzegging'], endDate, comment: '', decidedBy: { aadObjectId: 'x' }, decidedAt: now } });
    assert.equal(activeToegangsontzegging([decided('2026-12-01T23:00:00.000Z')], now), undefined, 'ended yesterday');
    assert.equal(activeToegangsontzegging([decided('2027-01-01T00:00:00.000Z'), decided('2027-03-01T00:00:00.000Z')], now), '2027-03-01T00:00:00.000Z');
    const profile = getProfile('nijmegen');
    const proposals = proposeMaatregelen({ category: 'verbale-agressie', meldplicht: 'verplicht', repeated: true, profile, toegangOntzegdTot: '2027-03-01T00:00:00.000Z' });
    assert.deepEqual(proposals.slice(0, 2).map((p) => [p.type, p.reason]), [['melding-politie', 'toegang-overtreden'], ['aangifte', 'toegang-overtreden']]);
  });

  it('says so on the handler\'s card', async () => {
    const stack = await suite.stack();
    const answers = { ...STEP_ANSWERS, pleger: { bekend: 'ja', naam: 'Piet Pleger', eerderContact: 'ja' } };
    const first = await meldingPosted(stack, answers);
    const einddatum = DateTime.now().setZone('Europe/Amsterdam').plus({ months: 3 }).toISODate() ?? '';
    const decided = await send(stack.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: first.id, maatregelen: 'toegangsontzegging', einddatum }));
    assert.match(cardText(decided.invokeCard), /De maatregelen zijn vastgesteld/);
    assert.doesNotMatch(cardText(decided.invokeCard), /Let op: deze pleger heeft een toegangsontzegging/, 'not on the melding that decided it');

    await completeMelding(stack.adapter, 'raadslid', answers);
    await stack.fake.waitFor(() => stack.fake.posts(CHANNELS.griffie).length >= 2);
    const second = cardText(cardOf(stack.fake.posts(CHANNELS.griffie)[1]?.body ?? {}));
    assert.match(second, /Let op: deze pleger heeft een toegangsontzegging die loopt tot/);
    assert.match(second, /Voorstel: .*Melding bij de politie/);
    const stored = await stack.services.store.incidents.listByOrganisation(stack.services.orgId);
    const secondId = stored.map((r) => r.value).find((i) => i.id !== first.id)?.id;
    const own = await send(stack.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: secondId }));
    assert.match(cardText(own.invokeCard), /lopende toegangsontzegging: bij overtreding wordt de politie direct ingelicht/, 'the reason beside the proposal, in the form');
  });
});
