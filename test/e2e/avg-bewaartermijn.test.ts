import assert from 'node:assert/strict';
import { reportRow } from '../../src/domain/report/yearly.js';
import { bewaartermijnKey, wissenKey } from '../../src/flows/avg/index.js';
import type { ErasureStep } from '../../src/jobs/handlers/retention.js';
import { plegerKeyOf } from '../../src/store/pleger-key.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { TimerRepository, TIMERS_TABLE } from '../../src/store/timer-repository.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE } from '../support/bot.js';
import { FakeConnector } from '../support/fake-connector.js';
import { coordinatorCardOf, decideAndClose, fileMelding, linkChannels, startHttpBot, type HttpBot } from '../support/http-avg.js';
import { until } from '../support/until.js';
import { cardOf } from '../flows/handling-harness.js';

const YEAR_MS = 365.25 * 24 * 3_600_000;

describe('the retention term over HTTP: a daily durable job, exactly once across a restart halfway (Azurite, fake Teams connector)', function () {
  this.timeout(120_000);
  let az: AzuriteHandle;
  let fake: FakeConnector;
  let http: HttpBot | undefined;
  after(async () => {
    await http?.stop();
    await fake.stop();
    await az.stop();
  });

  it('erases a closed melding past its term, crashes after the document step, and a restarted bot finishes it: one audit entry, the counts kept', async () => {
    az = await startAzurite();
    fake = await new FakeConnector().start();
    http = await startHttpBot(az, fake);
    await linkChannels(http, fake);
    const closed = await fileMelding(http, fake, 'raadslid', 'OUD-INCIDENT: bedreigd op de markt.');
    const open = await fileMelding(http, fake, 'fractiemedewerker', 'NOG-OPEN: boze mail.');
    await decideAndClose(http, closed.incidentId, 'NOTITIE: pleger is bekend bij de politie');
    const { store, orgId } = http.bot.services;
    const timers = new TimerRepository(createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString })(TIMERS_TABLE));
    await until('the nazorg is booked', async () => (await http!.bot.agenda.bookingsFor(closed.incidentId))?.items.some((i) => i.status === 'geboekt') ?? false, 30_000);
    await until('its deadlines are watched', async () => (await timers.list(orgId, closed.incidentId)).length > 0);
    const counted = reportRow((await store.incidents.get(orgId, closed.incidentId))!.value, undefined);
    await http.stop();

    // six years on: the day's check finds the melding, and the process "crashes" once the document is redacted
    const later = new Date(Date.now() + 6 * YEAR_MS);
    const steps: ErasureStep[] = [];
    let crashed = false;
    http = await startHttpBot(az, fake, {
      avg: {
        now: () => later,
        fault: (step) => {
          steps.push(step);
          if (step === 'document' && !crashed) {
            crashed = true;
            throw new Error('crash injected after the document step');
          }
        },
      },
    });
    await until('the injected crash', async () => crashed, 30_000);
    await http.stop();
    http = undefined;
    const halfway = (await store.incidents.get(orgId, closed.incidentId))!.value;
    assert.equal(halfway.gewist?.reden, 'bewaartermijn', 'the document was redacted before the crash');
    assert.ok(!(await store.audit.list(orgId, closed.incidentId)).some((e) => e.verb === 'avg.wissen'), 'not audited yet');
    assert.ok((await timers.list(orgId, closed.incidentId)).length > 0, 'not cleaned up yet');

    // the restarted bot asks for the same day's check (dropped: done) and finishes the erasure from the queue
    const rerun: ErasureStep[] = [];
    http = await startHttpBot(az, fake, { avg: { now: () => later, fault: (step) => void rerun.push(step) } });
    const bot = http.bot;
    await until('the erasure is finished', async () => (await bot.jobs.state.get(wissenKey(closed.incidentId)))?.state.status === 'done', 30_000);
    assert.equal((await bot.jobs.state.get(wissenKey(closed.incidentId)))?.state.attempts, 2);
    assert.equal((await bot.jobs.state.get(bewaartermijnKey(orgId, later.toISOString().slice(0, 10))))?.state.attempts, 1, 'the day\'s check ran once');

    // a later day's check: nothing new to do
    const nextDay = new Date(later.getTime() + 24 * 3_600_000).toISOString().slice(0, 10);
    await bot.jobs.queue.enqueue({ type: 'avg.bewaartermijn', idempotencyKey: bewaartermijnKey(orgId, nextDay), payload: { orgId, dag: nextDay } });
    await until('the next day\'s check', async () => (await bot.jobs.state.get(bewaartermijnKey(orgId, nextDay)))?.state.status === 'done', 30_000);

    const erased = (await store.incidents.get(orgId, closed.incidentId))!.value;
    const audit = await store.audit.list(orgId, closed.incidentId);
    const entries = audit.filter((e) => e.verb === 'avg.wissen');
    assert.equal(entries.length, 1);
    assert.deepEqual({ ...entries[0], at: undefined }, { orgId, incidentId: closed.incidentId, actorId: 'system', verb: 'avg.wissen', outcome: 'ok', subject: 'bewaartermijn', at: undefined });
    assert.ok(!audit.some((e) => e.actorId === PEOPLE.raadslid.aadObjectId), 'the melder\'s account left the history');
    assert.ok(audit.some((e) => e.actorId === PEOPLE.griffier.aadObjectId), 'the handler\'s accountability stays');
    const text = JSON.stringify(erased);
    for (const gone of ['OUD-INCIDENT', 'NOTITIE', 'Raadzaal', 'grijze jas', 'x.example', PEOPLE.raadslid.aadObjectId, PEOPLE.raadslid.name]) assert.ok(!text.includes(gone), gone);
    assert.deepEqual(reportRow(erased, plegerKeyOf(erased.pleger)), counted);
    assert.deepEqual(await timers.list(orgId, closed.incidentId), []);
    assert.equal(await bot.agenda.bookingsFor(closed.incidentId), undefined);
    assert.ok(erased.gewist && erased.gewist.afspraken.length > 0, 'the booked moments are kept without who');

    // the open melding is never erased by its term
    const stillOpen = (await store.incidents.get(orgId, open.incidentId))!.value;
    assert.equal(stillOpen.gewist, undefined);
    assert.equal(stillOpen.description, 'NOG-OPEN: boze mail.');

    const card = coordinatorCardOf(fake, closed.number);
    await fake.waitFor(() => fake.updates(card.activityId).some((u) => /De bewaartermijn was voorbij/.test(cardText(cardOf(u.body)))), 20_000);
    assert.deepEqual(steps, ['agenda', 'persoon', 'document'], 'the first run got as far as the document');
    assert.deepEqual(rerun, ['document', 'opgeruimd'], 'the rerun went on from the redacted document');
  });
});
