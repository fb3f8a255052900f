import assert from 'node:assert/strict';
import { cardText, invoke, message, PEOPLE, send } from '../support/bot.js';
import { completeMelding, dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { cardOf, channelInvoke, channelMessage, CHANNELS, type HandlingStack, handlingSuite, link, meldingPosted, member } from './handling-harness.js';

const IN_DE_VERGADERING = { ...STEP_ANSWERS, wanneer: { ...STEP_ANSWERS['wanneer'], kanaal: 'vergadering', locatie: 'Raadzaal' } };

describe('who acts on a melding beyond its handler: the voorzitter after a council meeting, the coordinator on request', function () {
  this.timeout(40_000);
  const suite = handlingSuite();
  let s: HandlingStack;

  /** The 1:1 conversation the bot opened with this person, if any. */
  const oneToOne = (id: string): string | undefined =>
    s.fake.calls.find((c) => c.kind === 'create' && (c.body['members'] as { id: string }[])[0]?.id === id)?.conversationId;

  describe('a melding from a council meeting (Nijmegen)', () => {
    it('tells the melder before Melden that the voorzitter reads it, and gives the burgemeester the card in his 1:1 chat, not a notice', async () => {
      s = await suite.stack();
      await link(s, CHANNELS.griffie, 'griffier');
      await link(s, CHANNELS.coordinator, 'coordinator');
      s.jobs.worker.start();
      const { summary } = await completeMelding(s.adapter, 'raadslid', IN_DE_VERGADERING);
      assert.match(cardText(summary), /burgemeester: uw hele melding, omdat het in een vergadering gebeurde: de voorzitter besluit samen met de griffier/);
      assert.doesNotMatch(cardText(summary), /burgemeester: een bericht zonder inhoud/);
      await s.fake.waitFor(() => {
        const conv = oneToOne(PEOPLE.burgemeester.id);
        return conv !== undefined && s.fake.posts(conv).length + s.fake.calls.filter((c) => c.kind === 'create' && c.conversationId === conv && c.body['activity']).length > 0;
      });
      await s.idle();
      const [stored] = await s.services.store.incidents.listByOrganisation(s.services.orgId);
      assert.ok(stored);
      assert.deepEqual(stored.value.routing.vergadering, ['burgemeester']);
      assert.ok(stored.value.handlerIds.includes(PEOPLE.burgemeester.aadObjectId));
      const conv = oneToOne(PEOPLE.burgemeester.id) ?? '';
      const bodies = [...s.fake.posts(conv).map((c) => c.body), ...s.fake.calls.filter((c) => c.kind === 'create' && c.conversationId === conv).map((c) => c.body)];
      const texts = bodies.map((b) => cardText(cardOf(b)));
      assert.ok(texts.some((t) => /Besluiten over aangifte van de ordeverstoring in de vergadering[\s\S]*Door: burgemeester/.test(t)), texts.join('\n---\n'));
      assert.ok(!texts.some((t) => /zonder inhoud/.test(t)), 'a co-handler gets the card, not also the notice');
    });

    it('lets the voorzitter record the aangifte decision from his 1:1 chat; the history names the task', async () => {
      s = await suite.stack();
      const incident = await meldingPosted(s, IN_DE_VERGADERING);
      const r = await send(s.adapter, invoke('burgemeester', 'afhandeling.taakNietNodig', {
        incidentId: incident.id, taak: 'aangifte-ordeverstoring', 'taakReden-aangifte-ordeverstoring': 'De bezoeker verliet de zaal na de eerste vordering.',
      }));
      const text = cardText(r.invokeCard);
      assert.match(text, /Niet nodig volgens Mark Visser/);
      assert.match(text, /Mark Visser · taak niet nodig · gelukt · Besluiten over aangifte van de ordeverstoring/);
      const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
      assert.ok(audit.some((e) => e.verb === 'afhandeling.taakNietNodig' && e.subject === 'aangifte-ordeverstoring' && e.actorId === PEOPLE.burgemeester.aadObjectId));
    });

    it('gives an ordinary melding no such task, and the burgemeester cannot act on it', async () => {
      s = await suite.stack();
      const incident = await meldingPosted(s);
      assert.equal(incident.routing.vergadering, undefined);
      assert.ok(!cardText(cardOf(s.fake.posts(CHANNELS.griffie)[0]!.body)).includes('ordeverstoring'));
      const r = await send(s.adapter, invoke('burgemeester', 'afhandeling.taakGedaan', { incidentId: incident.id, taak: 'politie-afspraak' }));
      assert.doesNotMatch(cardText(r.invokeCard), /Gedaan door/);
      const after = await s.services.store.incidents.get(s.services.orgId, incident.id);
      assert.equal(after?.value.taken, undefined);
    });
  });

  it('lets a handler undo a tick: the task is open again and the history keeps both', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    const done = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.taakGedaan', { incidentId: incident.id, taak: 'aangifte' }));
    const reopen = dataOf(done.invokeCard, 'afhandeling.taakHeropenen');
    assert.equal(reopen['taak'], 'aangifte');
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.taakHeropenen', reopen));
    const text = cardText(r.invokeCard);
    assert.match(text, /De taak staat weer open/);
    assert.match(text, /taak gedaan · gelukt · Aangifte doen/);
    assert.match(text, /taak heropend · gelukt · Aangifte doen/);
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.deepEqual(stored?.value.taken, []);
    const again = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.taakHeropenen', reopen));
    assert.match(cardText(again.invokeCard), /Deze taak staat al open/);
    const stranger = await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'afhandeling.taakHeropenen', reopen));
    assert.match(cardText(stranger.invokeCard), /Alleen de behandelaar/);
  });

  describe('a coordinator who advises on request (Utrecht\'s coördinator VPT)', () => {
    it('gets no card until a handler calls them in, then gets it in their channel and on the overview', async () => {
      s = await suite.stack({ profileId: 'utrecht' });
      s.fake.rosters.set(CHANNELS.griffie, [member('griffier')]);
      const incident = await meldingPosted(s);
      assert.equal(incident.routing.coordinator, false);
      await s.idle();
      assert.equal(s.fake.posts(CHANNELS.coordinator).length, 0, 'no card in the coordinator\'s channel');
      const listed = async (): Promise<string> => cardText((await send(s.adapter, message('coordinator', 'overzicht'))).replies[0]?.attachments?.[0]?.content);
      assert.doesNotMatch(await listed(), new RegExp(incident.number));
      const peek = await send(s.adapter, invoke('coordinator', 'overzicht.openen', { incidentId: incident.id }));
      assert.doesNotMatch(cardText(peek.invokeCard), /Raadzaal/, 'nothing of the melding shown');

      const griffierCard = (await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: incident.id }))).invokeCard;
      assert.match(cardText(griffierCard), /De coördinator Veilige Publieke Taak \(VPT\) kent deze melding nog niet/);
      const call = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.coordinator', dataOf(griffierCard, 'afhandeling.coordinator')));
      assert.match(cardText(call.invokeCard), /is ingeschakeld/);
      assert.ok(!hasVerb(call.invokeCard, 'afhandeling.coordinator'), 'the button is gone once they are in');
      await s.fake.waitFor(() => s.fake.posts(CHANNELS.coordinator).length === 1);
      assert.match(await listed(), new RegExp(incident.number));
      const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
      assert.equal(stored?.value.routing.coordinator, true);
      assert.equal(stored?.value.coordinatorIngeschakeld?.by.aadObjectId, PEOPLE.griffier.aadObjectId);
      const twice = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.coordinator', { incidentId: incident.id }));
      assert.match(cardText(twice.invokeCard), /kent deze melding al/);
      await s.idle();
      assert.equal(s.fake.posts(CHANNELS.coordinator).length, 1, 'posted once');
    });

    it('refuses a coordinator in a handler\'s channel: Utrecht\'s griffie may not hold the coördinator VPT', async () => {
      s = await suite.stack({ profileId: 'utrecht' });
      s.fake.rosters.set(CHANNELS.griffie, [member('griffier'), member('coordinator')]);
      const r = await send(s.adapter, channelMessage('griffier', CHANNELS.griffie, 'koppel griffier'));
      assert.match(cardText(r.replies[0]?.attachments?.[0]?.content), /Joost Bakker/);
      assert.equal(await s.services.store.channelLinks.get(s.services.orgId, 'griffier'), undefined);
    });
  });
});
