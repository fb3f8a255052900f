import assert from 'node:assert/strict';
import { recoverOutboxEntry } from '../../src/flows/handling/index.js';
import { reportFlow } from '../../src/flows/report/index.js';
import { createRouter } from '../../src/flows/router.js';
import type { Services } from '../../src/flows/services.js';
import { createHandlingDeps } from '../../src/jobs/handlers/index.js';
import { createOutboxSweeper } from '../../src/jobs/outbox-sweeper.js';
import type { EffectQueue } from '../../src/shared/jobs.js';
import { IncidentOutbox } from '../../src/store/incident-outbox.js';
import { createTableClientFactory, TABLES } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { testBot } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { testServices } from '../support/services.js';
import { amsterdam, drain, makeIncident, startAgenda, type AgendaStack } from '../agenda/support.js';

const noRoster = { channelMembers: () => Promise.reject(new Error('no roster here')), teamMembers: () => Promise.reject(new Error('no roster here')) };

describe('recovery: the outbox sweep enqueues the work of meldingen whose writer stopped', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  /** what the running test started */
  let stop: (() => Promise<void>) | undefined;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  const tables = () => createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });

  it('books nazorg only where it is wanted and only for a melding still gemeld; a second sweep books nothing twice', async () => {
    const clock = amsterdam('2026-11-20T21:00');
    const s: AgendaStack = await startAgenda(az, { now: () => clock });
    stop = () => s.stop();
    const { services, jobs } = s.stack;
    // stored by a process that died before it enqueued anything
    const wanted = makeIncident(services, { occurredAt: amsterdam('2026-11-20T20:15') });
    const declined = { ...makeIncident(services, { occurredAt: amsterdam('2026-11-20T20:15'), nazorgGewenst: false }), number: '2026-0043' };
    const decided = makeIncident(services, {
      occurredAt: amsterdam('2026-11-20T20:15'),
      decision: { types: ['waarschuwing-mondeling'], decidedAt: clock.toISOString(), decidedBy: { aadObjectId: 'x', name: 'x' } },
    });
    for (const i of [wanted, declined, { ...decided, number: '2026-0044' }]) await services.store.incidents.create(i);
    const deps = await createHandlingDeps(tables(), noRoster);
    const sweeper = createOutboxSweeper({ tables: tables(), services, deps, state: jobs.state, timing: { graceMs: 0 } });

    assert.equal(await sweeper.runOnce(), 3, 'every outbox row handled and cleared');
    await drain(jobs.worker);
    const booked = await s.agenda.bookingsFor(wanted.id);
    assert.deepEqual(booked?.items.map((i) => [i.kind, i.status]), [['nazorg-1', 'geboekt'], ['nazorg-2', 'geboekt'], ['nazorg-3', 'geboekt']]);
    assert.equal((await jobs.state.get(`nazorg.boeken:${wanted.id}`))?.state.status, 'done');
    assert.equal(await jobs.state.get(`nazorg.boeken:${declined.id}`), undefined, 'declined: not even enqueued');
    assert.equal(await jobs.state.get(`nazorg.boeken:${decided.id}`), undefined, 'past gemeld: not filed again');

    assert.equal(await sweeper.runOnce(), 0, 'nothing left in the outbox');
    const seen = async (key: string) => (await jobs.state.get(key)) !== undefined;
    assert.equal(await recoverOutboxEntry(services, deps, { incidentId: wanted.id, gemeld: true, gewijzigd: false }, seen), false, 'a stale listing finds the work started');
    await drain(jobs.worker);
    assert.equal((await s.agenda.bookingsFor(wanted.id))?.items.length, 3);
    assert.equal((await jobs.state.get(`nazorg.boeken:${wanted.id}`))?.state.attempts, 1, 'the done key ran once');
  });

  it('enqueues the same jobs as submit, key for key, so a melding submitted and then swept is handled once', async () => {
    const stack = await testServices({ az });
    stop = () => stack.stop();
    const enqueued: Parameters<EffectQueue['enqueue']>[0][] = [];
    const services: Services = { ...stack.services, effects: { enqueue: async (job) => void enqueued.push(job) } };
    const adapter = testBot(createRouter(services, [reportFlow(services)]));
    await completeMelding(adapter, 'raadslid');
    await completeMelding(adapter, 'raadslid', { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], nazorgGewenst: 'nee' } });
    const submitted = enqueued.splice(0);
    assert.deepEqual(submitted.map((j) => j.type), ['melding.gemeld', 'melding.gemeld'], 'one job per melding on the turn; the gemeld job sets the rest going');

    const deps = await createHandlingDeps(tables(), noRoster);
    const entries = await new IncidentOutbox(tables()(TABLES.incidents)).list(services.orgId);
    assert.equal(entries.length, 2, 'each stored melding left its outbox row');
    for (const entry of entries) assert.equal(await recoverOutboxEntry(services, deps, entry, async () => false), true);
    const byKey = (jobs: typeof enqueued) => [...jobs].sort((x, y) => x.idempotencyKey.localeCompare(y.idempotencyKey));
    assert.deepEqual(byKey(enqueued), byKey(submitted));
  });

  it('lists no outbox row as a melding', async () => {
    const stack = await testServices({ az });
    stop = () => stack.stop();
    const { services } = stack;
    const stored = await services.store.incidents.create(makeIncident(services, { occurredAt: amsterdam('2026-11-20T20:15') }));
    await services.store.incidents.update({ ...stored.value, state: 'in-behandeling' }, stored.etag);
    const listed = await services.store.incidents.listByOrganisation(services.orgId);
    assert.deepEqual(listed.map((r) => r.value.id), [stored.value.id]);
    const [entry] = await new IncidentOutbox(tables()(TABLES.incidents)).list(services.orgId);
    assert.deepEqual({ gemeld: entry?.gemeld, gewijzigd: entry?.gewijzigd }, { gemeld: true, gewijzigd: true }, 'a change never hides the filing');
  });
});
