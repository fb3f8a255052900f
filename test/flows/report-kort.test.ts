import assert from 'node:assert/strict';
import { ontbrekend } from '../../src/domain/aanvulling.js';
import type { Incident } from '../../src/domain/incident-schema.js';
import { cardText, invoke, PEOPLE, send } from '../support/bot.js';
import { dataOf, hasVerb, inputValues, STEP_ANSWERS } from '../support/melding.js';
import { cardOf, channelInvoke, CHANNELS, handlingSuite, link, type HandlingStack } from './handling-harness.js';

const KORT = {
  beschrijving: 'Na de vergadering dreigde een bezoeker dat hij mij thuis wel zou vinden.',
  kanaal: 'persoonlijk',
  locatie: 'Stadhuis',
  pleger: 'Man, ongeveer 50, grijze jas',
};

/** Start, Kort melden, the short card: returns the short card. */
async function shortCard(s: HandlingStack) {
  const { invokeCard: safety } = await send(s.adapter, invoke('raadslid', 'melding.start', {}));
  assert.match(cardText(safety), /Ik ben veilig: kort melden/);
  const { invokeCard } = await send(s.adapter, invoke('raadslid', 'melding.kort.kiezen', dataOf(safety, 'melding.kort.kiezen')));
  return invokeCard;
}

/** The short path to Melden (from the start, or from the short card shown), with the card's own date and time (now). */
async function fileShort(s: HandlingStack, shown?: Record<string, unknown>) {
  const card = shown ?? (await shortCard(s));
  const fields = inputValues(card);
  const { invokeCard } = await send(s.adapter, invoke('raadslid', 'melding.kort', { ...dataOf(card, 'melding.kort'), datum: fields['datum'], tijd: fields['tijd'], ...KORT }));
  const [stored] = await s.services.store.incidents.listByOrganisation(s.services.orgId);
  return { confirmation: invokeCard, incident: stored?.value };
}

/** The error lines a card shows (the red TextBlocks), not the inputs' own error messages. */
function shownErrors(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o['type'] === 'TextBlock' && o['color'] === 'Attention' && typeof o['text'] === 'string') out.push(o['text']);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}


async function stored(s: HandlingStack, id: string): Promise<Incident> {
  const found = await s.services.store.incidents.get(s.services.orgId, id);
  assert.ok(found);
  return found.value;
}

