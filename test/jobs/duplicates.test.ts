import assert from 'node:assert/strict';
import { JOB } from '../../src/flows/handling/effects.js';
import type { Target } from '../../src/flows/handling/ports.js';
import { deadlineDueSource } from '../../src/flows/handling/termijnen.js';
import { createWorker } from '../../src/jobs/create-jobs.js';
import { registerHandlingJobs } from '../../src/jobs/handlers/index.js';
import { registerTermijnJobs } from '../../src/jobs/handlers/termijnen.js';
import type { Worker, WorkerOptions } from '../../src/jobs/worker.js';
import { PEOPLE, silentLogger } from '../support/bot.js';
import { completeMelding, STEP_ANSWERS } from '../support/melding.js';
import { CHANNELS, handlingSuite, link, until, type HandlingStack } from '../flows/handling-harness.js';
import { pino } from 'pino';
import sinon from 'sinon';

const NO_NAZORG = { ...STEP_ANSWERS, impact: { ...STEP_ANSWERS['impact'], nazorgGewenst: 'nee' } };
const MAY_SHOW_TWICE = 'an earlier attempt may have reached Teams; this message may show twice';

/**
 * The Bot Connector has no idempotency key: a message Teams accepted while our process died, or
 * answered 500 after accepting, is sent again by the retry. That cannot be prevented; it must be
 * rare, logged (ids only) for every kind of message, and a card that exists twice is kept up to date twice.
 */
