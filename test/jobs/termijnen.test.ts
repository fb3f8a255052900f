import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { peopleWithRole } from '../../src/flows/handling/access.js';
import type { BookingItem } from '../../src/agenda/index.js';
import type { HandlingAgenda } from '../../src/flows/handling/ports.js';
import { deadlineDueSource } from '../../src/flows/handling/termijnen.js';
import type { Incident } from '../../src/domain/incident-schema.js';
import { createWorker } from '../../src/jobs/create-jobs.js';
import { registerHandlingJobs } from '../../src/jobs/handlers/index.js';
import { registerTermijnJobs } from '../../src/jobs/handlers/termijnen.js';
import { TimerScheduler } from '../../src/jobs/timer-scheduler.js';
import { createOutboxSweeper } from '../../src/jobs/outbox-sweeper.js';
import { silentLogger } from '../../src/jobs/logger.js';
import type { EffectQueue } from '../../src/shared/jobs.js';
import { openTimers, type Timer } from '../../src/store/timer-repository.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { amsterdam } from '../agenda/support.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE } from '../support/bot.js';
import { cardOf, CHANNELS, handlingStack, meldingPosted, member, until, type HandlingStack } from '../flows/handling-harness.js';

/** What people got 1:1 or in a channel, as text: a card's text or a message's. */
function said(s: HandlingStack, pattern: RegExp): string[] {
  return s.fake.posts().map((c) => `${cardText(cardOf(c.body))} ${String(c.body['text'] ?? '')}`).filter((t) => pattern.test(t));
}

const MINUTE = 60_000;
const refuse = (): Promise<never> => Promise.reject(new Error('not used here'));
const noAgenda: HandlingAgenda = { bookingsFor: refuse, icsUrlFor: () => undefined, verplaatsen: refuse, annuleren: refuse, gesprekIcsUrl: () => undefined, uitnodigen: refuse };
const plus = (iso: string, ms: number): Date => new Date(new Date(iso).getTime() + ms);