describe('kort melden: the short path, Aanvullen, and the handler settling the category', function () {
  this.timeout(60_000);
  const suite = handlingSuite();
  let s: HandlingStack;

  it('files a short melding like any other: numbered, routed, deadlines running, its missing parts derived', async () => {
    s = await suite.stack();
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    s.jobs.worker.start();
    const card = await shortCard(s);
    const text = cardText(card);
    assert.match(text, /Wat is er gebeurd\?/);
    assert.match(text, /Wanneer: nu/);
    // the people file knows Fleur is a raadslid: her role is not asked
    assert.ok(!('rol' in inputValues(card)));
    const { confirmation, incident } = await fileShort(s, card);
    assert.ok(incident);
    assert.match(cardText(confirmation), new RegExp(`Meldingsnummer: ${incident.number}`));
    assert.match(cardText(confirmation), /Nog aan te vullen: tegen wie of wat, soort gedrag, over de pleger, gevolgen, nazorg en toestemming/);
    assert.equal(dataOf(confirmation, 'melding.aanvullen')['incidentId'], incident.id);
    assert.equal(incident.state, 'gemeld');
    assert.equal(incident.answers, undefined);
    assert.equal(incident.impact, undefined);
    assert.deepEqual(incident.doelwitten, []);
    assert.equal(incident.chosenCategory, 'bedreiging-intimidatie', 'proposed from "dreigde"');
    assert.deepEqual(incident.pleger, { bekend: false, omschrijving: KORT.pleger });
    assert.equal(incident.melder.aadObjectId, PEOPLE.raadslid.aadObjectId);
    assert.ok(incident.handlerIds.includes(PEOPLE.griffier.aadObjectId));
    assert.ok(incident.deadlines.some((d) => d.kind === 'politie-afspraak'), 'a threat: the police deadline runs');
    assert.ok(Math.abs(new Date(incident.occurredAt).getTime() - Date.now()) < 5 * 60_000, 'when: now');
    assert.deepEqual(ontbrekend(incident), ['doelwitten', 'classificatie', 'categorie', 'pleger', 'impact']);
    // on the handler's card: what is missing, the proposal, the choice
    await s.fake.waitFor((calls) => calls.some((c) => c.kind === 'post' && c.conversationId.startsWith(CHANNELS.griffie)));
    const posted = cardText(cardOf(s.fake.posts(CHANNELS.griffie)[0]!.body));
    assert.match(posted, /Aanvulling nodig/);
    assert.match(posted, /Nog niet ingevuld door de melder: tegen wie of wat, soort gedrag, categorie, over de pleger/);
    assert.match(posted, /Voorgestelde categorie: Bedreiging of intimidatie \(uit de beschrijving\)/);
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.deepEqual(audit.map((e) => [e.verb, e.outcome]), [['melding.indienen', 'ok']]);
  });

  it('says in Dutch what is wrong on the short card and files nothing', async () => {
    s = await suite.stack();
    const card = await shortCard(s);
    const ref = dataOf(card, 'melding.kort');
    let r = await send(s.adapter, invoke('raadslid', 'melding.kort', { ...ref, datum: '2999-01-01', tijd: '10:00', ...KORT }));
    assert.deepEqual(shownErrors(r.invokeCard), ['Dit moment ligt in de toekomst. Een incident kunt u melden nadat het is gebeurd.']);
    r = await send(s.adapter, invoke('raadslid', 'melding.kort', { ...ref, ...inputValues(card), beschrijving: ' ', kanaal: 'ergens' }));
    assert.deepEqual(shownErrors(r.invokeCard), ['Dit veld is verplicht.', 'De gegevens van deze kaart zijn niet geldig. Er is niets gewijzigd.']);
    assert.match(cardText(r.invokeCard), /Niet alles is goed ingevuld/);
    r = await send(s.adapter, invoke('raadslid', 'melding.kort', { draftId: 'geen-id' }));
    assert.doesNotMatch(cardText(r.invokeCard), /Meldingsnummer/);
    assert.equal((await s.services.store.incidents.listByOrganisation(s.services.orgId)).length, 0);
    // the long way is one tap away
    r = await send(s.adapter, invoke('raadslid', 'melding.kort.volledig', ref));
    assert.match(cardText(r.invokeCard), /Stap 1 van/);
  });

  it('lets the melder add the rest afterwards: stored, audited, the posted cards updated', async () => {
    s = await suite.stack();
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    s.jobs.worker.start();
    const { confirmation, incident } = await fileShort(s);
    assert.ok(incident);
    await s.fake.waitFor((calls) => calls.some((c) => c.kind === 'post' && c.conversationId.startsWith(CHANNELS.griffie)));
    // from "mijn meldingen" as well as from the receipt
    const mine = await send(s.adapter, invoke('raadslid', 'meldingen.mijn', {}));
    assert.equal(dataOf(mine.invokeCard, 'melding.aanvullen')['incidentId'], incident.id);
    let card = (await send(s.adapter, invoke('raadslid', 'melding.aanvullen', dataOf(confirmation, 'melding.aanvullen')))).invokeCard;
    const answers: Record<string, Record<string, string>> = { doelwitten: { doelwitten: 'ambtsdrager,naasten' }, ...STEP_ANSWERS };
    const parts: string[] = [];
    for (let i = 0; i < 6 && hasVerb(card, 'melding.aanvullen'); i++) {
      const data = dataOf(card, 'melding.aanvullen');
      parts.push(String(data['deel']));
      card = (await send(s.adapter, invoke('raadslid', 'melding.aanvullen', { ...data, ...(answers[String(data['deel'])] ?? {}) }))).invokeCard;
    }
    assert.deepEqual(parts, ['doelwitten', 'classificatie', 'pleger', 'impact']);
    assert.match(cardText(card), new RegExp(`Melding ${incident.number} is aangevuld`));
    const after = await stored(s, incident.id);
    assert.deepEqual(ontbrekend(after), []);
    assert.deepEqual(after.doelwitten, ['ambtsdrager', 'naasten']);
    assert.equal(after.derivedCategory, 'bedreiging-intimidatie');
    assert.equal(after.impact?.toestemmingAangifte, true);
    assert.equal(after.pleger.eerderContact, false);
    assert.equal(after.number, incident.number);
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.deepEqual(audit.filter((e) => e.verb === 'melding.aanvullen').map((e) => [e.outcome, e.subject, e.actorId]), parts.map((p) => ['ok', p, PEOPLE.raadslid.aadObjectId]));
    // the handler's card follows through the update jobs, and no longer asks for anything
    const post = s.fake.posts(CHANNELS.griffie)[0]!;
    await s.fake.waitFor(() => s.fake.updates(post.activityId).some((u) => /aangifte door de gemeente: Ja/i.test(cardText(cardOf(u.body)))));
    const latest = cardText(cardOf(s.fake.updates(post.activityId).at(-1)!.body));
    assert.doesNotMatch(latest, /Aanvulling nodig/);
    // nothing left: Aanvullen says so
    const again = await send(s.adapter, invoke('raadslid', 'melding.aanvullen', { incidentId: incident.id }));
    assert.match(cardText(again.invokeCard), /is compleet/);
  });

  it('refuses Aanvullen by anyone but the melder, and answers bad input in Dutch', async () => {
    s = await suite.stack();
    const { incident } = await fileShort(s);
    assert.ok(incident);
    const other = await send(s.adapter, invoke('griffier', 'melding.aanvullen', {
      incidentId: incident.id, deel: 'classificatie', ...STEP_ANSWERS['classificatie'],
    }));
    assert.match(cardText(other.invokeCard), /Alleen wie deze melding deed, kan hem aanvullen\. Er is niets gewijzigd\./);
    assert.equal((await stored(s, incident.id)).answers, undefined);
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.ok(audit.some((e) => e.verb === 'melding.aanvullen' && e.outcome === 'geweigerd' && e.actorId === PEOPLE.griffier.aadObjectId));
    const bad = await send(s.adapter, invoke('raadslid', 'melding.aanvullen', {
      incidentId: incident.id, deel: 'classificatie', ...STEP_ANSWERS['classificatie'], gerichtOp: 'iedereen',
    }));
    assert.match(cardText(bad.invokeCard), /Niet alles is goed ingevuld/);
    assert.deepEqual(shownErrors(bad.invokeCard), ['De gegevens van deze kaart zijn niet geldig. Er is niets gewijzigd.']);
    assert.equal(dataOf(bad.invokeCard, 'melding.aanvullen')['deel'], 'classificatie');
    const broken = await send(s.adapter, invoke('raadslid', 'melding.aanvullen', { incidentId: 'niet-een-id' }));
    assert.match(cardText(broken.invokeCard), /De gegevens van deze kaart zijn niet geldig/);
    assert.equal((await stored(s, incident.id)).answers, undefined);
  });

  it('lets a handler, and only a handler, settle the category of a short melding', async () => {
    s = await suite.stack();
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    s.jobs.worker.start();
    const { incident } = await fileShort(s);
    assert.ok(incident);
    await s.fake.waitFor((calls) => calls.filter((c) => c.kind === 'post' && c.conversationId.startsWith('19:')).length >= 2);
    const handlerCard = (await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId: incident.id }))).invokeCard;
    assert.ok(hasVerb(handlerCard, 'afhandeling.categorie'));
    const refused = await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'afhandeling.categorie', { incidentId: incident.id, categorie: 'verbale-agressie' }));
    assert.match(cardText(refused.invokeCard), /Alleen de behandelaar/);
    const bad = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.categorie', { incidentId: incident.id, categorie: 'heel-erg' }));
    assert.match(cardText(bad.invokeCard), /Kies een categorie uit de lijst\./);
    assert.equal((await stored(s, incident.id)).categorieVastgesteld, undefined);
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.categorie', { incidentId: incident.id, categorie: 'verbale-agressie' }));
    assert.match(cardText(r.invokeCard), /Categorie vastgesteld door Sanne Jansen/);
    const after = await stored(s, incident.id);
    assert.equal(after.chosenCategory, 'verbale-agressie');
    assert.equal(after.categorieVastgesteld?.by.aadObjectId, PEOPLE.griffier.aadObjectId);
    assert.ok(!after.deadlines.some((d) => d.kind === 'politie-afspraak'), 'verbal aggression: no police deadline');
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.ok(audit.some((e) => e.verb === 'afhandeling.categorie' && e.outcome === 'ok' && e.subject === 'verbale-agressie' && e.actorId === PEOPLE.griffier.aadObjectId));
    assert.ok(audit.some((e) => e.verb === 'afhandeling.categorie' && e.outcome === 'geweigerd' && e.actorId === PEOPLE.coordinator.aadObjectId));
    // the melder's answers later derive a category; the handler's stays
    let card = (await send(s.adapter, invoke('raadslid', 'melding.aanvullen', { incidentId: incident.id }))).invokeCard;
    for (let i = 0; i < 6 && hasVerb(card, 'melding.aanvullen'); i++) {
      const data = dataOf(card, 'melding.aanvullen');
      const answers: Record<string, Record<string, string>> = { doelwitten: { doelwitten: 'ambtsdrager' }, ...STEP_ANSWERS };
      card = (await send(s.adapter, invoke('raadslid', 'melding.aanvullen', { ...data, ...(answers[String(data['deel'])] ?? {}) }))).invokeCard;
    }
    const done = await stored(s, incident.id);
    assert.equal(done.derivedCategory, 'bedreiging-intimidatie');
    assert.equal(done.chosenCategory, 'verbale-agressie');
  });
});
