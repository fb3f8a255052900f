import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Incident } from '../../src/domain/incident-schema.js';
import { plegerSignal } from '../../src/flows/handling/pleger-signal.js';
import type { Services } from '../../src/flows/services.js';
import { ELDERS_TTL_MS, plegerEldersFor, type Deelnemer } from '../../src/store/pleger-elders.js';
import { anIncident } from '../domain/fixtures.js';
import { cardText, invoke, message, send, type Who } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { cardOf, channelInvoke, CHANNELS, handlingSuite, link, type HandlingStack } from './handling-harness.js';

/** The pleger signal across the organisations of one deployment: a count for the handlers, the names for the coordinator, and only between organisations that both consented. */

const ZEIST: Deelnemer = { id: 'gemeente-zeist', name: 'Gemeente Zeist' };
const HEUVELRUG: Deelnemer = { id: 'gemeente-heuvelrug', name: 'Gemeente Utrechtse Heuvelrug' };
const DE_BILT: Deelnemer = { id: 'gemeente-de-bilt', name: 'Gemeente De Bilt' };
/** the raadslid's pleger: the e-mail address typed otherwise than the other organisations stored it */
const ANSWERS = { ...STEP_ANSWERS, pleger: { bekend: 'ja', naam: 'Piet', contact: 'mail: PIET@Example.nl', eerderContact: 'nee' } };
const ELDERS = /ook bekend bij \d+ andere organisaties? in deze omgeving/i;
const MARK = 'Zeistmerkteken: hij stond weer bij het gemeentehuis.';

