import assert from 'node:assert/strict';
import { recoverMeldingen } from '../../src/flows/handling/index.js';
import { reportFlow } from '../../src/flows/report/index.js';
import { createRouter } from '../../src/flows/router.js';
import type { Services } from '../../src/flows/services.js';
import type { EffectQueue } from '../../src/shared/jobs.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { testBot } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { testServices } from '../support/services.js';
import { amsterdam, drain, makeIncident, startAgenda, type AgendaStack } from '../agenda/support.js';

describe('recovery at start: the jobs of meldingen still gemeld', function () {
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

  it('re-enqueues the nazorg booking only where nazorg is wanted, and a second start books nothing twice', async () => {
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

    assert.equal(await recoverMeldingen(services), 2, 'the two meldingen still gemeld');
    await drain(jobs.worker);
    const booked = await s.agenda.bookingsFor(wanted.id);
    assert.deepEqual(booked?.items.map((i) => [i.kind, i.status]), [['nazorg-1', 'geboekt'], ['nazorg-2', 'geboekt'], ['nazorg-3', 'geboekt']]);
    assert.equal((await jobs.state.get(`nazorg.boeken:${wanted.id}`))?.state.status, 'done');
    assert.equal(await jobs.state.get(`nazorg.boeken:${declined.id}`), undefined, 'declined: not even enqueued');
    assert.equal(await jobs.state.get(`nazorg.boeken:${decided.id}`), undefined, 'past gemeld: the melding flow enqueued it then');

    await recoverMeldingen(services);
    await drain(jobs.worker);
    assert.equal((await s.agenda.bookingsFor(wanted.id))?.items.length, 3);
    assert.equal((await jobs.state.get(`nazorg.boeken:${wanted.id}`))?.state.attempts, 1, 'the done key ran once');
  });

  it('enqueues the same jobs as submit, key for key, so a melding submitted and then recovered is handled once', async () => {
    const stack = await testServices({ az });
    stop = () => stack.stop();
    const enqueued: Parameters<EffectQueue['enqueue']>[0][] = [];
    const services: Services = { ...stack.services, effects: { enqueue: async (job) => void enqueued.push(job) } };
    const adapter = testBot(createRouter(services, [reportFlow(services)]));
    await completeMelding(adapter, 'raadslid');
    await completeMelding(adapter, 'raadslid', { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], nazorgGewenst: 'nee' } });
    const submitted = enqueued.splice(0);
    assert.deepEqual(submitted.map((j) => j.type), ['melding.gemeld', 'nazorg.boeken', 'termijnen.plannen', 'melding.gemeld', 'termijnen.plannen'], 'nazorg only where it is wanted');

    assert.equal(await recoverMeldingen(services), 2);
    const byKey = (jobs: typeof enqueued) => [...jobs].sort((x, y) => x.idempotencyKey.localeCompare(y.idempotencyKey));
    assert.deepEqual(byKey(enqueued), byKey(submitted));
  });
});