describe('deadline timers: reminders, escalation and fresh cards (moved clock, Azurite, Teams faked)', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let s: HandlingStack;
  /** the clock of the jobs and the scheduler; the melding happened on 2026-11-20 at 20:15 */
  let clock: Date;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  afterEach(() => s.stop());

  async function filed(profileId?: 'utrecht'): Promise<{ incident: Incident; timers: Timer[] }> {
    clock = amsterdam('2026-11-20T21:00');
    s = await handlingStack(az, { now: () => clock, ...(profileId ? { profileId } : {}) });
    // Utrecht's coördinator VPT is no reader of a handler's channel
    if (profileId === 'utrecht') s.fake.rosters.set(CHANNELS.griffie, [member('griffier')]);
    const incident = await meldingPosted(s);
    await until('timers planned', async () => (await s.timers.list(s.services.orgId, incident.id)).some((t) => t.kind === 'maatregelen'));
    await s.idle();
    return { incident, timers: await s.timers.list(s.services.orgId, incident.id) };
  }

  const scheduler = (queue: EffectQueue = s.services.effects, timers = s.timers): TimerScheduler =>
    new TimerScheduler({ timers, queue, orgId: s.services.orgId, logger: silentLogger, now: () => clock, leaseMs: 2 * MINUTE });
  const timerOf = (timers: Timer[], kind: Timer['kind'], phase: Timer['phase']): Timer => {
    const t = timers.find((x) => x.kind === kind && x.phase === phase);
    assert.ok(t, `${kind} ${phase}`);
    return t;
  };
  const signalled = (t: Timer) =>
    until('signal handled', async () => (await s.jobs.state.get(`termijn:${t.incidentId}:${t.kind}:${t.phase}:${t.dueBy}`))?.state.status === 'done');
  const herinnering = /Herinnering bij melding \d{4}-\d{4}: het besluit over maatregelen/;
  const escalatie = /Termijn verstreken bij melding \d{4}-\d{4}: het besluit over maatregelen/;

  it('reminds the handlers once before the deadline, tells the coordinator once after it, and updates the cards', async () => {
    const { incident, timers } = await filed();
    const reminder = timerOf(timers, 'maatregelen', 'herinnering');
    // 72 hours: reminded a quarter before, i.e. 18 hours before the deadline
    assert.equal(new Date(reminder.dueBy).getTime() - new Date(reminder.at).getTime(), 18 * 3_600_000);
    const sched = scheduler();
    assert.equal(await sched.runOnce(), 0, 'nothing due at 21:00');

    clock = plus(reminder.at, MINUTE);
    assert.ok((await sched.runOnce()) >= 1);
    await signalled(reminder);
    await s.fake.waitFor(() => said(s, herinnering).length === incident.handlerIds.length);
    assert.equal(await sched.runOnce(), 0, 'a fired timer does not fire again');
    await s.idle();
    assert.equal(said(s, herinnering).length, incident.handlerIds.length, 'one reminder per handler');
    assert.match(said(s, herinnering)[0] ?? '', /Melding openen/, 'with a button that opens the melding');
    assert.equal(said(s, escalatie).length, 0);

    const updatesBefore = s.fake.updates().length;
    const overdue = timerOf(timers, 'maatregelen', 'verlopen');
    clock = plus(overdue.dueBy, MINUTE);
    await sched.runOnce();
    await signalled(overdue);
    const coordinators = peopleWithRole(s.services, 'coordinator');
    await s.fake.waitFor(() => said(s, escalatie).length === coordinators.length);
    // both channel cards now show the maatregelen deadline as overdue
    await s.fake.waitFor(() =>
      [CHANNELS.griffie, CHANNELS.coordinator].every((ch) =>
        s.fake.updates().slice(updatesBefore).some((u) => u.conversationId.startsWith(ch) && /Besluit over maatregelen \(bij voorkeur binnen deze termijn\)\nUiterlijk [^\n]*\. Te laat: /.test(cardText(cardOf(u.body)))),
      ),
    );
    await sched.runOnce();
    await s.idle();
    assert.equal(said(s, escalatie).length, coordinators.length, 'one escalation per coordinator');
    assert.equal(said(s, herinnering).length, incident.handlerIds.length, 'no second reminder');
  });

  it('escalates to the handlers where the coordinator is called in on request only (Utrecht), and tells the coordinator nothing', async () => {
    const { incident, timers } = await filed('utrecht');
    assert.equal(incident.routing.coordinator, false);
    const overdue = timerOf(timers, 'maatregelen', 'verlopen');
    clock = plus(overdue.dueBy, MINUTE);
    await scheduler().runOnce();
    await signalled(overdue);
    await s.fake.waitFor(() => said(s, escalatie).length === incident.handlerIds.length);
    await s.idle();
    assert.equal(said(s, escalatie).length, incident.handlerIds.length);
    const coordinatorChats = s.fake.calls.filter((c) => c.kind === 'create' && (c.body['members'] as { id: string }[])[0]?.id === PEOPLE.coordinator.id);
    assert.equal(coordinatorChats.length, 0, 'the coordinator hears nothing of a melding they were not called in on');
  });

  it('reminds nobody of a deadline met a minute before its reminder, nor of anything once the melding is closed', async () => {
    const { incident, timers } = await filed();
    const reminder = timerOf(timers, 'maatregelen', 'herinnering');
    const stored = await s.services.store.incidents.get(s.services.orgId, incident.id);
    assert.ok(stored);
    clock = plus(reminder.at, -MINUTE);
    const decided = await s.services.store.incidents.update(
      { ...stored.value, state: 'maatregelen-vastgesteld', decision: { types: ['waarschuwing-mondeling'], decidedAt: clock.toISOString(), decidedBy: { aadObjectId: 'x' } } },
      stored.etag,
    );
    clock = plus(reminder.at, MINUTE);
    await scheduler().runOnce();
    await signalled(reminder);
    await s.idle();
    assert.equal(said(s, herinnering).length, 0, 'met: no reminder');
    const before = said(s, /Herinnering bij melding|Termijn verstreken/).length;

    await s.services.store.incidents.update({ ...decided.value, state: 'afgesloten', closedAt: clock.toISOString() }, decided.etag);
    // past the last deadline but the weeks-long ones (politie: 2 working days, after the weekend)
    const politie = timerOf(timers, 'politie-afspraak', 'verlopen');
    clock = plus(politie.dueBy, MINUTE);
    assert.ok(clock.getTime() > new Date(timerOf(timers, 'maatregelen', 'verlopen').dueBy).getTime());
    await scheduler().runOnce();
    await signalled(politie);
    await s.idle();
    assert.equal(said(s, /Herinnering bij melding|Termijn verstreken/).length, before, 'closed: nobody reminded, nobody escalated');
  });

  it('asks today\'s deadlines: a booked nazorg is met and its owner is the nazorg giver, a decision meets the maatregelen deadline', async () => {
    const { incident } = await filed();
    const bookings = (items: Partial<BookingItem>[]): Pick<HandlingAgenda, 'bookingsFor'> => ({
      // only kind and status matter to the question asked
      bookingsFor: async (incidentId) => ({ orgId: s.services.orgId, incidentId, buitenTermijn: false, updatedAt: clock.toISOString(), items: items as BookingItem[] }),
    });
    const open = async (i: Incident, agenda: Pick<HandlingAgenda, 'bookingsFor'>) =>
      Object.fromEntries((await deadlineDueSource(s.services, { agenda: { ...noAgenda, ...agenda } }).dueFor(i)).map((d) => [d.kind, d]));
    const before = await open(incident, bookings([]));
    assert.equal(before['nazorg-1']?.open, true);
    const giver = s.services.people.withRole(incident.routing.nazorgGivers[0]!)[0];
    assert.ok(giver);
    assert.deepEqual(before['nazorg-1']?.owners, [giver.aadObjectId], 'the first nazorg giver of the profile');
    assert.deepEqual(before.maatregelen?.owners, incident.handlerIds);
    const withBooking = await open(incident, bookings([{ kind: 'nazorg-1', status: 'geboekt' }, { kind: 'nazorg-2', status: 'geannuleerd' }]));
    assert.equal(withBooking['nazorg-1']?.open, false, 'booked: met');
    assert.equal(withBooking['nazorg-2']?.open, true, 'cancelled: open again');
    const decided = await open({ ...incident, state: 'maatregelen-vastgesteld', decision: { types: ['waarschuwing-mondeling'], decidedAt: clock.toISOString(), decidedBy: { aadObjectId: 'x' } } }, bookings([]));
    assert.equal(decided.maatregelen?.open, false);
    assert.equal(decided['politie-afspraak']?.open, true, 'nothing records the police appointment yet');
  });

  it('sends once when an instance dies after claiming a timer, before or after enqueueing it', async () => {
    const { incident, timers } = await filed();
    const reminder = timerOf(timers, 'maatregelen', 'herinnering');
    clock = plus(reminder.at, -MINUTE);
    while ((await scheduler().runOnce()) > 0);
    await s.idle();
    clock = plus(reminder.at, MINUTE);
    const due = (await s.timers.due(s.services.orgId, clock)).length;
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    // dies between the claim and the enqueue: the timers stay claimed until the lease runs out
    const dying: EffectQueue = { enqueue: () => Promise.reject(new Error('process killed')) };
    assert.equal(await scheduler(dying, await openTimers(tables)).runOnce(), 0);
    assert.ok((await s.timers.list(s.services.orgId, incident.id)).some((t) => t.kind === 'maatregelen' && t.phase === 'herinnering' && t.status === 'firing'));
    // a new instance on the same storage: the claim still holds...
    const restarted = scheduler(s.services.effects, await openTimers(tables));
    assert.equal(await restarted.runOnce(), 0, 'the dead instance still holds its claim');
    // ...until its lease has passed
    clock = plus(reminder.at, 4 * MINUTE);
    // this one dies after enqueueing, before marking the timers fired
    const enqueuedThenDied: EffectQueue = {
      enqueue: async (job) => {
        await s.services.effects.enqueue(job);
        throw new Error('process killed');
      },
    };
    assert.equal(await scheduler(enqueuedThenDied, await openTimers(tables)).runOnce(), 0);
    clock = plus(reminder.at, 8 * MINUTE);
    assert.equal(await restarted.runOnce(), due, 'the next instance takes the abandoned timers over');
    await signalled(reminder);
    await s.fake.waitFor(() => said(s, herinnering).length === incident.handlerIds.length);
    while ((await restarted.runOnce()) > 0);
    await s.idle();
    assert.equal(said(s, herinnering).length, incident.handlerIds.length, 'one reminder per handler, not two');
  });

  it('a restart between scheduling and sending: a new worker on the same storage sends the reminder once', async () => {
    const { incident, timers } = await filed();
    const reminder = timerOf(timers, 'maatregelen', 'herinnering');
    clock = plus(reminder.at, -MINUTE);
    while ((await scheduler().runOnce()) > 0);
    await s.idle();
    await s.jobs.worker.stop();
    clock = plus(reminder.at, MINUTE);
    assert.ok((await scheduler().runOnce()) >= 1, 'scheduled while no worker runs');
    assert.equal(said(s, herinnering).length, 0);
    // the next process: its own worker, timers and handlers on the same queue and tables
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    const next = createWorker(s.jobs, { logger: silentLogger, pollIntervalMs: 20 });
    const context = { services: s.services, deps: s.deps, messenger: s.messenger, now: () => clock };
    registerHandlingJobs(next, context);
    registerTermijnJobs(next, { ...context, timers: await openTimers(tables), due: deadlineDueSource(s.services, s.deps) });
    next.start();
    try {
      await signalled(reminder);
      await s.fake.waitFor(() => said(s, herinnering).length === incident.handlerIds.length);
      assert.equal(await scheduler().runOnce(), 0);
      await s.idle();
    } finally {
      await next.stop();
    }
    assert.equal(said(s, herinnering).length, incident.handlerIds.length, 'one reminder per handler');
  });

  it('the outbox sweep plans the timers of an open melding whose change died before planning them, never of a closed one', async () => {
    const { incident } = await filed();
    const open = { ...incident, id: randomUUID(), number: '2026-0101', state: 'in-behandeling' as const };
    const closed = { ...incident, id: randomUUID(), number: '2026-0102', state: 'afgesloten' as const, closedAt: clock.toISOString() };
    // changed by a process that died before it enqueued the change's jobs
    for (const i of [open, closed]) {
      const stored = await s.services.store.incidents.create({ ...i, state: 'in-behandeling' });
      await s.services.store.incidents.update(i, stored.etag);
    }
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    await createOutboxSweeper({ tables, services: s.services, deps: s.deps, state: s.jobs.state, timing: { graceMs: 0 } }).runOnce();
    await until('timers of the open melding', async () => (await s.timers.list(s.services.orgId, open.id)).length > 0);
    await s.idle();
    assert.deepEqual(await s.timers.list(s.services.orgId, closed.id), []);
  });

  it('fires each timer once when two instances poll the same storage at the same moment', async () => {
    const { incident, timers } = await filed();
    const reminder = timerOf(timers, 'maatregelen', 'herinnering');
    clock = plus(reminder.at, MINUTE);
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    const due = (await s.timers.due(s.services.orgId, clock)).length;
    const [a, b] = await Promise.all([scheduler(s.services.effects, await openTimers(tables)).runOnce(), scheduler(s.services.effects, await openTimers(tables)).runOnce()]);
    assert.equal(a + b, due, 'every due timer fired by exactly one instance');
    await signalled(reminder);
    await s.fake.waitFor(() => said(s, herinnering).length === incident.handlerIds.length);
    await s.idle();
    assert.equal(said(s, herinnering).length, incident.handlerIds.length);
  });
});
