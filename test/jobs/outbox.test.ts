import assert from 'node:assert/strict';
import { captureConversations } from '../../src/flows/handling/index.js';
import { reportFlow } from '../../src/flows/report/index.js';
import { createRouter } from '../../src/flows/router.js';
import type { Services } from '../../src/flows/services.js';
import { createOutboxSweeper, type OutboxSweeper } from '../../src/jobs/outbox-sweeper.js';
import { IncidentOutbox } from '../../src/store/incident-outbox.js';
import { Lease } from '../../src/store/lease.js';
import { createTableClientFactory, TABLES } from '../../src/store/tables.js';
import { cardText, testBot } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { CHANNELS, handlingSuite, link, type HandlingStack } from '../flows/handling-harness.js';

const NO_NAZORG = { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], nazorgGewenst: 'nee' } };
const SWEEP = { intervalMs: 200, leaseMs: 1_000, graceMs: 0 };

/**
 * Two instances on one storage account: instance A stores a melding and dies before it enqueues
 * its work (its queue fails as a killed process would never reach it); instance B, running all
 * along, finds the melding in the outbox and carries it out.
 */
describe('the outbox: a melding stored by an instance that died is carried out by a running one', function () {
  this.timeout(60_000);
  const suite = handlingSuite();
  const sweepers: OutboxSweeper[] = [];
  afterEach(async () => {
    for (const sweeper of sweepers.splice(0)) await sweeper.stop();
  });

  function sweeper(s: HandlingStack, owner: string): OutboxSweeper {
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: s.az.connectionString });
    const made = createOutboxSweeper({ tables, services: s.services, deps: s.deps, state: s.jobs.state, owner, timing: SWEEP });
    sweepers.push(made);
    return made;
  }

  /** Instance A: the same storage and organisation; its process dies between storing the melding and enqueueing. */
  async function fileOnDyingInstance(s: HandlingStack): Promise<void> {
    const dying: Services = { ...s.services, effects: { enqueue: () => Promise.reject(new Error('process killed')) } };
    const adapter = testBot(captureConversations(dying, s.deps, createRouter(dying, [reportFlow(dying)])));
    adapter.conversation.serviceUrl = s.fake.url;
    const { confirmation } = await completeMelding(adapter, 'raadslid', NO_NAZORG);
    assert.doesNotMatch(cardText(confirmation), /\d{4}-\d{4}/, 'instance A never confirmed it');
    assert.equal((await s.services.store.incidents.listByOrganisation(s.services.orgId)).length, 1, 'but the melding is stored');
  }

  async function outboxLength(s: HandlingStack): Promise<number> {
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: s.az.connectionString });
    return (await new IncidentOutbox(tables(TABLES.incidents)).list(s.services.orgId)).length;
  }

  async function assertCarriedOutOnce(s: HandlingStack, withinMs: number): Promise<void> {
    await s.fake.waitFor((calls) => calls.filter((c) => c.kind === 'post' && c.conversationId.startsWith('19:')).length >= 2, withinMs);
    await s.idle();
    assert.equal(s.fake.posts(CHANNELS.griffie).length, 1, 'the griffie card once');
    assert.equal(s.fake.posts(CHANNELS.coordinator).length, 1, 'the coordinator card once');
    assert.equal(await outboxLength(s), 0, 'the outbox is empty again');
  }

  it('instance B, sweeping all along, posts the melding within about one sweep interval', async () => {
    const s = await suite.stack();
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    s.jobs.worker.start();
    sweeper(s, 'instance-b').start();
    await fileOnDyingInstance(s);
    await assertCarriedOutOnce(s, SWEEP.intervalMs + 4_000);
  });

  it('when the sweeping instance dies too, another takes its lease over and carries the melding out', async () => {
    const s = await suite.stack();
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    s.jobs.worker.start();
    const first = sweeper(s, 'instance-b');
    assert.equal(await first.runOnce(), 0, 'B holds the lease, nothing to sweep yet');
    const second = sweeper(s, 'instance-c');
    assert.equal(await second.runOnce(), 0);
    await fileOnDyingInstance(s);
    // B dies without giving the lease back; C sweeps on and waits it out
    second.start();
    await assertCarriedOutOnce(s, SWEEP.leaseMs + SWEEP.intervalMs + 4_000);
  });

  it('a lease is held by one owner at a time, renewed by it, and taken over once it runs out', async () => {
    const s = await suite.stack();
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: s.az.connectionString });
    let now = 1_000_000;
    const lease = (owner: string) => new Lease(tables(TABLES.incidents), s.services.orgId, '~lease_test', owner, () => now);
    const [b, c] = [lease('b'), lease('c')];
    assert.deepEqual(await Promise.all([b.acquire(1_000), c.acquire(1_000)]).then((won) => won.filter(Boolean).length), 1, 'two at once: one wins');
    const holder = (await b.acquire(1_000)) ? b : c;
    const other = holder === b ? c : b;
    now += 900;
    assert.equal(await holder.acquire(1_000), true, 'the holder renews');
    now += 900;
    assert.equal(await other.acquire(1_000), false, 'renewed: still held');
    now += 200;
    assert.equal(await other.acquire(1_000), true, 'run out: taken over');
    assert.equal(await holder.acquire(1_000), false);
  });
});
