import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { initialize } from '../../src/initialize.js';
import { JOB } from '../../src/flows/handling/effects.js';
import { deadlineDueSource } from '../../src/flows/handling/termijnen.js';
import { createWorker } from '../../src/jobs/create-jobs.js';
import { announceParked, HANDLING_RETRY_BUDGETS, registerHandlingJobs } from '../../src/jobs/handlers/index.js';
import { registerTermijnJobs } from '../../src/jobs/handlers/termijnen.js';
import { JobHealth } from '../../src/jobs/health.js';
import type { Worker, WorkerOptions } from '../../src/jobs/worker.js';
import { cardText, send, silentLogger } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { channelMessage, CHANNELS, handlingSuite, link, until, type HandlingStack } from '../flows/handling-harness.js';

/** Without nazorg: the stack has no agenda, so a booking job would wait for a handler that never comes. */
const NO_NAZORG = { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], nazorgGewenst: 'nee' } };

/**
 * Teams throttling every call for a while (test-scaled: seconds for the finding's minute),
 * answering 429 with `Retry-After: 0`. The worker runs the afhandeling's real jobs against the fake
 * connector with a short backoff.
 */
describe('Teams throttles with Retry-After: 0, then recovers', function () {
  this.timeout(60_000);
  const suite = handlingSuite();
  const workers: Worker[] = [];
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
  });

  function worker(s: HandlingStack, options: Partial<WorkerOptions>): Worker {
    const context = { services: s.services, deps: s.deps, messenger: s.messenger, now: () => new Date() };
    const w = createWorker(s.jobs, {
      logger: silentLogger,
      pollIntervalMs: 20,
      backoff: { baseMs: 50, maxMs: 300 },
      onParked: announceParked(context),
      ...options,
    });
    registerHandlingJobs(w, context);
    registerTermijnJobs(w, { ...context, timers: s.timers, due: deadlineDueSource(s.services, s.deps) });
    workers.push(w);
    return w;
  }

  async function linkedStack(): Promise<HandlingStack> {
    const s = await suite.stack();
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    return s;
  }

  it('within the retry budget: everything is delivered after the outage, once, and nothing is parked', async () => {
    const s = await linkedStack();
    await completeMelding(s.adapter, 'raadslid', NO_NAZORG);
    const outageEnds = Date.now() + 4_000;
    s.fake.throttleUntil(outageEnds, 0);
    worker(s, { retryBudgetMs: 30_000, backoff: { baseMs: 50, maxMs: 1_000 } }).start();

    await s.idle();
    assert.ok(Date.now() >= outageEnds, 'the jobs waited the outage out');
    assert.ok(s.fake.refused.length >= 3, 'every post was throttled at first');
    assert.equal(s.fake.posts(CHANNELS.griffie).length, 1, 'the griffie card once');
    assert.equal(s.fake.posts(CHANNELS.coordinator).length, 1, 'the coordinator is told of the melding, once');
    assert.equal(s.fake.calls.filter((c) => c.kind === 'create').length, 1, 'the burgemeester informed once');
    assert.deepEqual(await s.jobs.queue.listFailed(), []);
  });

  it('beyond the budget: work is parked, and the notice to the coordinator, on its own longer budget, arrives after the outage', async () => {
    const s = await linkedStack();
    const health = new JobHealth({ jobs: s.jobs.queue, noticeType: JOB.mislukt, logger: silentLogger });
    await completeMelding(s.adapter, 'raadslid', NO_NAZORG);
    const outageEnds = Date.now() + 2_500;
    s.fake.throttleUntil(outageEnds, 0);
    worker(s, { retryBudgetMs: 600, retryBudgetsMs: { [JOB.mislukt]: 20_000 } }).start();

    // the two channel cards and the burgemeester's notice are parked during the outage
    await until('three jobs parked', async () => (await s.jobs.queue.listFailed()).length === 3);
    await health.refresh();
    assert.deepEqual(
      { status: health.current().status, parked: health.current()['parkedJobs'] },
      { status: 'jobs-parked', parked: '3' },
      '/healthz shows the parked work',
    );
    const notices = () => s.fake.posts(CHANNELS.coordinator).filter((p) => typeof p.body['text'] === 'string');
    await until('three notices delivered', async () => notices().length === 3);
    assert.ok(Date.now() >= outageEnds);
    await s.idle();
    assert.equal(notices().length, 3, 'each parked job told once');
    assert.deepEqual(
      notices().map((n) => String(n.body['text']).match(/mislukt en staat stil: ([^(]+)\(/)?.[1]?.trim()).sort(),
      ['bericht versturen', 'meldingskaart plaatsen', 'meldingskaart plaatsen'],
    );
    const listed = await send(s.adapter, channelMessage('coordinator', CHANNELS.coordinator, 'mislukt'));
    assert.equal(cardText(listed.replies[0]?.attachments?.[0]?.content).match(/meldingskaart plaatsen \(melding /g)?.length, 2, '`mislukt` lists them');
    await health.refresh();
    assert.equal(health.current().status, 'jobs-parked', 'no notice parked');
  });

  it('in the assembled bot: /healthz counts the parked jobs, and the notice keeps its own budget', async () => {
    const s = await suite.stack();
    const w = await initialize(loadConfig({ STORAGE_CONNECTION_STRING: s.az.connectionString }), silentLogger);
    await s.jobs.state.park(`kapot:${Date.now()}`, JOB.plaatsen, 3, 'teams-429');
    await new Promise<void>((resolve) => w.server.server.listen(0, '127.0.0.1', resolve));
    try {
      await w.start();
      const url = `http://127.0.0.1:${(w.server.server.address() as AddressInfo).port}/healthz`;
      const parked = (await w.jobs.queue.listFailed()).length;
      let health: Record<string, string> = {};
      await until('healthz read the parked jobs', async () => {
        health = (await (await fetch(url)).json()) as Record<string, string>;
        return health['parkedJobs'] !== undefined;
      });
      assert.equal(health['parkedJobs'], String(parked));
      assert.match(health['status'] ?? '', /^(jobs-parked|notice-parked)$/);
    } finally {
      w.server.server.close();
      await w.stop();
    }
    assert.ok((HANDLING_RETRY_BUDGETS[JOB.mislukt] ?? 0) >= 24 * 3600_000);
  });
});
