import assert from 'node:assert/strict';
import { cardText, send } from '../support/bot.js';
import { channelInvoke, CHANNELS, type HandlingStack, meldingPosted, handlingSuite } from './handling-harness.js';

describe('afhandeling: Afwijzen keeps its reason', function () {
  this.timeout(40_000);
  const suite = handlingSuite();
  let s: HandlingStack;


  it('stores the reason and shows it in the history on the card', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.afwijzen', {
      incidentId: incident.id, reden: 'Dubbele melding van ${gisteren}',
    }));
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.equal(stored?.value.state, 'afgesloten');
    assert.equal(stored?.value.rejectionReason, 'Dubbele melding van ${gisteren}');
    const text = cardText(r.invokeCard);
    assert.match(text, /Sanne Jansen · afgesloten zonder maatregelen · gelukt · reden: Dubbele melding van \$\{gisteren\}/);
    const again = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: incident.id }));
    assert.match(cardText(again.invokeCard), /afgesloten zonder maatregelen · gelukt · reden: Dubbele melding/);
  });

  it('refuses an empty reason and keeps the melding open', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.afwijzen', { incidentId: incident.id, reden: '   ' }));
    assert.match(cardText(r.invokeCard), /Reden: geef op waarom u de melding zonder maatregelen afsluit/);
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.equal(stored?.value.state, 'gemeld');
    assert.equal(stored?.value.rejectionReason, undefined);
  });
});
