import assert from 'node:assert/strict';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE, send } from '../support/bot.js';
import { completeMelding, dataOf, hasVerb } from '../support/melding.js';
import { cardOf, channelInvoke, channelMessage, CHANNELS, handlingStack, type HandlingStack, link, meldingPosted, member, PLV_GRIFFIER } from './handling-harness.js';

describe('afhandeling: channels and the melding card (in process, Teams faked over HTTP)', function () {
  this.timeout(40_000);
  let az: AzuriteHandle;
  let s: HandlingStack;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  afterEach(() => s.stop());


  describe('linking', () => {
    it('lets only an administrator link, refuses a channel with readers the protocol does not name, and lists the links', async () => {
      s = await handlingStack(az);
      let r = await send(s.adapter, channelMessage('raadslid', CHANNELS.griffie, 'koppel griffier'));
      assert.match(cardText(r.replies[0]?.attachments?.[0]?.content), /Alleen beheerders/);
      // a team's general channel: the whole team reads it, a raadslid and a wethouder among them
      s.fake.rosters.set(CHANNELS.algemeen, [member('griffier'), member('raadslid'), member('coordinator'), member('wethouder')]);
      r = await send(s.adapter, channelMessage('griffier', CHANNELS.algemeen, 'koppel griffier'));
      const refusal = cardText(r.replies[0]?.attachments?.[0]?.content);
      assert.match(refusal, /niet gekoppeld/);
      assert.match(refusal, /Fleur de Vries, Ahmed El Amrani/, 'names the members who may not read');
      assert.doesNotMatch(refusal, /Sanne Jansen|Joost Bakker/, 'the allowed members are not named');
      assert.equal((await s.services.store.channelLinks.list(s.services.orgId)).length, 0);
      await link(s, CHANNELS.griffie, 'griffier');
      r = await send(s.adapter, channelMessage('griffier', CHANNELS.griffie, 'koppel onzin'));
      assert.match(cardText(r.replies[0]?.attachments?.[0]?.content), /Onbekende rol/);
      const stored = await s.services.store.channelLinks.get(s.services.orgId, 'griffier');
      assert.equal(stored?.value.conversationRef.conversation.id, CHANNELS.griffie, 'the channel, not the thread, is linked');
      assert.ok(stored?.value.checkedAt, 'the roster check is remembered');
      r = await send(s.adapter, channelMessage('coordinator', CHANNELS.griffie, 'kanalen'));
      const text = cardText(r.replies[0]?.attachments?.[0]?.content);
      assert.match(text, /griffier: kanaal gekoppeld/);
      assert.match(text, /aangewezen ambtenaar Veiligheid: geen kanaal gekoppeld/);
    });
  });

  describe('posting', () => {
    it('posts the melding card to the griffie channel and the coordinator channel; the burgemeester only gets a notice', async () => {
      s = await handlingStack(az);
      const incident = await meldingPosted(s);
      const griffie = s.fake.posts(CHANNELS.griffie);
      assert.equal(griffie.length, 1);
      const text = cardText(cardOf(griffie[0]!.body));
      assert.match(text, new RegExp(`Melding ${incident.number}`));
      assert.match(text, /uitgescholden en bedreigd/);
      assert.match(text, /Bedreiging of intimidatie/);
      assert.match(text, /Melden is verplicht/);
      assert.match(text, /Besluit over maatregelen/);
      assert.match(text, /Voorstel: .*Schriftelijke waarschuwing/);
      assert.ok(hasVerb(cardOf(griffie[0]!.body), 'afhandeling.openen'), 'the handlers\' channel view offers Oppakken');
      assert.ok(!hasVerb(cardOf(s.fake.posts(CHANNELS.coordinator)[0]!.body), 'afhandeling.openen'), 'the coordinator\'s does not: it would refuse her');
      assert.ok(!hasVerb(cardOf(griffie[0]!.body), 'afhandeling.vaststellen'), 'channel view has no decision actions');
      assert.equal(s.fake.posts(CHANNELS.coordinator).length, 1);
      await s.idle();
      const created = s.fake.calls.filter((c) => c.kind === 'create');
      assert.deepEqual(
        created.map((c) => (c.body['members'] as { id: string }[])[0]?.id),
        [PEOPLE.burgemeester.id],
        'the only 1:1 is the routing table\'s informed party (the burgemeester, by Teams user id), never the card',
      );
    });

    it('without a linked channel sends the card to the handler persons 1:1 and tells the coordinator', async () => {
      s = await handlingStack(az);
      await link(s, CHANNELS.coordinator, 'coordinator');
      s.jobs.worker.start();
      await completeMelding(s.adapter, 'raadslid');
      // griffier and plaatsvervangend griffier (no chat known: created), the coordinator's notice,
      // and the burgemeester's notice (informed by the routing table), in any order
      await s.fake.waitFor((calls) => calls.filter((c) => c.kind === 'create').length >= 4);
      await s.idle();
      const created = s.fake.calls.filter((c) => c.kind === 'create');
      const members = created.map((c) => ((c.body['members'] as { id: string }[])[0]?.id ?? ''));
      // by Teams user id where the directory knows it, else by Entra object id (Pieter)
      assert.ok(members.includes(PEOPLE.griffier.id));
      assert.ok(members.includes('00000000-0000-0000-0000-000000000028'));
      assert.ok(members.includes(PEOPLE.coordinator.id));
      // each 1:1 is created, then posted into: wait for the notice itself
      await s.fake.waitFor((calls) => calls.some((c) => c.kind === 'post' && /geen kanaal gekoppeld/.test(String(c.body['text'] ?? ''))));
    });
  });

  describe('deciding on the card', () => {
    it('refuses a non-handler on the server and changes nothing', async () => {
      s = await handlingStack(az);
      const incident = await meldingPosted(s);
      const r = await send(s.adapter, channelInvoke('burgemeester', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: incident.id, maatregelen: 'waarschuwing-schriftelijk' }));
      assert.match(cardText(r.invokeCard), /Alleen de behandelaar/);
      const after = await s.services.store.incidents.get(s.services.orgId, incident.id);
      assert.equal(after?.value.state, 'gemeld');
      assert.equal(after?.value.decision, undefined);
      const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
      assert.ok(audit.some((e) => e.verb === 'afhandeling.vaststellen' && e.outcome === 'geweigerd' && e.actorId === PEOPLE.burgemeester.aadObjectId));
    });

    it('shows validation errors in Dutch and stores nothing', async () => {
      s = await handlingStack(az);
      const incident = await meldingPosted(s);
      const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: incident.id, maatregelen: 'toegangsontzegging' }));
      assert.match(cardText(r.invokeCard), /Einddatum: geef een einddatum op/);
      const after = await s.services.store.incidents.get(s.services.orgId, incident.id);
      assert.equal(after?.value.state, 'gemeld');
    });

    it('records a decision, updates the coordinator card in place and tells the melder the status', async () => {
      s = await handlingStack(az);
      const incident = await meldingPosted(s);
      const opened = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: incident.id }));
      const form = dataOf(opened.invokeCard, 'afhandeling.vaststellen');
      const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', {
        ...form, maatregelen: 'waarschuwing-schriftelijk,incidentgesprek', toelichting: 'Brief ${gaat} **vandaag** uit',
      }));
      const text = cardText(r.invokeCard);
      assert.match(text, /maatregelen vastgesteld/);
      assert.match(text, /Brief \$\{gaat\} \*\*vandaag\*\* uit/);
      assert.match(text, /Geschiedenis/);
      assert.match(text, /Sanne Jansen · maatregelen vastgesteld · gelukt/);
      const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
      assert.equal(stored?.value.state, 'maatregelen-vastgesteld');
      assert.deepEqual(stored?.value.decision?.types, ['waarschuwing-schriftelijk', 'incidentgesprek']);
      const coordinatorPost = s.fake.posts(CHANNELS.coordinator)[0]!;
      await s.fake.waitFor(() => s.fake.updates(coordinatorPost.activityId).some((u) => /maatregelen vastgesteld/.test(cardText(cardOf(u.body)))));
      const melderChat = `personal-${PEOPLE.raadslid.id}`;
      await s.fake.waitFor(() => s.fake.posts(melderChat).some((p) => /maatregelen vastgesteld/.test(String(p.body['text']))));
      await s.idle();
      const statusTexts = s.fake.posts(melderChat).map((p) => String(p.body['text']));
      assert.ok(statusTexts.some((t) => /in behandeling/.test(t)));
      assert.ok(!statusTexts.some((t) => /Brief/.test(t)), 'no internal deliberation to the melder');
    });

    it('gives exactly one decision when two handlers decide at the same moment', async () => {
      s = await handlingStack(az);
      const incident = await meldingPosted(s);
      const sanne = { ...channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: incident.id, maatregelen: 'waarschuwing-schriftelijk' }) };
      const pieter = channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: incident.id, maatregelen: 'incidentgesprek' });
      pieter.from = { id: 'user-pieter', name: 'Pieter Mulder', aadObjectId: '00000000-0000-0000-0000-000000000028' };
      const [a, b] = await Promise.all([send(s.adapter, sanne), send(s.newAdapter(), pieter)]);
      const texts = [cardText(a.invokeCard), cardText(b.invokeCard)];
      assert.equal(texts.filter((t) => /De maatregelen zijn vastgesteld/.test(t)).length, 1);
      assert.equal(texts.filter((t) => /Over deze melding is al besloten/.test(t)).length, 1);
      const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
      assert.equal(audit.filter((e) => e.verb === 'afhandeling.vaststellen' && e.outcome === 'ok').length, 1);
      const again = await send(s.adapter, sanne);
      assert.match(cardText(again.invokeCard), /Over deze melding is al besloten/, 'a double click counts once');
    });

    it('hands over to the plaatsvervangend griffier, after which the griffier is refused', async () => {
      s = await handlingStack(az);
      const incident = await meldingPosted(s);
      const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.overdragen', { incidentId: incident.id, overdragenAan: 'plaatsvervangend-griffier' }));
      assert.match(cardText(r.invokeCard), /overgedragen aan plaatsvervangend griffier/);
      const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
      assert.deepEqual(stored?.value.handlerIds, [PLV_GRIFFIER.aadObjectId]);
      // the melding goes to the new handler's channel; none is linked, so to Pieter 1:1
      await s.fake.waitFor((calls) => calls.some((c) => c.kind === 'create' && (c.body['members'] as { id: string }[])[0]?.id === PLV_GRIFFIER.aadObjectId));
      const again = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: incident.id, maatregelen: 'incidentgesprek' }));
      assert.match(cardText(again.invokeCard), /Alleen de behandelaar/);
    });
  });
});
