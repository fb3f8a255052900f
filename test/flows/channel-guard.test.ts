import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { cardText, from, invoke, PEOPLE, send } from '../support/bot.js';
import { completeMelding } from '../support/melding.js';
import { cardOf, channelInvoke, channelMessage, CHANNELS, type HandlingStack, link, meldingPosted, member, PLV_GRIFFIER, until, handlingSuite } from './handling-harness.js';

/** Griffie employees and a safety adviser the local people file names as readers of the griffier's channel. */
const EVA = { id: 'user-eva', name: 'Eva Dekker', aadObjectId: '00000000-0000-0000-0000-000000000041' };
const TIM = { id: 'user-tim', name: 'Tim de Jong', aadObjectId: '00000000-0000-0000-0000-000000000043' };

/** Teams' conversationUpdate when someone joins a private or shared channel (channelMemberAdded). */
function memberAdded(channelId: string, who: { id: string; aadObjectId?: string }): Partial<Activity> {
  return {
    type: 'conversationUpdate',
    channelId: 'msteams',
    from: from('griffier'),
    recipient: { id: '28:bot', name: 'Weerbaar' },
    membersAdded: [{ id: who.id, name: '', ...(who.aadObjectId ? { aadObjectId: who.aadObjectId } : {}) }],
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1', name: '' },
    channelData: { eventType: 'channelMemberAdded', tenant: { id: 'tenant-1' }, team: { id: 'team-1' }, channel: { id: channelId } },
  };
}

const textsTo = (s: HandlingStack, pattern: RegExp) =>
  s.fake.calls.filter((c) => c.kind === 'post' && typeof c.body['text'] === 'string' && pattern.test(String(c.body['text'])));