describe('possible duplicate posts: logged for every kind of message, and every copy of a card updated', function () {
  this.timeout(60_000);
  const suite = handlingSuite();
  const workers: Worker[] = [];
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
  });

  /** What the bot logs, line by line (pino's JSON: `msg` and the fields). */
  class LogLines {
    readonly lines: Record<string, unknown>[] = [];
    readonly logger = pino({ level: 'info' }, { write: (line: string) => void this.lines.push(JSON.parse(line) as Record<string, unknown>) });
    text(): string {
      return JSON.stringify(this.lines);
    }
  }

  async function stack(): Promise<{ s: HandlingStack; log: LogLines }> {
    const log = new LogLines();
    const s = await suite.stack({ configure: (x) => ({ ...x, logger: log.logger }) });
    await link(s, CHANNELS.griffie, 'griffier');
    await link(s, CHANNELS.coordinator, 'coordinator');
    return { s, log };
  }

  function worker(s: HandlingStack, options: Partial<WorkerOptions> = {}): Worker {
    const context = { services: s.services, deps: s.deps, messenger: s.messenger, now: () => new Date() };
    const w = createWorker(s.jobs, { logger: silentLogger, pollIntervalMs: 20, backoff: { baseMs: 20, maxMs: 50 }, ...options });
    registerHandlingJobs(w, context);
    registerTermijnJobs(w, { ...context, timers: s.timers, due: deadlineDueSource(s.services, s.deps) });
    workers.push(w);
    return w;
  }

  /** A melding filed and posted to both channels, the worker idle again. */
  async function filed(s: HandlingStack) {
    await completeMelding(s.adapter, 'raadslid', NO_NAZORG);
    await s.idle();
    const [stored] = await s.services.store.incidents.listByOrganisation(s.services.orgId);
    assert.ok(stored);
    return stored.value;
  }

  const warnings = (log: LogLines) => log.lines.filter((l) => l['msg'] === MAY_SHOW_TWICE);

  it('Teams answered 500 after accepting: the retry is logged as a possible duplicate, for cards, status messages and notices alike', async () => {
    const { s, log } = await stack();
    worker(s).start();
    const incident = await filed(s);
    const orgId = s.services.orgId;
    const card = (target: Target) => ({ type: JOB.plaatsen, payload: { orgId, incidentId: incident.id, target } });
    const kinds = {
      'the card in a handler\'s 1:1 chat': card({ kind: 'person', aadObjectId: PEOPLE.griffier.aadObjectId }),
      'the melder\'s nazorg card': card({ kind: 'nazorg', aadObjectId: PEOPLE.raadslid.aadObjectId }),
      'a status message': { type: JOB.bericht, payload: { orgId, incidentId: incident.id, aadObjectId: PEOPLE.raadslid.aadObjectId, kind: 'status', state: 'in-behandeling' } },
      'a notice to the coordinator': { type: JOB.mislukt, payload: { orgId, type: JOB.plaatsen, code: 'teams-500', incidentId: incident.id, target: { kind: 'channel', role: 'coordinator' } } },
    };
    for (const [what, job] of Object.entries(kinds)) {
      const key = `test-${what}`;
      const before = s.fake.calls.length;
      s.fake.failNext({ status: 500, kind: 'post', accepted: true });
      await s.services.effects.enqueue({ ...job, idempotencyKey: key });
      await s.idle();
      const sent = s.fake.calls.slice(before).filter((c) => c.kind === 'post');
      assert.equal(sent.length, 2, `${what}: Teams shows it twice (the price of never losing one)`);
      const said = warnings(log).filter((w) => w['key'] === key);
      assert.equal(said.length, 1, `${what}: the possible duplicate is logged once`);
      assert.deepEqual({ previous: said[0]?.['previous'], incident: said[0]?.['incident'] }, { previous: 'teams-500', incident: incident.id });
    }
    assert.doesNotMatch(log.text(), /uitgescholden|Raadzaal/, 'ids only, never content');
  });

  it('a refusal (429) proves nothing was delivered: no warning; a worker that died mid-run: warned', async () => {
    const { s, log } = await stack();
    worker(s).start();
    const incident = await filed(s);
    const bericht = (key: string) => ({
      type: JOB.bericht,
      idempotencyKey: key,
      payload: { orgId: s.services.orgId, incidentId: incident.id, aadObjectId: PEOPLE.raadslid.aadObjectId, kind: 'status', state: 'in-behandeling' },
    });
    s.fake.failNext({ status: 429, kind: 'post', retryAfterSeconds: 0 });
    await s.services.effects.enqueue(bericht('refused-first'));
    await s.idle();
    assert.equal((await s.jobs.state.get('refused-first'))?.state.attempts, 2, 'refused once, then sent');
    assert.deepEqual(warnings(log), []);

    // a worker took the job and died: its claim is still on the row when its lease runs out
    await s.jobs.state.claim('died-first', JOB.bericht, 'a-dead-worker', 1);
    await s.services.effects.enqueue(bericht('died-first'));
    await s.idle();
    assert.deepEqual(warnings(log).map((w) => [w['key'], w['previous']]), [['died-first', 'abandoned']]);
  });

  it('two workers posted one card (a lease ran out while Teams was slow): both cards are recorded and both are updated', async () => {
    const { s, log } = await stack();
    // a lease (and queue visibility) of one second, and Teams taking longer than that to answer
    worker(s, { leaseMs: 1_000 }).start();
    worker(s, { leaseMs: 1_000 }).start();
    const incident = await filed(s);
    const target: Target = { kind: 'person', aadObjectId: PEOPLE.griffier.aadObjectId };
    s.fake.latencyMs = 1_500;
    await s.services.effects.enqueue({ type: JOB.plaatsen, idempotencyKey: 'slow-post', payload: { orgId: s.services.orgId, incidentId: incident.id, target } });
    const allOf = () => s.deps.posts.allOf(s.services.orgId, incident.id, target);
    await until('both workers posted and recorded their card', async () => (await allOf()).length === 2);
    await s.idle();
    s.fake.latencyMs = 0;
    const cards = await allOf();
    assert.notEqual(cards[0]?.activityId, cards[1]?.activityId);
    assert.equal((await s.deps.posts.list(s.services.orgId, incident.id)).filter((p) => p.target.kind === 'person').length, 1, 'one target, listed once');
    assert.ok(log.lines.some((l) => l['msg'] === 'the card was posted twice to one target; both are updated from now on'));

    // the update job reads the target's records once: the first and its copies together
    const reads = [sinon.spy(s.deps.posts, 'get'), sinon.spy(s.deps.posts, 'allOf')];
    await s.services.effects.enqueue({ type: JOB.bijwerken, idempotencyKey: 'update-both', payload: { orgId: s.services.orgId, incidentId: incident.id, target } });
    await s.idle();
    for (const c of cards) assert.equal(s.fake.updates(c.activityId).length, 1, `card ${c.activityId} updated`);
    assert.deepEqual(reads.map((r) => r.callCount), [0, 1], 'posts.get, posts.allOf');
    for (const r of reads) r.restore();
  });
});
