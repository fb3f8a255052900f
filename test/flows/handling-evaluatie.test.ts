import assert from 'node:assert/strict';
import type { Incident } from '../../src/domain/incident-schema.js';
import { reportRow, yearFigures } from '../../src/domain/report/yearly.js';
import { cardText, invoke, PEOPLE, send } from '../support/bot.js';
import { dataOf, hasVerb } from '../support/melding.js';
import { channelInvoke, CHANNELS, type HandlingStack, handlingSuite, meldingPosted } from './handling-harness.js';

const ANSWERS = { ernst: 'ernstig', herhalingsrisico: 'hoog', trend: 'ja', oorzaak: 'Onvrede over een vergunning.', verbeteringen: 'Balie met tweede medewerker.' };

describe('evaluation of a closed melding: the protocol\'s questions, stored once, counted in the report', function () {
  this.timeout(40_000);
  const suite = handlingSuite();
  let s: HandlingStack;

  /** A melding that the griffier has closed (stored directly: the decision itself is tested elsewhere). */
  async function closed(): Promise<Incident> {
    const incident = await meldingPosted(s);
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.ok(stored);
    const at = new Date().toISOString();
    const decided = { types: ['waarschuwing-schriftelijk' as const], decidedBy: { aadObjectId: PEOPLE.griffier.aadObjectId }, decidedAt: at };
    return (await s.services.store.incidents.update({ ...stored.value, state: 'afgesloten', decision: decided, closedAt: at }, stored.etag)).value;
  }

  it('asks the handler the questions, with this year\'s figures beside the trend, and stores the answers once', async () => {
    s = await suite.stack();
    const incident = await closed();
    const opened = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: incident.id }));
    const form = cardText(opened.invokeCard);
    assert.match(form, /Hoe ernstig was het incident\?/);
    assert.match(form, /Meldingen van deze soort: – in \d{4}, 0 in \d{4} \(– is minder dan 5\)/, 'one melding this year: hidden; none last year');
    const click = dataOf(opened.invokeCard, 'afhandeling.evalueren');

    const incomplete = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.evalueren', { ...click, ernst: 'ernstig' }));
    assert.match(cardText(incomplete.invokeCard), /Kies hoe groot de kans is dat het opnieuw gebeurt/);
    assert.match(cardText(incomplete.invokeCard), /Kies of zulke incidenten vaker voorkomen/);
    assert.equal((await s.services.store.incidents.get(s.services.orgId, incident.id))?.value.evaluatie, undefined);

    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.evalueren', { ...click, ...ANSWERS }));
    const text = cardText(r.invokeCard);
    assert.match(text, /De evaluatie is vastgelegd/);
    assert.match(text, /Hoe ernstig was het incident\? Ernstig/);
    assert.match(text, /Waardoor gebeurde het\? \(optioneel\) Onvrede over een vergunning\./);
    assert.match(text, /Geëvalueerd door Sanne Jansen/);
    assert.match(text, /Sanne Jansen · geëvalueerd · gelukt/);
    assert.ok(!hasVerb(r.invokeCard, 'afhandeling.evalueren'), 'no form once evaluated');
    const stored = (await s.services.store.incidents.get(s.services.orgId, incident.id))?.value;
    assert.equal(stored?.evaluatie?.herhalingsrisico, 'hoog');
    assert.equal(stored?.evaluatie?.by.aadObjectId, PEOPLE.griffier.aadObjectId);

    const again = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.evalueren', { ...click, ...ANSWERS, ernst: 'licht' }));
    assert.match(cardText(again.invokeCard), /Deze melding is al geëvalueerd/);
    assert.equal((await s.services.store.incidents.get(s.services.orgId, incident.id))?.value.evaluatie?.ernst, 'ernstig');

    // the report counts the choices, never the texts
    const rows = (await s.services.store.incidents.listByOrganisation(s.services.orgId)).map((v) => reportRow(v.value, undefined));
    const year = new Date(stored?.reportedAt ?? '').getUTCFullYear();
    const ernst = yearFigures(rows, year, s.services.profile.roles, 1).partitions.ernst;
    assert.deepEqual(ernst.find((c) => c.key === 'ernstig')?.value, 1);
  });

  it('lets the informed coordinator evaluate, and refuses anyone else without storing a thing', async () => {
    s = await suite.stack();
    const incident = await closed();
    for (const who of ['burgemeester', 'raadslid'] as const) {
      const r = await send(s.adapter, invoke(who, 'afhandeling.evalueren', { incidentId: incident.id, ...ANSWERS }));
      assert.doesNotMatch(cardText(r.invokeCard), /De evaluatie is vastgelegd/, who);
    }
    assert.equal((await s.services.store.incidents.get(s.services.orgId, incident.id))?.value.evaluatie, undefined);
    const r = await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'afhandeling.evalueren', { incidentId: incident.id, ...ANSWERS }));
    assert.match(cardText(r.invokeCard), /De evaluatie is vastgelegd/);
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.ok(audit.some((e) => e.verb === 'afhandeling.evalueren' && e.outcome === 'ok' && e.actorId === PEOPLE.coordinator.aadObjectId));
    assert.ok(audit.some((e) => e.verb === 'afhandeling.evalueren' && e.outcome === 'geweigerd' && e.actorId === PEOPLE.burgemeester.aadObjectId));
  });

  it('shows the form only to whom the server accepts: a handler and the informed coordinator, not another reader of the channel', async () => {
    s = await suite.stack();
    const incident = await closed();
    const reader = await send(s.adapter, channelInvoke('burgemeester', CHANNELS.griffie, 'afhandeling.vernieuwen', { incidentId: incident.id }));
    assert.match(cardText(reader.invokeCard), new RegExp(incident.number), 'the reader of the channel still sees the melding');
    assert.ok(!hasVerb(reader.invokeCard, 'afhandeling.evalueren'), 'no form the server would refuse');
    assert.doesNotMatch(cardText(reader.invokeCard), /Hoe ernstig was het incident\?/);
    const handler = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vernieuwen', { incidentId: incident.id }));
    assert.ok(hasVerb(handler.invokeCard, 'afhandeling.evalueren'));
    const coordinator = await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'afhandeling.vernieuwen', { incidentId: incident.id }));
    assert.ok(hasVerb(coordinator.invokeCard, 'afhandeling.evalueren'));
    // the coordinator reaches that view through refresh, as the handlers do
    const refresh = coordinator.invokeCard?.['refresh'];
    assert.ok(refresh && typeof refresh === 'object' && 'userIds' in refresh && Array.isArray(refresh.userIds));
    assert.ok(refresh.userIds.includes(PEOPLE.coordinator.id));
  });

  it('does not evaluate an open melding', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.evalueren', { incidentId: incident.id, ...ANSWERS }));
    assert.match(cardText(r.invokeCard), /Een melding wordt geëvalueerd als ze is afgesloten/);
  });
});