describe('afhandeling: a channel receives meldingen only while everyone in it may read them', function () {
  this.timeout(40_000);
  const suite = handlingSuite();
  let s: HandlingStack;


  it('links a channel whose readers are all allowed, reading every page of the roster', async () => {
    s = await suite.stack();
    s.fake.rosters.set(CHANNELS.griffie, [member('griffier'), PLV_GRIFFIER, member('coordinator'), EVA, TIM]);
    const r = await send(s.adapter, channelMessage('griffier', CHANNELS.griffie, 'koppel griffier'));
    assert.match(cardText(r.replies[0]?.attachments?.[0]?.content), /gekoppeld aan de rol griffier. Alle 5 leden/);
    assert.equal(s.fake.rosterReads.filter((id) => id === CHANNELS.griffie).length, 3, 'three pages of two');
  });

  it('refuses when Teams says the bot is no longer in the channel, and when the roster cannot be read', async () => {
    s = await suite.stack();
    s.fake.rosterForbidden.add(CHANNELS.griffie);
    let r = await send(s.adapter, channelMessage('griffier', CHANNELS.griffie, 'koppel griffier'));
    assert.match(cardText(r.replies[0]?.attachments?.[0]?.content), /kan de leden van dit kanaal niet lezen/);
    s.fake.rosterForbidden.delete(CHANNELS.griffie);
    // the connector client retries a 503 three times itself: an outage that outlasts it
    s.fake.rosterFailures.push(503, 503, 503, 503);
    r = await send(s.adapter, channelMessage('griffier', CHANNELS.griffie, 'koppel griffier'));
    assert.match(cardText(r.replies.find((a) => a.type === 'message')?.attachments?.[0]?.content), /kon niet nagaan wie dit kanaal kan lezen/);
    // a roster that does not list the one who typed `koppel` is not this channel's
    s.fake.rosters.set(CHANNELS.griffie, [member('coordinator')]);
    r = await send(s.adapter, channelMessage('griffier', CHANNELS.griffie, 'koppel griffier'));
    assert.match(cardText(r.replies[0]?.attachments?.[0]?.content), /kon niet nagaan wie dit kanaal kan lezen/);
    assert.equal((await s.services.store.channelLinks.list(s.services.orgId)).length, 0);
  });

  it('suspends a linked channel when a raadslid joins: the coordinator hears who, the next melding goes 1:1, nothing is posted there', async () => {
    s = await suite.stack();
    const first = await meldingPosted(s);
    const griffiePosts = () => s.fake.posts(CHANNELS.griffie).length;
    assert.equal(griffiePosts(), 1);
    s.fake.rosters.set(CHANNELS.griffie, [member('griffier'), member('coordinator'), member('raadslid')]);
    await send(s.adapter, memberAdded(CHANNELS.griffie, { id: PEOPLE.raadslid.id, aadObjectId: PEOPLE.raadslid.aadObjectId }));
    await until('the channel is suspended', async () => Boolean((await s.services.store.channelLinks.get(s.services.orgId, 'griffier'))?.value.suspendedAt));
    await s.fake.waitFor(() => textsTo(s, /kanaal van de griffier is geschorst/).length >= 1);
    const notice = String(textsTo(s, /geschorst/)[0]?.body['text']);
    assert.match(notice, /Fleur de Vries/);
    assert.doesNotMatch(notice, /Sanne Jansen|uitgescholden/, 'names only the outsider, and nothing of a melding');

    // a click on the card in the suspended channel changes nothing there; the griffier gets the melding 1:1
    // a melding card outside the channels: a 1:1 chat, known or created
    const oneToOne = () => s.fake.posts().filter((c) => !c.conversationId.startsWith('19:') && /Melding \d{4}-\d{4}/.test(cardText(cardOf(c.body))));
    const clicked = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: first.id, maatregelen: 'waarschuwing-schriftelijk' }));
    assert.match(cardText(clicked.invokeCard), /Dit kanaal is geschorst/);
    assert.doesNotMatch(cardText(clicked.invokeCard), /uitgescholden|Fleur/);
    await s.fake.waitFor(() => oneToOne().length >= 1);
    assert.equal((await s.services.store.incidents.get(s.services.orgId, first.id))?.value.state, first.state, 'no decision from there');

    // she decides in her 1:1 chat: the coordinator's card changes, the suspended channel's does not,
    // and the plaatsvervangend griffier follows the melding 1:1 too
    const decided = await send(s.adapter, invoke('griffier', 'afhandeling.vaststellen', { incidentId: first.id, maatregelen: 'waarschuwing-schriftelijk' }));
    assert.doesNotMatch(cardText(decided.invokeCard), /geschorst/);
    await s.fake.waitFor((calls) => calls.some((c) => c.kind === 'update' && c.conversationId.startsWith(CHANNELS.coordinator)));
    await s.fake.waitFor(() => oneToOne().length >= 2);
    assert.match(cardText(cardOf(oneToOne()[1]?.body ?? {})), new RegExp(`Melding ${first.number}`));

    // a new melding: to the griffier and the plaatsvervangend griffier 1:1, the coordinator told why
    await completeMelding(s.adapter, 'raadslid');
    await s.fake.waitFor(() => textsTo(s, /niet in het kanaal van de griffier geplaatst/).length >= 1);
    await s.fake.waitFor(() => oneToOne().length >= 4);
    await s.fake.waitFor((calls) => calls.filter((c) => c.kind === 'post' && c.conversationId === CHANNELS.coordinator).length >= 2);
    assert.equal(griffiePosts(), 1, 'nothing new in the suspended channel');
    assert.equal(s.fake.updates().filter((u) => u.conversationId.startsWith(CHANNELS.griffie)).length, 0, 'no update there either');

    // the raadslid left; an administrator links the channel again and it receives meldingen again
    s.fake.rosters.set(CHANNELS.griffie, [member('griffier'), member('coordinator')]);
    await link(s, CHANNELS.griffie, 'griffier');
    const relinked = await s.services.store.channelLinks.get(s.services.orgId, 'griffier');
    assert.equal(relinked?.value.suspendedAt, undefined);
    await completeMelding(s.adapter, 'raadslid');
    await s.fake.waitFor(() => griffiePosts() === 2);
  });

  it('reads the roster again before a post when the last check is a day old, and not when it is fresh', async () => {
    s = await suite.stack();
    await meldingPosted(s);
    const readsAfterLink = s.fake.rosterReads.length;
    await completeMelding(s.adapter, 'raadslid');
    await s.fake.waitFor(() => s.fake.posts(CHANNELS.griffie).length === 2);
    assert.equal(s.fake.rosterReads.length, readsAfterLink, 'a fresh check is trusted');

    const link = await s.services.store.channelLinks.get(s.services.orgId, 'griffier');
    assert.ok(link);
    await s.services.store.channelLinks.update({ ...link.value, checkedAt: new Date(Date.now() - 25 * 3600_000).toISOString() }, link.etag);
    s.fake.rosters.set(CHANNELS.griffie, [member('griffier'), member('wethouder')]);
    await completeMelding(s.adapter, 'raadslid');
    await s.fake.waitFor(() => textsTo(s, /niet in het kanaal van de griffier geplaatst/).length >= 1);
    assert.equal(s.fake.posts(CHANNELS.griffie).length, 2, 'the stale channel got nothing');
    assert.match(String(textsTo(s, /geschorst/)[0]?.body['text']), /Ahmed El Amrani/);
  });

  it('shows a melding to nobody who could not read it anyway: a forged open or refresh in a 1:1 chat learns nothing', async () => {
    s = await suite.stack();
    const incident = await meldingPosted(s);
    for (const verb of ['afhandeling.vernieuwen', 'afhandeling.openen']) {
      const forged = await send(s.adapter, invoke('wethouder', verb, { incidentId: incident.id }));
      const text = cardText(forged.invokeCard);
      assert.match(text, /U kunt deze melding niet bekijken/, verb);
      assert.doesNotMatch(text, new RegExp(`uitgescholden|${incident.number}|Fleur`), `${verb}: nothing of the melding`);
    }
    // the coordinator may look from her own chat; a reader of the channel clicking there sees what is posted there
    assert.match(cardText((await send(s.adapter, invoke('coordinator', 'afhandeling.vernieuwen', { incidentId: incident.id }))).invokeCard), new RegExp(`Melding ${incident.number}`));
    const inChannel = await send(s.adapter, channelInvoke('gemeentesecretaris', CHANNELS.griffie, 'afhandeling.openen', { incidentId: incident.id }));
    assert.match(cardText(inChannel.invokeCard), /Alleen de behandelaar/);
    assert.equal((await s.services.store.incidents.get(s.services.orgId, incident.id))?.value.state, 'gemeld');
  });

  it('tells the coordinator on `kanalen` whom the bot cannot reach 1:1, by name and role', async () => {
    s = await suite.stack();
    await link(s, CHANNELS.coordinator, 'coordinator');
    // the raadslid has her own chat with the bot; the griffier is in the team of a linked channel
    await completeMelding(s.adapter, 'raadslid');
    s.fake.rosters.set('team-1', [member('coordinator'), member('griffier')]);
    const r = await send(s.adapter, channelMessage('coordinator', CHANNELS.coordinator, 'kanalen'));
    const text = cardText(r.replies[0]?.attachments?.[0]?.content);
    assert.match(text, /Niet bereikbaar in een persoonlijke chat/);
    assert.match(text, /Mark Visser \(burgemeester\)/);
    assert.match(text, /Pieter Mulder \(plaatsvervangend griffier\)/);
    assert.doesNotMatch(text, /Fleur de Vries|Sanne Jansen|Joost Bakker/);
    // a handler who is not the coordinator or an administrator does not get the list
    const plain = await send(s.adapter, channelMessage('gemeentesecretaris', CHANNELS.coordinator, 'kanalen'));
    assert.doesNotMatch(cardText(plain.replies[0]?.attachments?.[0]?.content), /Niet bereikbaar/);
  });
});
