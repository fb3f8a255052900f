import assert from 'node:assert/strict';
import { cardText, PEOPLE, send } from '../support/bot.js';
import { dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { cardOf, channelInvoke, CHANNELS, type HandlingStack, meldingPosted, PLV_GRIFFIER, handlingSuite } from './handling-harness.js';

const EMOTIONEEL = {
  ...STEP_ANSWERS,
  wat: { beschrijving: 'Een inwoner klaagde luid over zijn eigen uitkering.', doelwitten: 'ambtsdrager' },
  classificatie: { gerichtOp: 'ik', bedreiging: 'nee', fysiekGeweld: 'nee', aanhoudend: 'ja' },
  categorie: { categorie: 'emotioneel-eigen-situatie' },
};

describe('afhandeling: the protocol\'s tasks on the melding card (in process, Teams faked over HTTP)', function () {
  this.timeout(40_000);
  const suite = handlingSuite();
  let s: HandlingStack;


  it('gives emotional behaviour no police deadline, and says why', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s, EMOTIONEEL);
    assert.equal(incident.chosenCategory, 'emotioneel-eigen-situatie');
    assert.ok(!incident.deadlines.some((d) => d.kind === 'politie-afspraak'), 'no police deadline stored');
    const text = cardText(cardOf(s.fake.posts(CHANNELS.griffie)[0]!.body));
    assert.doesNotMatch(text, /politie/i);
    assert.match(text, /Strafbaar feit vermoed: nee/);
    assert.match(text, /Emotioneel gedrag \(klagen, kritiek, boosheid\) is toegestaan en niet strafbaar/);
  });

  it('lets a handler tick a task; the audit has it and the coordinator\'s card shows it, without buttons', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    const opened = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: incident.id }));
    const openText = cardText(opened.invokeCard);
    assert.match(openText, /Strafbaar feit vermoed: ja/);
    assert.match(openText, /Afspraak maken met de politie/);
    assert.match(openText, /Aangifte doen namens de organisatie/);
    const click = dataOf(opened.invokeCard, 'afhandeling.taakGedaan');
    assert.equal(click['taak'], 'politie-afspraak');
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.taakGedaan', click));
    assert.match(cardText(r.invokeCard), /Gedaan door Sanne Jansen/);
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.deepEqual(
      stored?.value.taken?.map((t) => [t.id, t.state, t.by.aadObjectId]),
      [['politie-afspraak', 'gedaan', PEOPLE.griffier.aadObjectId]],
    );
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.ok(audit.some((e) => e.verb === 'afhandeling.taakGedaan' && e.outcome === 'ok' && e.actorId === PEOPLE.griffier.aadObjectId));
    assert.match(cardText(r.invokeCard), /Sanne Jansen · taak gedaan · gelukt/);
    const coordinatorPost = s.fake.posts(CHANNELS.coordinator)[0]!;
    await s.fake.waitFor(() => s.fake.updates(coordinatorPost.activityId).some((u) => /Gedaan door Sanne Jansen/.test(cardText(cardOf(u.body)))));
    const latest = s.fake.updates(coordinatorPost.activityId).at(-1)!;
    assert.ok(!hasVerb(cardOf(latest.body), 'afhandeling.taakGedaan'), 'the coordinator reads the checklist, never ticks it');
    assert.ok(!hasVerb(cardOf(latest.body), 'afhandeling.strafbaar'));
  });

  it('refuses a non-handler on the server and changes nothing', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    const r = await send(s.adapter, channelInvoke('burgemeester', CHANNELS.griffie, 'afhandeling.taakNietNodig', {
      incidentId: incident.id, taak: 'aangifte', 'taakReden-aangifte': 'Niet nodig.',
    }));
    assert.match(cardText(r.invokeCard), /Alleen de behandelaar/);
    const r2 = await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'afhandeling.strafbaar', { incidentId: incident.id, strafbaar: 'nee' }));
    assert.match(cardText(r2.invokeCard), /Alleen de behandelaar/);
    const after = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.equal(after?.value.taken, undefined);
    assert.equal(after?.value.strafbaarVermoed, undefined);
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.ok(audit.some((e) => e.verb === 'afhandeling.taakNietNodig' && e.outcome === 'geweigerd' && e.actorId === PEOPLE.burgemeester.aadObjectId));
    assert.ok(audit.some((e) => e.verb === 'afhandeling.strafbaar' && e.outcome === 'geweigerd' && e.actorId === PEOPLE.coordinator.aadObjectId));
  });

  it('records Niet nodig only with a reason, and lets the handler change "strafbaar feit vermoed"', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    const ref = { incidentId: incident.id, taak: 'aangifte' };
    let r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.taakNietNodig', { ...ref, 'taakReden-aangifte': ' ' }));
    assert.match(cardText(r.invokeCard), /Waarom niet nodig: geef een reden op waarom de taak niet nodig is/);
    assert.equal((await s.services.store.incidents.get(s.services.orgId, incident.id))?.value.taken, undefined);
    r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.taakNietNodig', { ...ref, 'taakReden-aangifte': 'De melder doet zelf aangifte.' }));
    assert.match(cardText(r.invokeCard), /Niet nodig volgens Sanne Jansen op .*: De melder doet zelf aangifte\./);
    r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.strafbaar', dataOf(r.invokeCard, 'afhandeling.strafbaar')));
    const text = cardText(r.invokeCard);
    assert.match(text, /Strafbaar feit vermoed: nee/);
    assert.match(text, /Aangepast door Sanne Jansen/);
    assert.doesNotMatch(text, /Afspraak maken met de politie/, 'the open police task goes');
    assert.match(text, /De melder doet zelf aangifte/, 'what was recorded stays');
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.equal(stored?.value.strafbaarVermoed?.value, false);
    assert.ok(!stored?.value.deadlines.some((d) => d.kind === 'politie-afspraak'));
  });

  it('under Utrecht has the handler (the griffier) warn the Inspectie SZW within 24 hours after an injury', async () => {
    s = await suite.stack({ profileId: 'utrecht' });
    const injured = { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], letsel: 'ja' } };
    const incident = await meldingPosted(s, injured);
    assert.equal(incident.impact?.letsel, true);
    const text = cardText(cardOf(s.fake.posts(CHANNELS.griffie)[0]!.body));
    assert.match(text, /Melding bij de Inspectie SZW \(Arbeidsinspectie\) bij letsel of ziekenhuisopname\s+Uiterlijk .*\.( Op tijd| Bijna te laat| Te laat)[^\n]*\s+Door: griffier/);
  });

  it('keeps both when two handlers tick two tasks at the same moment, and counts a double click once', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    const sanne = channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.taakGedaan', { incidentId: incident.id, taak: 'politie-afspraak' });
    const pieter = channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.taakGedaan', { incidentId: incident.id, taak: 'aangifte' });
    pieter.from = { id: PLV_GRIFFIER.id, name: PLV_GRIFFIER.name, aadObjectId: PLV_GRIFFIER.aadObjectId! };
    await Promise.all([send(s.adapter, sanne), send(s.newAdapter(), pieter)]);
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.deepEqual(stored?.value.taken?.map((t) => [t.id, t.by.name]).sort(), [['aangifte', 'Pieter Mulder'], ['politie-afspraak', 'Sanne Jansen']]);
    const again = await send(s.adapter, sanne);
    assert.match(cardText(again.invokeCard), /Deze taak is al afgehandeld/);
    assert.equal((await s.services.store.incidents.get(s.services.orgId, incident.id))?.value.taken?.length, 2);
  });
});