describe('one pleger across the organisations of a deployment: a count without content, with consent on both sides', function () {
  this.timeout(60_000);
  const suite = handlingSuite();
  let s: HandlingStack;
  let here: Deelnemer;

  /** A melding of another organisation of the deployment, stored in its own partition, naming the same e-mail address. */
  async function elsewhere(org: Deelnemer, number: string): Promise<Incident> {
    const incident = anIncident('in-behandeling', {
      id: randomUUID(),
      organisationId: org.id,
      number,
      description: MARK,
      ambtsdrager: { aadObjectId: `aad-${org.id}`, role: 'raadslid' },
      pleger: { bekend: true, naam: 'P. Pleger', contact: 'piet@example.nl', eerderContact: false },
    });
    await s.services.store.incidents.create(incident);
    return incident;
  }

  /** The stack of this organisation, whose consenting organisations are `deelnemers`; the raadslid reports, and the cards are posted. */
  async function reported(deelnemers: (orgId: string) => Deelnemer[]): Promise<{ nieuw: Incident; confirmation: Record<string, unknown> | undefined }> {
    clock = 0;
    s = await suite.stack({ configure: (svc) => ({ ...svc, plegerElders: plegerEldersFor(svc.store.plegers, deelnemers(svc.orgId), svc.orgId, () => clock) }) });
    here = { id: s.services.orgId, name: 'Gemeente Lokaal' };
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    return { nieuw: await fileMelding(), confirmation };
  }
  let confirmation: Record<string, unknown> | undefined;
  /** the port's clock: its answers are reused for a minute */
  let clock = 0;
  async function fileMelding(): Promise<Incident> {
    s.jobs.worker.start();
    ({ confirmation } = await completeMelding(s.adapter, 'raadslid', ANSWERS));
    await s.fake.waitFor(() => s.fake.posts(CHANNELS.griffie).length >= 1 && s.fake.posts(CHANNELS.coordinator).length >= 1);
    const [nieuw] = (await s.services.store.incidents.listByOrganisation(s.services.orgId)).map((r) => r.value);
    assert.ok(nieuw);
    return nieuw;
  }

  const posted = (channel: string) => cardOf(s.fake.posts(channel)[0]?.body ?? {});
  const view = async (who: Who, incidentId: string, channel?: string) =>
    (await send(s.adapter, channel ? channelInvoke(who, channel, 'afhandeling.vernieuwen', { incidentId }) : invoke(who, 'afhandeling.vernieuwen', { incidentId }))).invokeCard;
  /** The signal as the other organisation's own cards would get it: its services, its port. */
  const signalOf = (org: Deelnemer, incident: Incident, deelnemers: Deelnemer[]) => {
    const services: Services = { ...s.services, orgId: org.id, plegerElders: plegerEldersFor(s.services.store.plegers, deelnemers, org.id) };
    return plegerSignal(services, org.id, incident, () => Promise.resolve(false));
  };
  /** Nothing of the other organisations' meldingen: no id, number or text, anywhere in the card's JSON. */
  const nothingOf = (card: unknown, ...incidents: Incident[]) => {
    const json = JSON.stringify(card);
    for (const i of incidents) {
      assert.ok(!json.includes(i.id), 'no melding id of another organisation');
      assert.ok(!json.includes(i.number), `no number of another organisation (${i.number})`);
    }
    assert.ok(!json.includes('Zeistmerkteken'), 'no content of another organisation');
  };

  it('both consent: the handlers read "1 andere organisatie", the coordinator also which; nothing of its melding, nothing of an organisation that did not consent', async () => {
    const { nieuw, confirmation: bevestiging } = await reported((orgId) => [{ id: orgId, name: 'Gemeente Lokaal' }, ZEIST, DE_BILT]);
    const zeist = await elsewhere(ZEIST, '2026-0777');
    const heuvelrug = await elsewhere(HEUVELRUG, '2026-0888');
    // the cards were posted before the other meldingen were stored: within the minute the count
    // is that of the posted cards, after it the views below are built again and count them
    assert.doesNotMatch(cardText(await view('griffier', nieuw.id, CHANNELS.griffie)), ELDERS);
    clock += ELDERS_TTL_MS;
    const griffier = await view('griffier', nieuw.id, CHANNELS.griffie);
    assert.match(cardText(griffier), /Deze pleger is ook bekend bij 1 andere organisatie in deze omgeving\./);
    assert.doesNotMatch(cardText(griffier), /Zeist|Heuvelrug|De Bilt/, 'the handler reads the count only');
    assert.doesNotMatch(cardText(griffier), /komt voor in|herhaald incident/, 'no melding of this organisation names the pleger');
    nothingOf(griffier, zeist, heuvelrug);

    for (const card of [await view('coordinator', nieuw.id), await view('coordinator', nieuw.id, CHANNELS.coordinator)]) {
      const text = cardText(card);
      assert.match(text, /ook bekend bij 1 andere organisatie/);
      assert.match(text, /Ook bekend bij: Gemeente Zeist\./);
      assert.match(text, /contact opnemen met de coördinator van die organisatie/);
      assert.doesNotMatch(text, /Heuvelrug|De Bilt/);
      nothingOf(card, zeist, heuvelrug);
    }

    // the other consenting organisation sees it the other way round; the one that did not consent sees nothing
    assert.deepEqual((await signalOf(ZEIST, zeist, [here, ZEIST, DE_BILT])).elders, [here.name]);
    assert.deepEqual((await signalOf(HEUVELRUG, heuvelrug, [here, ZEIST, DE_BILT])).elders, []);

    assert.doesNotMatch(cardText(bevestiging), ELDERS);
    const mine = (await send(s.adapter, message('raadslid', 'mijn meldingen'))).replies.map((r) => cardText(r.attachments?.[0]?.content)).join('\n');
    assert.match(mine, new RegExp(nieuw.number));
    assert.doesNotMatch(mine, /bekend bij|Zeist|Heuvelrug/);
  });

  it('the cards posted after the other organisation stored its melding show the count in both channels', async () => {
    s = await suite.stack({ configure: (svc) => ({ ...svc, plegerElders: plegerEldersFor(svc.store.plegers, [{ id: svc.orgId, name: 'Gemeente Lokaal' }, ZEIST], svc.orgId) }) });
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    const zeist = await elsewhere(ZEIST, '2026-0777');
    await fileMelding();
    assert.match(cardText(posted(CHANNELS.griffie)), /ook bekend bij 1 andere organisatie/);
    assert.doesNotMatch(cardText(posted(CHANNELS.griffie)), /Zeist/);
    assert.match(cardText(posted(CHANNELS.coordinator)), /Ook bekend bij: Gemeente Zeist\./);
    nothingOf(posted(CHANNELS.griffie), zeist);
    nothingOf(posted(CHANNELS.coordinator), zeist);
  });

  it('the other organisation did not consent: nothing here, and nothing there', async () => {
    const { nieuw } = await reported((orgId) => [{ id: orgId, name: 'Gemeente Lokaal' }, DE_BILT]);
    const heuvelrug = await elsewhere(HEUVELRUG, '2026-0888');
    for (const card of [await view('griffier', nieuw.id, CHANNELS.griffie), await view('coordinator', nieuw.id)]) {
      assert.doesNotMatch(cardText(card), /bekend bij|Heuvelrug/);
      nothingOf(card, heuvelrug);
    }
    assert.equal(plegerEldersFor(s.services.store.plegers, [here, DE_BILT], HEUVELRUG.id), undefined, 'no port for an organisation that did not consent');
    assert.deepEqual((await signalOf(HEUVELRUG, heuvelrug, [here, DE_BILT])).elders, []);
  });

  it('this organisation did not consent, the other did: nothing here, and the other is not told of this one', async () => {
    const { nieuw } = await reported(() => [ZEIST, DE_BILT]);
    assert.equal(s.services.plegerElders, undefined);
    const zeist = await elsewhere(ZEIST, '2026-0777');
    for (const card of [await view('griffier', nieuw.id, CHANNELS.griffie), await view('coordinator', nieuw.id)]) {
      assert.doesNotMatch(cardText(card), /bekend bij|Zeist/);
      nothingOf(card, zeist);
    }
    assert.deepEqual((await signalOf(ZEIST, zeist, [ZEIST, DE_BILT])).elders, [], 'this organisation holds the key but did not consent');
  });
});

describe('the count across organisations (src/store/pleger-elders.ts): one answer per melding a minute', function () {
  it('asks each other organisation once for the updates of one melding, again after a minute, and apart for other keys', async () => {
    const asked: string[] = [];
    let clock = 0;
    const index = { holdsAny: (orgId: string) => Promise.resolve(asked.push(orgId) > 0 && orgId === ZEIST.id) };
    const port = plegerEldersFor(index, [HEUVELRUG, ZEIST, DE_BILT], HEUVELRUG.id, () => clock);
    assert.ok(port);
    for (const keys of [['k1', 'k2'], ['k2', 'k1'], ['k1', 'k2']]) assert.deepEqual(await port.bekendBij(keys), ['Gemeente Zeist']);
    assert.deepEqual(asked, [ZEIST.id, DE_BILT.id]);
    await port.bekendBij(['k3']);
    assert.equal(asked.length, 4);
    clock = ELDERS_TTL_MS;
    await port.bekendBij(['k1', 'k2']);
    assert.equal(asked.length, 6);
  });
});
