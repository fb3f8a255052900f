import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Incident } from '../../src/domain/incident-schema.js';
import { mayOpenFor, plegerSignal, type MayOpen } from '../../src/flows/handling/pleger-signal.js';
import { nl } from '../../src/shared/i18n/nl.js';
import { anIncident } from '../domain/fixtures.js';
import { cardText, invoke, message, PEOPLE, send, type Who } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { cardOf, channelInvoke, channelMessage, CHANNELS, handlingSuite, link, PLV_GRIFFIER, type HandlingStack } from './handling-harness.js';

const GRIFFIE = [PEOPLE.griffier.aadObjectId, PLV_GRIFFIER.aadObjectId ?? ''];
const SIGNAAL = /Deze pleger komt voor in/;
/** the pleger as the raadslid describes him: the e-mail address and the plate typed otherwise than before */
const ANSWERS = { ...STEP_ANSWERS, pleger: { bekend: 'ja', naam: 'Piet', contact: 'mail: PIET@Example.nl', voertuig: 'grijze Golf, 12 abc 3', eerderContact: 'nee' } };

/** Every Action.Execute of a card with this verb: the incident ids it opens. */
function opens(card: unknown, verb = 'afhandeling.vernieuwen'): string[] {
  const found: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      const data = o['data'] as Record<string, unknown> | undefined;
      if (o['type'] === 'Action.Execute' && o['verb'] === verb && typeof data?.['incidentId'] === 'string') found.push(data['incidentId']);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('one pleger, several ambtsdragers: who sees what on the cards and the overview', function () {
  this.timeout(60_000);
  const suite = handlingSuite();
  let s: HandlingStack;
  /** earlier: a raadslid's melding the griffie handles (same plate), and a wethouder's the burgemeester handles (same e-mail) */
  let raadslid: Incident;
  let wethouder: Incident;
  let nieuw: Incident;
  let confirmation: Record<string, unknown> | undefined;

  /** An earlier melding as stored, with its cards recorded in the channels its roles read, as the post job records them. */
  async function earlier(changes: Partial<Incident>, channels: ('griffier' | 'coordinator')[]): Promise<Incident> {
    const incident = anIncident('in-behandeling', { id: randomUUID(), organisationId: s.services.orgId, ...changes });
    await s.services.store.incidents.create(incident);
    for (const role of channels) {
      const linked = await s.services.store.channelLinks.get(s.services.orgId, role);
      assert.ok(linked);
      await s.deps.posts.save({ orgId: s.services.orgId, incidentId: incident.id, target: { kind: 'channel', role }, conversationRef: linked.value.conversationRef, activityId: `${incident.number}-${role}`, postedAt: incident.reportedAt });
    }
    return incident;
  }

  beforeEach(async () => {
    s = await suite.stack();
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    raadslid = await earlier(
      { number: '2026-0901', ambtsdrager: { aadObjectId: 'aad-ander-raadslid', role: 'raadslid' }, handlerIds: GRIFFIE, pleger: { bekend: false, omschrijving: 'man', voertuig: '12-ABC-3', eerderContact: false } },
      ['griffier', 'coordinator'],
    );
    wethouder = await earlier(
      {
        number: '2026-0902',
        ambtsdrager: { aadObjectId: PEOPLE.wethouder.aadObjectId, role: 'wethouder' },
        handlerIds: [PEOPLE.burgemeester.aadObjectId, PEOPLE.gemeentesecretaris.aadObjectId],
        routing: { handlers: ['burgemeester', 'gemeentesecretaris'], informed: [], informedWithConsent: [], coordinator: true, nazorgGivers: ['burgemeester'] },
        pleger: { bekend: true, naam: 'P. Pleger', contact: 'piet@example.nl', eerderContact: false },
      },
      ['coordinator'],
    );
    s.jobs.worker.start();
    ({ confirmation } = await completeMelding(s.adapter, 'raadslid', ANSWERS));
    await s.fake.waitFor(() => s.fake.posts(CHANNELS.griffie).length >= 1 && s.fake.posts(CHANNELS.coordinator).length >= 1);
    const stored = (await s.services.store.incidents.listByOrganisation(s.services.orgId)).map((r) => r.value);
    const found = stored.find((i) => i.id !== raadslid.id && i.id !== wethouder.id);
    assert.ok(found);
    nieuw = found;
  });

  const posted = (channel: string) => cardOf(s.fake.posts(channel)[0]?.body ?? {});
  const view = async (who: Who, incidentId: string, channel?: string) =>
    (await send(s.adapter, channel ? channelInvoke(who, channel, 'afhandeling.vernieuwen', { incidentId }) : invoke(who, 'afhandeling.vernieuwen', { incidentId }))).invokeCard;

  it('the griffie channel: the counts, and a link only to the melding posted there; the proposal is that of a repeated incident', async () => {
    const card = posted(CHANNELS.griffie);
    const text = cardText(card);
    assert.match(text, /Deze pleger komt voor in 2 andere meldingen, over 2 andere ambtsdragers\./);
    assert.match(text, /Hier niet te openen: 1 van deze meldingen\./);
    assert.deepEqual(opens(card).filter((id) => id !== nieuw.id), [raadslid.id], 'the wethouder\'s melding was never posted in the griffie');
    assert.ok(!text.includes(wethouder.number));
    const voorstel = text.split('\n').find((l) => l.startsWith('Voorstel: ')) ?? '';
    assert.ok(voorstel.includes(nl.maatregel.toegangsontzegging) && !voorstel.includes(nl.maatregel['waarschuwing-schriftelijk']), `bedreiging by a pleger of several ambtsdragers, as repeated: ${voorstel}`);
    assert.ok(!/Piet|example|12-ABC-3/i.test(text.split('Deze pleger is eerder gemeld')[1]?.split('\n').slice(0, 4).join('\n') ?? ''), 'the signal names no detail');
  });

  it('a reader of the griffie channel who handles none of them opens from its card what was posted there, and nothing else', async () => {
    // the wethouder stands in for anyone the people file allows to read the griffie channel
    assert.match(cardText(await view('wethouder', raadslid.id, CHANNELS.griffie)), /Melding 2026-0901/);
    for (const [incident, channel] of [[wethouder, CHANNELS.griffie], [raadslid, undefined]] as const) {
      const refused = cardText(await view('wethouder', incident.id, channel));
      assert.ok(!refused.includes(incident.number), `${incident.number} is not shown ${channel ? 'from the griffie channel' : 'in a 1:1 chat'}`);
    }
  });

  it('the handler of the new melding sees the same link in her own view, and opens it; not the other one', async () => {
    const own = await view('griffier', nieuw.id, CHANNELS.griffie);
    assert.match(cardText(own), SIGNAAL);
    assert.deepEqual(opens(own).filter((id) => id !== nieuw.id), [raadslid.id]);
    assert.match(cardText(await view('griffier', raadslid.id, CHANNELS.griffie)), /Melding 2026-0901/);
    const refused = cardText(await view('griffier', wethouder.id));
    assert.match(refused, new RegExp(nl.afhandeling.geenInzage.slice(0, 30)));
    assert.ok(!refused.includes('2026-0902'));
  });

  it('the coordinator sees links to both earlier meldingen, in the channel card and in her own view, and opens them', async () => {
    const channel = posted(CHANNELS.coordinator);
    assert.match(cardText(channel), /Deze pleger komt voor in 2 andere meldingen, over 2 andere ambtsdragers\./);
    assert.deepEqual(new Set(opens(channel).filter((id) => id !== nieuw.id)), new Set([raadslid.id, wethouder.id]));
    assert.doesNotMatch(cardText(channel), /niet te openen/);
    const own = await view('coordinator', nieuw.id);
    assert.deepEqual(new Set(opens(own).filter((id) => id !== nieuw.id)), new Set([raadslid.id, wethouder.id]));
    assert.match(cardText(await view('coordinator', wethouder.id, CHANNELS.coordinator)), /Melding 2026-0902/);
  });

  it('a channel card asks about at most twenty other meldingen, shows the five newest it may open, and counts the rest as not to be opened here', async () => {
    const plaat = { bekend: false, omschrijving: 'man', voertuig: '12-ABC-3', eerderContact: false };
    for (let m = 0; m < 24; m++) {
      const reportedAt = new Date(Date.parse('2026-11-01T09:00:00Z') + m * 60_000).toISOString();
      await earlier({ number: `2026-2${String(m).padStart(3, '0')}`, reportedAt, ambtsdrager: { aadObjectId: `aad-r-${m}`, role: 'raadslid' }, handlerIds: GRIFFIE, pleger: plaat }, m % 2 === 0 ? ['coordinator'] : []);
    }
    const counted = (mayOpen: MayOpen): { mayOpen: MayOpen; asked: () => number } => {
      let asked = 0;
      return { mayOpen: (m) => ((asked += 1), mayOpen(m)), asked: () => asked };
    };
    const kanaal = counted(mayOpenFor(s.services, s.deps.posts, { kind: 'kanaal', channelId: CHANNELS.coordinator }));
    const signal = await plegerSignal(s.services, s.services.orgId, nieuw, kanaal.mayOpen);
    assert.equal(signal.andereMeldingen, 26);
    assert.ok(kanaal.asked() <= 10, `${kanaal.asked()} asked`);
    assert.deepEqual(signal.zichtbaar.map((m) => m.number), ['2026-0902', '2026-0901', '2026-2022', '2026-2020', '2026-2018'], 'the two of the fixture are newer');
    const niemand = counted(() => Promise.resolve(false));
    assert.equal((await plegerSignal(s.services, s.services.orgId, nieuw, niemand.mayOpen)).zichtbaar.length, 0);
    assert.equal(niemand.asked(), 20);
    const card = await view('coordinator', nieuw.id, CHANNELS.coordinator);
    assert.equal(opens(card).filter((id) => id !== nieuw.id).length, 5);
    assert.match(cardText(card), /Hier niet te openen: 21 van deze meldingen\./);
  });

  it('a handler of another role sees on her own melding that the pleger appears elsewhere, without a link, and cannot open the new one', async () => {
    const own = await view('burgemeester', wethouder.id);
    const text = cardText(own);
    assert.match(text, /Deze pleger komt voor in 1 andere melding, over 1 andere ambtsdrager\./, 'the new melding shares the e-mail address; the griffie\'s earlier one shares nothing with this');
    assert.match(text, /Deze meldingen zijn hier niet te openen\./);
    assert.deepEqual(opens(own).filter((id) => id !== wethouder.id), []);
    const refused = cardText(await view('burgemeester', nieuw.id));
    assert.doesNotMatch(refused, SIGNAAL);
    assert.ok(!refused.includes(nieuw.number));
  });

  it('the melder never sees it: not on her confirmation, not in mijn meldingen, and no earlier melding opens for her', async () => {
    assert.doesNotMatch(cardText(confirmation), SIGNAAL);
    const mine = await send(s.adapter, message('raadslid', 'mijn meldingen'));
    const text = mine.replies.map((r) => cardText(r.attachments?.[0]?.content)).join('\n');
    assert.match(text, new RegExp(nieuw.number));
    assert.doesNotMatch(text, /Deze pleger|andere ambtsdrager|2026-0901|2026-0902/);
    for (const other of [raadslid, wethouder]) {
      const refused = cardText(await view('raadslid', other.id));
      assert.ok(!refused.includes(other.number), `${other.number} is not shown to the melder`);
    }
  });

  it('the coordinator\'s overview lists the pleger with the three meldingen to open; a handler\'s own overview does not', async () => {
    const coordinator = (await send(s.adapter, channelMessage('coordinator', CHANNELS.coordinator, 'overzicht'))).replies[0]?.attachments?.[0]?.content;
    const text = cardText(coordinator);
    assert.match(text, /Plegers bij meer dan één ambtsdrager/);
    assert.match(text, /Pleger 1: 3 meldingen over 3 ambtsdragers/);
    assert.deepEqual(new Set(opens(coordinator, 'overzicht.openen')), new Set([nieuw.id, raadslid.id, wethouder.id]));
    assert.doesNotMatch(text, /\bPiet\b|example\.nl|12-?ABC/i, 'no pleger detail');
    const griffier = cardText((await send(s.adapter, message('griffier', 'overzicht'))).replies[0]?.attachments?.[0]?.content);
    assert.doesNotMatch(griffier, /Plegers bij meer dan één ambtsdrager/);
  });

  it('the overview counts only what the coordinator was shown: a melding she was not called in on makes no pleger of two ambtsdragers', async () => {
    const pleger = { bekend: false, omschrijving: 'man', voertuig: 'XX-99-XX', eerderContact: false };
    const hidden = await earlier({ number: '2026-0903', ambtsdrager: { aadObjectId: 'aad-a', role: 'raadslid' }, handlerIds: GRIFFIE, pleger, routing: { ...raadslid.routing, coordinator: false } }, []);
    await earlier({ number: '2026-0904', ambtsdrager: { aadObjectId: 'aad-b', role: 'raadslid' }, handlerIds: GRIFFIE, pleger }, []);
    const overview = async () => cardText((await send(s.adapter, message('coordinator', 'overzicht'))).replies[0]?.attachments?.[0]?.content);
    const before = await overview();
    assert.match(before, /Pleger 1: 3 meldingen over 3 ambtsdragers/);
    assert.doesNotMatch(before, /Pleger 2|2026-0903|Melding 2026-0904 bekijken/, 'one ambtsdrager in what she may see: not listed');
    // once she is called in on it, the pleger is one of two ambtsdragers for her too
    const stored = await s.services.store.incidents.get(s.services.orgId, hidden.id);
    assert.ok(stored);
    await s.services.store.incidents.update({ ...stored.value, routing: { ...stored.value.routing, coordinator: true } }, stored.etag);
    assert.match(await overview(), /Pleger 2: 2 meldingen over 2 ambtsdragers/);
  });

  it('the overview does not join two meldingen she was shown through one she was not, that names both their plegers', async () => {
    const opPlaat = { bekend: false, omschrijving: 'man', voertuig: 'YY-11-YY', eerderContact: false };
    await earlier({ number: '2026-0905', ambtsdrager: { aadObjectId: 'aad-a', role: 'raadslid' }, handlerIds: GRIFFIE, pleger: opPlaat }, []);
    await earlier({ number: '2026-0906', ambtsdrager: { aadObjectId: 'aad-b', role: 'raadslid' }, handlerIds: GRIFFIE, pleger: { bekend: true, naam: 'Q. Anders', contact: 'q@example.org', eerderContact: false } }, []);
    const beide = { bekend: true, naam: 'R. Derde', contact: 'q@example.org', voertuig: 'YY-11-YY', eerderContact: false };
    await earlier({ number: '2026-0907', ambtsdrager: { aadObjectId: 'aad-c', role: 'raadslid' }, handlerIds: GRIFFIE, pleger: beide, routing: { ...raadslid.routing, coordinator: false } }, []);
    const text = cardText((await send(s.adapter, message('coordinator', 'overzicht'))).replies[0]?.attachments?.[0]?.content);
    assert.match(text, /Pleger 1: 3 meldingen over 3 ambtsdragers/);
    assert.doesNotMatch(text, /Pleger 2/, 'only the hidden melding links the plate to the e-mail address');
    assert.doesNotMatch(text, /Melding 2026-090[567] bekijken/);
  });

  it('the overview lists at most five plegers and four meldingen each, says how many more, and stays within what Teams accepts', async () => {
    for (let p = 0; p < 6; p++) {
      for (let m = 0; m < 6; m++) {
        const pleger = { bekend: false, omschrijving: 'man', voertuig: `${10 + p}-XYZ-1`, eerderContact: false };
        await earlier({ number: `2026-1${p}${m}0`, ambtsdrager: { aadObjectId: `aad-${p}-${m}`, role: 'raadslid' }, handlerIds: GRIFFIE, pleger }, []);
      }
    }
    const card = (await send(s.adapter, message('coordinator', 'overzicht'))).replies[0]?.attachments?.[0]?.content;
    const text = cardText(card);
    assert.equal((text.match(/^Pleger \d: /gm) ?? []).length, 5);
    assert.match(text, /Pleger \d: 6 meldingen over 6 ambtsdragers/);
    assert.match(text, /En nog 2 plegers bij meer dan één ambtsdrager\./, 'six of these and the one of the new melding');
    assert.ok(JSON.stringify(card).length < 26_000, `${JSON.stringify(card).length} characters`);
  });
});
