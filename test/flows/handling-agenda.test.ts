import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { loadAgendaConfig } from '../../src/agenda/config.js';
import { createAgenda, type Agenda, type BookingKind } from '../../src/agenda/index.js';
import { createBotServer } from '../../src/bot/server.js';
import { formatDutch } from '../../src/domain/format.js';
import { agendaChanged } from '../../src/flows/handling/index.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { events, parseIcs, value, type IcsComponent } from '../calendar/ics-parser.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { assertExpanded, cardText, invoke, message, PEOPLE, send, silentLogger } from '../support/bot.js';
import { dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { cardOf, channelInvoke, CHANNELS, handlingStack, meldingPosted, until, type HandlingStack } from './handling-harness.js';

const EMAIL = { raadslid: 'fleur.devries@gemeente-lokaal.example', griffier: 'sanne.jansen@gemeente-lokaal.example' };
const PLEGER = 'pleger@voorbeeld.example';

let tableCounter = 0;

describe('afhandeling with the agenda: booked moments on the card, Verplaatsen, the pleger, the melder told', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let s: HandlingStack;
  let agenda: Agenda;
  let server: ReturnType<typeof createBotServer>;
  let base: string;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  afterEach(async () => {
    server.server.closeAllConnections();
    await new Promise<void>((resolve) => server.server.close(() => resolve()));
    await s.stop();
  });

  /** The handling stack plus an agenda on tables of its own, wired as src/initialize.ts wires it. */
  const start = async () => {
    s = await handlingStack(az);
    const i = ++tableCounter;
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    agenda = await createAgenda(s.services, {
      tables: (name) => tables(`${name}h${i}`),
      agendaConfig: loadAgendaConfig({}),
    });
    s.deps.agenda = agenda;
    agenda.register(s.jobs.worker, agendaChanged(s.services, s.deps));
    server = createBotServer({ logger: silentLogger, authenticate: async () => ({ ok: false, status: 401, reason: 'no-bot-here' }), routes: agenda.routes });
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  };

  const get = (url: string) => fetch(`${base}${new URL(url).pathname}`);

  const feed = async (email: string): Promise<IcsComponent[]> => {
    const url = agenda.icsUrlFor(email);
    assert.ok(url);
    const res = await get(url);
    assert.equal(res.status, 200);
    return events(parseIcs(await res.text()));
  };

  const booked = (incidentId: string, kind: BookingKind) => async () =>
    (await agenda.bookingsFor(incidentId))?.items.some((i) => i.kind === kind && i.status === 'geboekt' && !i.movePending) ?? false;

  const handlerCard = async (incidentId: string) =>
    (await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vernieuwen', { incidentId }))).invokeCard;

  const decide = async (incidentId: string, maatregelen: string) => {
    const opened = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.openen', { incidentId }));
    const form = dataOf(opened.invokeCard, 'afhandeling.vaststellen');
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { ...form, maatregelen }));
    assert.match(cardText(r.invokeCard), /De maatregelen zijn vastgesteld/);
  };

  it('books the incidentgesprek on the decision and shows it, with the .ics for a letter, on the cards', async () => {
    await start();
    const incident = await meldingPosted(s);
    await decide(incident.id, 'waarschuwing-schriftelijk,incidentgesprek');
    await until('incidentgesprek booked', booked(incident.id, 'incidentgesprek'));

    const card = await handlerCard(incident.id);
    assertExpanded(card);
    const text = cardText(card);
    assert.match(text, /Afspraken in de agenda/);
    assert.match(text, /Incidentgesprek: (ma|di|wo|do|vr) \d+ \w+ 2026 \d\d:\d\d \(ingepland\)/);
    assert.match(text, /Eerste nazorggesprek: .* \(ingepland\)/);
    assert.match(text, /Gespreksruimte met alarmknop/);
    assert.ok(hasVerb(card, 'agenda.verplaatsen') && hasVerb(card, 'agenda.annuleren') && hasVerb(card, 'agenda.uitnodigen'));

    // the coordinator's card is updated in place once the booking is done
    const coordinatorPost = s.fake.posts(CHANNELS.coordinator)[0]!;
    await s.fake.waitFor(() => s.fake.updates(coordinatorPost.activityId).some((u) => /Incidentgesprek: .*ingepland/.test(cardText(cardOf(u.body)))));
    const last = s.fake.updates(coordinatorPost.activityId).at(-1)!;
    assert.ok(!hasVerb(cardOf(last.body), 'agenda.verplaatsen'), 'the channel view has no agenda actions');

    // the letter's .ics: the one appointment, no internal attendees; a forged token is a bare 404
    const url = JSON.stringify(card).match(/https?:[^"]*\/calendar\/gesprek\/[^"]*\.ics/)?.[0];
    assert.ok(url, 'the card links the .ics');
    const res = await get(url);
    assert.equal(res.status, 200);
    const ics = await res.text();
    const [ev] = events(parseIcs(ics));
    assert.equal(value(ev!, 'SUMMARY'), 'Gesprek');
    assert.doesNotMatch(ics, /ATTENDEE/);
    assert.doesNotMatch(ics, /uitgescholden/);
    assert.equal((await get(url.replace(/\.([0-9a-f])([0-9a-f]{63})\.ics$/, (_m, c: string, r: string) => `.${c === 'a' ? 'b' : 'a'}${r}.ics`))).status, 404);
    assert.equal(value(ev!, 'SEQUENCE'), '0');

    // moved: the letter's .ics is the same appointment (same UID) with a higher SEQUENCE, so a calendar replaces it
    const was = value(ev!, 'DTSTART');
    await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'agenda.verplaatsen', { incidentId: incident.id, kind: 'incidentgesprek', volgende: 'ja' }));
    await until('incidentgesprek moved', async () => {
      const item = (await agenda.bookingsFor(incident.id))?.items.find((i) => i.kind === 'incidentgesprek');
      return item?.sequence === 1 && item.movePending === false;
    });
    const [moved] = events(parseIcs(await (await get(url)).text()));
    assert.equal(value(moved!, 'UID'), value(ev!, 'UID'));
    assert.equal(value(moved!, 'SEQUENCE'), '1');
    assert.notEqual(value(moved!, 'DTSTART'), was);
  });

  it('books the herstelgesprek before a restrictive measure ends, on the decision', async () => {
    await start();
    const incident = await meldingPosted(s);
    const einddatum = DateTime.now().setZone('Europe/Amsterdam').plus({ months: 3 }).toISODate();
    const r = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'afhandeling.vaststellen', { incidentId: incident.id, maatregelen: 'toegangsontzegging', einddatum }));
    assert.match(cardText(r.invokeCard), /De maatregelen zijn vastgesteld/);
    await until('herstelgesprek booked', booked(incident.id, 'herstelgesprek'));
    assert.ok(!(await agenda.bookingsFor(incident.id))?.items.some((i) => i.kind === 'incidentgesprek'), 'no incidentgesprek was decided');
  });

  it('Verplaatsen by the handler moves the same event; a non-handler is refused; a past moment is refused in Dutch', async () => {
    await start();
    const incident = await meldingPosted(s);
    await until('nazorg booked', booked(incident.id, 'nazorg-2'));
    const before = (await feed(EMAIL.raadslid)).filter((e) => value(e, 'STATUS') === 'CONFIRMED');
    assert.equal(before.length, 3);

    const refused = await send(s.adapter, channelInvoke('burgemeester', CHANNELS.griffie, 'agenda.verplaatsen', {
      incidentId: incident.id, kind: 'nazorg-2', volgende: 'ja',
    }));
    assert.match(cardText(refused.invokeCard), /Alleen de behandelaar/);
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.ok(audit.some((e) => e.verb === 'agenda.verplaatsen' && e.outcome === 'geweigerd'));

    const past = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'agenda.verplaatsen', {
      incidentId: incident.id, kind: 'nazorg-2', 'datum_nazorg-2': '2020-01-01', 'tijd_nazorg-2': '10:00',
    }));
    assert.match(cardText(past.invokeCard), /in het verleden/);
    const absurd = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'agenda.verplaatsen', {
      incidentId: incident.id, kind: 'nazorg-2', 'datum_nazorg-2': '2026-02-31', 'tijd_nazorg-2': '10:00',
    }));
    assert.match(cardText(absurd.invokeCard), /Nieuwe datum en tijd: geef een geldige datum en tijd op/);

    const target = DateTime.now().setZone('Europe/Amsterdam').plus({ days: 9 }).set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
    const moved = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'agenda.verplaatsen', {
      incidentId: incident.id, kind: 'nazorg-2', 'datum_nazorg-2': target.toISODate(), 'tijd_nazorg-2': '14:00',
    }));
    assert.match(cardText(moved.invokeCard), /Het verplaatsen is doorgegeven/);
    await until('moved', async () => (await agenda.bookingsFor(incident.id))?.items.find((i) => i.kind === 'nazorg-2')?.start === target.toUTC().toISO({ suppressMilliseconds: false }) && (await booked(incident.id, 'nazorg-2')()));

    const after = await feed(EMAIL.raadslid);
    assert.equal(after.length, 3, 'still three events: the same one was moved');
    const uid = (await agenda.bookingsFor(incident.id))?.items.find((i) => i.kind === 'nazorg-2')?.eventId;
    const ev = after.filter((e) => value(e, 'UID') === `${uid}@weerbaar`);
    assert.equal(ev.length, 1, 'one VEVENT for the moved conversation');
    assert.equal(value(ev[0]!, 'SEQUENCE'), '1');
    assert.equal(value(ev[0]!, 'DTSTART'), target.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'"));
    const text = cardText(await handlerCard(incident.id));
    assert.ok(text.includes(`Tweede nazorggesprek: ${formatDutch(target.toJSDate())} (ingepland)`), text);
    assert.match(text, /Buiten de termijn: eerste vrije moment daarna/, 'three days after the incident have long passed');
    assert.match(text, /Geen vrij moment binnen de termijn/, 'the flag the coordinator sees');
  });

  it('posts the melder their own nazorg card: the moments, their feed, Verplaatsen and Annuleren, nothing of the melding', async () => {
    await start();
    const incident = await meldingPosted(s);
    const melderChat = `personal-${PEOPLE.raadslid.id}`;
    const nazorgPost = () => s.fake.posts(melderChat).find((p) => /Uw nazorggesprekken/.test(cardText(cardOf(p.body))));
    await s.fake.waitFor(() => nazorgPost() !== undefined, 15_000);
    const posted = cardOf(nazorgPost()!.body);
    assertExpanded(posted);
    const text = cardText(posted);
    assert.match(text, new RegExp(`Uw nazorggesprekken \\(melding ${incident.number}\\)`));
    assert.match(text, /Eerste nazorggesprek: .*\(ingepland\)[\s\S]*Tweede nazorggesprek: [\s\S]*Derde nazorggesprek: /);
    assert.match(text, /Met: (Mark Visser|Sanne Jansen)/, 'the nazorg giver by name');
    assert.ok(hasVerb(posted, 'nazorg.verplaatsen') && hasVerb(posted, 'nazorg.annuleren'));
    assert.ok(!hasVerb(posted, 'agenda.uitnodigen') && !hasVerb(posted, 'afhandeling.vaststellen'));
    const url = agenda.icsUrlFor(EMAIL.raadslid);
    assert.ok(url && JSON.stringify(posted).includes(url), 'the link to their own feed');
    assert.doesNotMatch(JSON.stringify(posted), /uitgescholden|grijze jas|maatregel/i, 'nothing of the melding or its afhandeling');

    // reported three days late: the first conversations fall after their window, and the coordinator is told 1:1
    // (no chat with the coordinator is known in this test: a new 1:1 is created with her Teams user id)
    const coordinatorChats = () =>
      s.fake.calls.filter((c) => c.kind === 'create' && (c.body['members'] as { id: string }[])[0]?.id === PEOPLE.coordinator.id).map((c) => c.conversationId);
    const toldTexts = () =>
      s.fake.posts().filter((p) => coordinatorChats().includes(p.conversationId)).map((p) => String(p.body['text'])).filter((t) => /geen vrij moment binnen de termijn/.test(t));
    await s.fake.waitFor(() => toldTexts().length > 0, 15_000);
    await s.idle();
    const told = toldTexts();
    assert.equal(told.length, 1, 'once');
    assert.match(told[0]!, new RegExp(`Melding ${incident.number}: .*eerste nazorggesprek`));
    assert.doesNotMatch(told[0]!, /uitgescholden|grijze jas/);

    // Mijn meldingen opens the same card
    const mine = await send(s.adapter, message('raadslid', 'mijn meldingen'));
    const list = mine.replies[0]?.attachments?.[0]?.content as Record<string, unknown>;
    assert.deepEqual(dataOf(list, 'nazorg.tonen'), { incidentId: incident.id, verb: 'nazorg.tonen' });
    const shown = await send(s.adapter, invoke('raadslid', 'nazorg.tonen', { incidentId: incident.id }));
    assert.match(cardText(shown.invokeCard), /Uw nazorggesprekken/);
  });

  it('the melder moves their own nazorg conversation: the same event moves, and both their card and the handler card update', async () => {
    await start();
    const incident = await meldingPosted(s);
    await until('nazorg booked', booked(incident.id, 'nazorg-3'));
    const melderChat = `personal-${PEOPLE.raadslid.id}`;
    await s.fake.waitFor(() => s.fake.posts(melderChat).some((p) => /Uw nazorggesprekken/.test(cardText(cardOf(p.body)))), 15_000);
    const melderPost = s.fake.posts(melderChat).find((p) => /Uw nazorggesprekken/.test(cardText(cardOf(p.body))))!;

    const target = DateTime.now().setZone('Europe/Amsterdam').plus({ days: 35 }).set({ hour: 10, minute: 30, second: 0, millisecond: 0 });
    const moved = await send(s.adapter, invoke('raadslid', 'nazorg.verplaatsen', {
      incidentId: incident.id, kind: 'nazorg-3', 'datum_nazorg-3': target.toISODate(), 'tijd_nazorg-3': '10:30',
    }));
    assert.match(cardText(moved.invokeCard), /Het verplaatsen is doorgegeven/);
    assert.match(cardText(moved.invokeCard), /Uw nazorggesprekken/, 'the answer is their own card, not the melding card');
    await until('moved', async () => (await agenda.bookingsFor(incident.id))?.items.find((i) => i.kind === 'nazorg-3')?.start === target.toUTC().toISO() && (await booked(incident.id, 'nazorg-3')()));
    const events3 = (await feed(EMAIL.raadslid)).filter((e) => value(e, 'STATUS') === 'CONFIRMED');
    assert.equal(events3.length, 3, 'still three events');
    assert.ok(events3.some((e) => value(e, 'DTSTART') === target.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")));

    const moment = `Derde nazorggesprek: ${formatDutch(target.toJSDate())} (ingepland)`;
    await s.fake.waitFor(() => s.fake.updates(melderPost.activityId).some((u) => cardText(cardOf(u.body)).includes(moment)), 15_000);
    assert.ok(cardText(await handlerCard(incident.id)).includes(moment), 'the handler sees the new moment');
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.ok(audit.some((e) => e.verb === 'nazorg.verplaatsen' && e.outcome === 'ok' && e.actorId === PEOPLE.raadslid.aadObjectId));

    const cancelled = await send(s.adapter, invoke('raadslid', 'nazorg.annuleren', { incidentId: incident.id, kind: 'nazorg-2' }));
    assert.match(cardText(cancelled.invokeCard), /Het annuleren is doorgegeven/);
    await until('cancelled', async () => (await agenda.bookingsFor(incident.id))?.items.find((i) => i.kind === 'nazorg-2')?.status === 'geannuleerd');
  });

  it('refuses anyone but the nazorg receiver, other kinds, bad dates and channels, in Dutch, changing nothing', async () => {
    await start();
    const incident = await meldingPosted(s);
    await until('nazorg booked', booked(incident.id, 'nazorg-2'));
    const before = JSON.stringify((await agenda.bookingsFor(incident.id))?.items.map((i) => [i.kind, i.start, i.status]));
    const data = { incidentId: incident.id, kind: 'nazorg-2', volgende: 'ja' };

    // the handler is not the receiver: no dates of someone else's nazorg, not even to her
    for (const who of ['griffier', 'coordinator', 'burgemeester'] as const) {
      const shown = await send(s.adapter, invoke(who, 'nazorg.tonen', { incidentId: incident.id }));
      assert.match(cardText(shown.invokeCard), /Alleen degene voor wie de nazorg is/);
      assert.doesNotMatch(JSON.stringify(shown.invokeCard), /nazorggesprek:/i);
      const r = await send(s.adapter, invoke(who, 'nazorg.verplaatsen', data));
      assert.match(cardText(r.invokeCard), /Alleen degene voor wie de nazorg is/);
    }
    const tampered = await send(s.adapter, invoke('raadslid', 'nazorg.annuleren', { incidentId: incident.id, kind: 'incidentgesprek' }));
    assert.match(cardText(tampered.invokeCard), /bestaat niet \(meer\) of kan niet meer worden gewijzigd/);
    const absurd = await send(s.adapter, invoke('raadslid', 'nazorg.verplaatsen', {
      incidentId: incident.id, kind: 'nazorg-2', 'datum_nazorg-2': '2026-13-45', 'tijd_nazorg-2': '25:99',
    }));
    assert.match(cardText(absurd.invokeCard), /Nieuwe datum en tijd: geef een geldige datum en tijd op/);
    const garbage = await send(s.adapter, invoke('raadslid', 'nazorg.verplaatsen', { incidentId: '${evil}', kind: ['x'] }));
    assert.match(cardText(garbage.invokeCard), /De gegevens van deze kaart zijn niet geldig/);
    const inChannel = await send(s.adapter, channelInvoke('raadslid', CHANNELS.griffie, 'nazorg.tonen', { incidentId: incident.id }));
    assert.match(cardText(inChannel.invokeCard), /alleen in uw persoonlijke chat/);

    await s.idle();
    assert.equal(JSON.stringify((await agenda.bookingsFor(incident.id))?.items.map((i) => [i.kind, i.start, i.status])), before, 'nothing changed');
    const audit = await s.services.store.audit.list(s.services.orgId, incident.id);
    assert.equal(audit.filter((e) => e.verb === 'nazorg.verplaatsen' && e.outcome === 'geweigerd').length, 3);
  });

  it('shows on the card that the melder declined nazorg, and books none', async () => {
    await start();
    const incident = await meldingPosted(s, { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], nazorgGewenst: 'nee' } });
    const text = cardText(await handlerCard(incident.id));
    assert.match(text, /De melder wil geen nazorg/);
    const griffie = s.fake.posts(CHANNELS.griffie)[0]!;
    assert.match(cardText(cardOf(griffie.body)), /De melder wil geen nazorg/, 'the posted card says it too');
    await s.idle();
    assert.equal(await agenda.bookingsFor(incident.id), undefined);
  });

  it('invites the pleger to the same event only on explicit confirmation', async () => {
    await start();
    const incident = await meldingPosted(s);
    await decide(incident.id, 'incidentgesprek');
    await until('incidentgesprek booked', booked(incident.id, 'incidentgesprek'));
    const data = { incidentId: incident.id, kind: 'incidentgesprek', email_incidentgesprek: PLEGER };
    const unconfirmed = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'agenda.uitnodigen', { ...data, bevestig_incidentgesprek: 'nee' }));
    assert.match(cardText(unconfirmed.invokeCard), /Bevestig eerst/);
    const bad = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'agenda.uitnodigen', { ...data, email_incidentgesprek: 'geen-adres', bevestig_incidentgesprek: 'ja' }));
    assert.match(cardText(bad.invokeCard), /geldig e-mailadres/);
    const ok = await send(s.adapter, channelInvoke('griffier', CHANNELS.griffie, 'agenda.uitnodigen', { ...data, bevestig_incidentgesprek: 'ja' }));
    assert.match(cardText(ok.invokeCard), /De pleger wordt per e-mail uitgenodigd/);
    await until('pleger on the event', async () => {
      const item = (await agenda.bookingsFor(incident.id))?.items.find((i) => i.kind === 'incidentgesprek');
      return item?.extern?.email === PLEGER && item.externPending === false;
    });
    const organiser = (await feed(EMAIL.griffier)).filter((e) => value(e, 'SUMMARY') === 'Gesprek');
    assert.equal(organiser.length, 1, 'one event, updated');
    assert.equal(value(organiser[0]!, 'SEQUENCE'), '1');
    assert.match(JSON.stringify(organiser[0]), new RegExp(PLEGER));
    assert.match(cardText(await handlerCard(incident.id)), /Pleger uitgenodigd: pleger@voorbeeld\.example/);
  });
});
