import assert from 'node:assert/strict';
import type { Agenda } from '../../src/agenda/index.js';
import { bookNazorg } from '../../src/agenda/jobs.js';
import { createRouter } from '../../src/flows/router.js';
import { reportFlow } from '../../src/flows/report/index.js';
import type { CalendarPort } from '../../src/calendar/port.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE, testBot } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import type { TestStack } from '../support/services.js';
import { value, all, unescapeText, type IcsComponent } from '../calendar/ics-parser.js';
import {
  amsterdam, crashAfterCreate, drain, EMAIL, icsLocal, local, makeIncident, runWhenVisible, startAgenda, type AgendaStack,
} from './support.js';

describe('agenda: nazorg.boeken', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let s: AgendaStack;
  let stack: TestStack;
  let agenda: Agenda;
  let clock: Date;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  afterEach(() => s.stop());

  async function setUp(wrapCalendar?: (p: CalendarPort) => CalendarPort): Promise<void> {
    s = await startAgenda(az, { now: () => clock, ...(wrapCalendar ? { wrapCalendar } : {}) });
    stack = s.stack;
    agenda = s.agenda;
  }

  const feed = (email: string): Promise<IcsComponent[]> => s.feed(email);

  function starts(evs: IcsComponent[]): string[] {
    return evs.map((e) => icsLocal(value(e, 'DTSTART'))).sort();
  }

  it('after a melding books exactly three private conversations in their windows, in both feeds', async () => {
    await setUp();
    clock = amsterdam('2026-11-20T21:00'); // the melding: Friday 20 November 2026, 20:15
    const adapter = testBot(createRouter(stack.services, [reportFlow(stack.services)]));
    await completeMelding(adapter, 'raadslid');
    await drain(stack.jobs.worker);

    const [incident] = await stack.services.store.incidents.listByMelder(stack.services.orgId, PEOPLE.raadslid.aadObjectId);
    assert.ok(incident);
    const doc = await agenda.bookingsFor(incident.value.id);
    assert.ok(doc);
    assert.deepEqual(doc.items.map((i) => [i.kind, local(i.start), i.status, i.buitenTermijn]), [
      // Friday evening, due Saturday 20:15: urgent, so on Saturday morning outside office hours
      ['nazorg-1', '2026-11-21T08:00', 'geboekt', false],
      // within three days, on a later day than the first, in office hours
      ['nazorg-2', '2026-11-23T09:00', 'geboekt', false],
      // 4 to 6 weeks: from Friday 18 December 20:15, so the Monday after
      ['nazorg-3', '2026-12-21T09:00', 'geboekt', false],
    ]);
    assert.equal(doc.items[0]?.buitenKantooruren, true);
    assert.equal(doc.buitenTermijn, false);
    for (const item of doc.items) {
      assert.ok(new Date(item.end) <= new Date(item.window.dueBy), `${item.kind} ends inside its window`);
      assert.equal(item.organiser, EMAIL.burgemeester);
    }
    assert.deepEqual(doc.items.map((i) => i.idempotencyKey), [1, 2, 3].map((k) => `nazorg:${incident.value.id}:${k}`));

    for (const who of [EMAIL.raadslid, EMAIL.burgemeester]) {
      const evs = await feed(who);
      assert.equal(evs.length, 3, `three events in the feed of ${who}`);
      assert.deepEqual(starts(evs), ['2026-11-21T08:00', '2026-11-23T09:00', '2026-12-21T09:00']);
      for (const e of evs) {
        assert.equal(value(e, 'SUMMARY'), 'Nazorggesprek');
        assert.equal(value(e, 'CLASS'), 'PRIVATE');
        assert.equal(value(e, 'STATUS'), 'CONFIRMED');
        assert.equal(value(e, 'LOCATION'), 'Online (Microsoft Teams)');
        assert.deepEqual(all(e, 'ATTENDEE').map((a) => a.value.toLowerCase()), [`mailto:${EMAIL.raadslid}`]);
        const text = unescapeText(value(e, 'DESCRIPTION') ?? '');
        assert.match(text, /nazorggesprek/i);
        for (const secret of [STEP_ANSWERS['wat']?.['beschrijving'] ?? 'x', 'Raadzaal', 'bedreig', 'X', '@iemand', incident.value.number]) {
          assert.ok(!text.includes(secret) && !(value(e, 'SUMMARY') ?? '').includes(secret), 'nothing of the melding in the calendar');
        }
      }
    }
    // The giver's other feeds are untouched: the griffier has nothing.
    assert.equal((await feed(EMAIL.griffier)).length, 0);
  });

  it('a retried booking (crash after createEvents, then the job enqueued again) leaves one event per conversation', async () => {
    let wrapped: ReturnType<typeof crashAfterCreate> | undefined;
    await setUp((p) => (wrapped = crashAfterCreate(p)));
    clock = amsterdam('2026-11-23T10:10');
    const incident = makeIncident(stack.services, { occurredAt: amsterdam('2026-11-23T09:30') });
    await stack.services.store.incidents.create(incident);
    await stack.services.effects.enqueue(bookNazorg(incident));

    assert.equal(await stack.jobs.worker.runOnce(), 1);
    assert.equal(wrapped?.crashes, 1);
    const half = await agenda.bookingsFor(incident.id);
    assert.deepEqual(half?.items.map((i) => i.status), ['gepland', 'gepland', 'gepland'], 'the plan was stored before the crash');

    // Time passes: a fresh plan would now start at 12:45; the retry must keep the stored one.
    clock = amsterdam('2026-11-23T10:40');
    await runWhenVisible(stack.jobs.worker);
    await stack.services.effects.enqueue(bookNazorg(incident)); // a double click
    await drain(stack.jobs.worker);

    const doc = await agenda.bookingsFor(incident.id);
    assert.deepEqual(doc?.items.map((i) => [i.kind, local(i.start), i.status]), [
      ['nazorg-1', '2026-11-23T12:15', 'geboekt'],
      ['nazorg-2', '2026-11-24T09:00', 'geboekt'],
      ['nazorg-3', '2026-12-21T09:30', 'geboekt'],
    ]);
    for (const who of [EMAIL.raadslid, EMAIL.burgemeester]) {
      assert.deepEqual(starts(await feed(who)), ['2026-11-23T12:15', '2026-11-24T09:00', '2026-12-21T09:30']);
    }
    const state = await stack.jobs.state.get(`nazorg.boeken:${incident.id}`);
    assert.equal(state?.state.status, 'done');
    assert.equal(state?.state.attempts, 2);
  });

  it('books nothing when the melder declined nazorg, and the melding enqueues no booking', async () => {
    await setUp();
    clock = amsterdam('2026-11-20T21:00');
    const adapter = testBot(createRouter(stack.services, [reportFlow(stack.services)]));
    await completeMelding(adapter, 'raadslid', { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], nazorgGewenst: 'nee' } });
    const [stored] = await stack.services.store.incidents.listByMelder(stack.services.orgId, PEOPLE.raadslid.aadObjectId);
    assert.ok(stored);
    assert.equal(stored.value.impact?.nazorgGewenst, false);
    // Enqueued anyway (an old message, a replay): the handler itself declines too.
    await stack.services.effects.enqueue({ ...bookNazorg(stored.value), idempotencyKey: 'replayed' });
    await drain(stack.jobs.worker);
    assert.equal(await stack.jobs.state.get(`nazorg.boeken:${stored.value.id}`), undefined, 'the melding enqueued no booking');
    assert.equal((await stack.jobs.state.get('replayed'))?.state.status, 'done');
    assert.equal(await agenda.bookingsFor(stored.value.id), undefined);
    assert.equal((await feed(EMAIL.raadslid)).length, 0);
    assert.equal((await feed(EMAIL.burgemeester)).length, 0);
  });

  it('a melding reported five days late books nazorg-1 and -2 as soon as possible and flags them', async () => {
    await setUp();
    clock = amsterdam('2026-11-23T11:00'); // Monday
    const incident = makeIncident(stack.services, { occurredAt: amsterdam('2026-11-18T11:00') });
    await stack.services.store.incidents.create(incident);
    await stack.services.effects.enqueue(bookNazorg(incident));
    await drain(stack.jobs.worker);
    const doc = await agenda.bookingsFor(incident.id);
    assert.deepEqual(doc?.items.map((i) => [i.kind, local(i.start), i.buitenTermijn, i.termijnVerstreken]), [
      // two hours' notice, also when late
      ['nazorg-1', '2026-11-23T13:00', true, true],
      ['nazorg-2', '2026-11-24T09:00', true, true],
      ['nazorg-3', '2026-12-16T11:00', false, false],
    ]);
    assert.equal(doc?.buitenTermijn, true, 'the coordinator must be told');
    assert.equal((await feed(EMAIL.raadslid)).length, 3);
  });

  it('keeps two hours between the melding and the first nazorg conversation, unless the melder asks for sooner', async () => {
    await setUp();
    clock = amsterdam('2026-11-25T10:00'); // Wednesday, an empty calendar
    const incident = makeIncident(stack.services, { occurredAt: amsterdam('2026-11-25T09:45') });
    await stack.services.store.incidents.create(incident);
    await stack.services.effects.enqueue(bookNazorg(incident));
    await drain(stack.jobs.worker);
    const booked = (await agenda.bookingsFor(incident.id))?.items[0];
    assert.equal(local(booked?.start ?? ''), '2026-11-25T12:00');
    assert.equal(booked?.buitenTermijn, false);

    const asked = makeIncident(stack.services, { occurredAt: amsterdam('2026-11-25T09:30') });
    const soon = { ...asked, impact: { ...asked.impact!, nazorgZoSnel: true } };
    await stack.services.store.incidents.create(soon);
    await stack.services.effects.enqueue(bookNazorg(soon));
    await drain(stack.jobs.worker);
    const first = (await agenda.bookingsFor(soon.id))?.items[0];
    // the first free hour of the giver, who is now busy 12:00-13:00 with the other melding
    assert.equal(local(first?.start ?? ''), '2026-11-25T10:00');
  });

  it('asks in the melding whether the first nazorg conversation may be sooner, and stores the answer', async () => {
    await setUp();
    clock = amsterdam('2026-11-25T10:00');
    const adapter = testBot(createRouter(stack.services, [reportFlow(stack.services)]));
    const { summary } = await completeMelding(adapter, 'raadslid', { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], nazorgZoSnel: 'ja' } });
    assert.match(cardText(summary), /eerste gesprek zo snel mogelijk.*Ja/s);
    await drain(stack.jobs.worker);
    const [stored] = await stack.services.store.incidents.listByMelder(stack.services.orgId, PEOPLE.raadslid.aadObjectId);
    assert.equal(stored?.value.impact?.nazorgZoSnel, true);
    assert.equal(local((await agenda.bookingsFor(stored?.value.id ?? ''))?.items[0]?.start ?? ''), '2026-11-25T10:00');
  });

  it('books around busy time of both people', async () => {
    await setUp();
    clock = amsterdam('2026-11-23T08:00'); // Monday
    // Mark is busy all Monday morning, Fleur on Monday afternoon until 16:00
    await agenda.calendar.createEvent(EMAIL.burgemeester, {
      subject: 'Gesprek', bodyHtml: '', start: amsterdam('2026-11-23T08:00'), end: amsterdam('2026-11-23T13:00'), attendees: [], online: true,
    }, 'other-1');
    await agenda.calendar.createEvent(EMAIL.griffier, {
      subject: 'Gesprek', bodyHtml: '', start: amsterdam('2026-11-23T13:00'), end: amsterdam('2026-11-23T16:00'),
      attendees: [{ email: EMAIL.raadslid, name: 'Fleur de Vries' }], online: true,
    }, 'other-2');
    const incident = makeIncident(stack.services, { occurredAt: amsterdam('2026-11-23T07:30') });
    await stack.services.store.incidents.create(incident);
    await stack.services.effects.enqueue(bookNazorg(incident));
    await drain(stack.jobs.worker);
    const doc = await agenda.bookingsFor(incident.id);
    assert.equal(local(doc?.items[0]?.start ?? ''), '2026-11-23T16:00');
  });

  it('serves no feed for an unknown token and never for an address in the path', async () => {
    await setUp();
    for (const path of ['/calendar/abc.ics', `/calendar/${EMAIL.raadslid}.ics`, `/calendar/${'0'.repeat(64)}.ics`]) {
      const res = await fetch(`${s.url}${path}`);
      assert.equal(res.status, 404, path);
    }
  });
});
