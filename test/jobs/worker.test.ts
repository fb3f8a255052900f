import assert from 'node:assert/strict';
import { z } from 'zod';
import { createWorker, openJobQueue } from '../../src/jobs/create-jobs.js';
import { encodeEnvelope } from '../../src/jobs/envelope.js';
import { JobTooLargeError } from '../../src/jobs/errors.js';
import { defineJob, PermanentError, RetryableError, type JobContext } from '../../src/shared/jobs.js';
import { JobStateStore, type ParkedJob } from '../../src/jobs/job-state.js';
import { Worker } from '../../src/jobs/worker.js';
import { silentLogger } from '../../src/jobs/logger.js';
import { createTableClientFactory, TABLES } from '../../src/store/tables.js';
import { startAzurite } from '../support/azurite.js';
import type { AzuriteHandle } from '../support/azurite.js';
import { makeHarness, waitFor } from './harness.js';
import type { Harness } from './harness.js';

const PostSchema = z.object({ incidentId: z.string(), note: z.string().optional() });
let seq = 0;
const uniqueKey = (name: string): string => `${name}:${Date.now()}:${(seq += 1)}`;

describe('jobs/Worker on Azurite queues', () => {
  let azurite: AzuriteHandle;
  let h: Harness;

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite.stop();
  });
  beforeEach(async () => {
    h = await makeHarness(azurite);
  });
  afterEach(async () => {
    await h.stopAll();
  });

  it('runs a job with its parsed payload and key, records it done, deletes the message, logs no payload', async () => {
    const key = uniqueKey('post');
    const seen: { payload: z.infer<typeof PostSchema>; ctx: JobContext }[] = [];
    h.worker().register(
      defineJob({ type: 'post', schema: PostSchema, handle: async (payload, ctx) => void seen.push({ payload, ctx }) }),
    ).start();
    await h.jobs.enqueue({ type: 'post', idempotencyKey: key, payload: { incidentId: 'i-1', note: 'GEHEIME-INHOUD' } });
    await waitFor(async () => (await h.state.get(key))?.state.status === 'done');
    assert.deepEqual(seen.map((s) => s.payload), [{ incidentId: 'i-1', note: 'GEHEIME-INHOUD' }]);
    assert.equal(seen[0]?.ctx.idempotencyKey, key);
    assert.equal(seen[0]?.ctx.attempt, 1);
    await waitFor(async () => (await h.queueLength()) === 0);
    assert.doesNotMatch(h.logger.text(), /GEHEIME-INHOUD/);
    assert.match(h.logger.text(), new RegExp(key));
  });

  it('does each key exactly once with two workers and every job enqueued twice', async () => {
    const runs = new Map<string, number>();
    const handler = defineJob({
      type: 'post',
      schema: PostSchema,
      handle: async (_p, ctx) => {
        runs.set(ctx.idempotencyKey, (runs.get(ctx.idempotencyKey) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 15));
      },
    });
    for (const id of ['w1', 'w2']) h.worker({ workerId: id, leaseMs: 2_000, batchSize: 4 }).register(handler).start();
    const keys = Array.from({ length: 15 }, () => uniqueKey('dup'));
    await Promise.all(
      [...keys, ...keys].map((k) => h.jobs.enqueue({ type: 'post', idempotencyKey: k, payload: { incidentId: k } })),
    );
    await waitFor(async () => (await Promise.all(keys.map((k) => h.state.get(k)))).every((s) => s?.state.status === 'done'));
    await waitFor(async () => (await h.queueLength()) === 0);
    assert.deepEqual([...runs.values()], keys.map(() => 1));
    assert.equal(runs.size, 15);
  });

  it('lets exactly one of many concurrent claims of a key run it, also keys with characters tables refuse', async () => {
    for (const key of [uniqueKey('post:inc-1:griffier'), `${uniqueKey('a')}/b#c?d\\e`, uniqueKey('x'.repeat(2000))]) {
      const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => h.state.claim(key, 'post', `worker-${i}`, 60_000)));
      assert.deepEqual(claims.map((c) => c.kind).sort(), ['busy', 'busy', 'busy', 'busy', 'busy', 'busy', 'busy', 'busy', 'busy', 'run'], key.slice(0, 20));
    }
  });

  it('retries a handler that fails twice and then succeeds', async () => {
    const key = uniqueKey('flaky');
    const attempts: number[] = [];
    h.worker().register(
      defineJob({
        type: 'post',
        schema: PostSchema,
        handle: async (_p, ctx) => {
          attempts.push(ctx.attempt);
          if (ctx.attempt <= 2) throw Object.assign(new Error('boom'), { statusCode: 503 });
        },
      }),
    ).start();
    await h.jobs.enqueue({ type: 'post', idempotencyKey: key, payload: { incidentId: 'i' } });
    await waitFor(async () => (await h.state.get(key))?.state.status === 'done');
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.equal((await h.state.get(key))?.state.attempts, 3);
    const warnings = h.logger.lines.filter((l) => l.level === 'warn').map((l) => l.obj);
    assert.deepEqual(warnings.map((w) => (w as { error: string }).error), ['http-503', 'http-503']);
  });

  it('waits at least retryAfterMs after a RetryableError (Teams 429 Retry-After)', async () => {
    const key = uniqueKey('throttled');
    const times: number[] = [];
    h.worker().register(
      defineJob({
        type: 'post',
        schema: PostSchema,
        handle: async () => {
          times.push(Date.now());
          if (times.length === 1) throw new RetryableError('teams-429', { retryAfterMs: 1_200 });
        },
      }),
    ).start();
    await h.jobs.enqueue({ type: 'post', idempotencyKey: key, payload: { incidentId: 'i' } });
    await waitFor(async () => (await h.state.get(key))?.state.status === 'done');
    assert.equal(times.length, 2);
    assert.ok((times[1] ?? 0) - (times[0] ?? 0) >= 1_200, `retried after ${(times[1] ?? 0) - (times[0] ?? 0)} ms`);
  });

  it('retries for a time budget, not a count: Retry-After 0 does not use a job up; it parks once the budget since its first attempt is spent', async () => {
    const key = uniqueKey('budget');
    let now = Date.now();
    const clock = () => now;
    const state = new JobStateStore(createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString })(TABLES.jobState), clock);
    const parked: ParkedJob[] = [];
    let attempts = 0;
    const worker = new Worker({
      queue: h.queueClient, state, logger: silentLogger, pollIntervalMs: 20, backoff: { baseMs: 0, maxMs: 0 },
      retryBudgetMs: 60_000, now: clock, onParked: (p) => void parked.push(p),
    });
    h.workers.push(worker);
    worker.register(defineJob({ type: 'post', schema: PostSchema, handle: async () => {
      attempts += 1;
      throw new RetryableError('teams-429', { retryAfterMs: 0 });
    } })).start();
    await h.jobs.enqueue({ type: 'post', idempotencyKey: key, payload: { incidentId: 'i' } });
    await waitFor(() => attempts >= 12);
    assert.equal((await state.get(key))?.state.status, 'pending', 'twelve fast failures inside the budget: still retried');
    assert.equal(parked.length, 0);
    now += 60_000;
    await waitFor(() => parked.length === 1);
    assert.deepEqual({ key: parked[0]?.key, lastError: parked[0]?.lastError }, { key, lastError: 'teams-429' });
    assert.ok((parked[0]?.attempts ?? 0) > 12);
  });

  it('parks a job whose budget is spent, calls onParked, lists it, and can retry it', async () => {
    const key = uniqueKey('doomed');
    const parked: ParkedJob[] = [];
    let fixed = false;
    let calls = 0;
    h.worker({ maxAttempts: 3, onParked: (p) => void parked.push(p) }).register(
      defineJob({
        type: 'post',
        schema: PostSchema,
        handle: async () => {
          calls += 1;
          if (!fixed) throw Object.assign(new Error('reset with personal data'), { code: 'ECONNRESET' });
        },
      }),
    ).start();
    await h.jobs.enqueue({ type: 'post', idempotencyKey: key, payload: { incidentId: 'i' } });
    await waitFor(() => parked.length === 1);
    assert.equal(calls, 3);
    assert.deepEqual(
      { key: parked[0]?.key, type: parked[0]?.type, attempts: parked[0]?.attempts, lastError: parked[0]?.lastError },
      { key, type: 'post', attempts: 3, lastError: 'ECONNRESET' },
    );
    assert.equal((await h.state.get(key))?.state.status, 'failed');
    assert.ok((await h.jobs.listFailed()).some((p) => p.key === key));
    await waitFor(async () => (await h.queueLength()) === 0);
    assert.doesNotMatch(h.logger.text(), /personal data/);

    fixed = true;
    assert.equal(await h.jobs.retryFailed(key), true);
    await waitFor(async () => (await h.state.get(key))?.state.status === 'done');
    assert.equal(calls, 4);
    assert.ok(!(await h.jobs.listFailed()).some((p) => p.key === key));
    assert.equal(await h.jobs.retryFailed(key), false);
  });

  it('parks at once on a PermanentError or a payload its schema refuses', async () => {
    const permanent = uniqueKey('permanent');
    const invalid = uniqueKey('invalid');
    const parked: ParkedJob[] = [];
    let calls = 0;
    h.worker({ onParked: (p) => void parked.push(p) }).register(
      defineJob({
        type: 'post',
        schema: PostSchema,
        handle: async () => {
          calls += 1;
          throw new PermanentError('teams-403');
        },
      }),
    ).start();
    await h.jobs.enqueue({ type: 'post', idempotencyKey: permanent, payload: { incidentId: 'i' } });
    await h.jobs.enqueue({ type: 'post', idempotencyKey: invalid, payload: { incidentId: 42 } });
    await waitFor(() => parked.length === 2);
    assert.equal(calls, 1);
    const byKey = new Map(parked.map((p) => [p.key, p]));
    assert.equal(byKey.get(permanent)?.lastError, 'teams-403');
    assert.equal(byKey.get(invalid)?.lastError, 'invalid-payload');
    assert.equal(byKey.get(invalid)?.attempts, 1);
  });

  it('does not apply the effect twice when a worker dies between the effect and marking it done', async () => {
    const key = uniqueKey('killed');
    const teams = new Map<string, string>(); // a remote service that deduplicates on the key, as Graph's transactionId does
    const keysSeen: string[] = [];
    const post = (ctx: JobContext): void => {
      keysSeen.push(ctx.idempotencyKey);
      if (!teams.has(ctx.idempotencyKey)) teams.set(ctx.idempotencyKey, `activity-${teams.size + 1}`);
    };
    const frozen = h.worker({ workerId: 'dies', leaseMs: 1_000 });
    frozen.register(
      defineJob({
        type: 'post',
        schema: PostSchema,
        handle: async (_p, ctx) => {
          post(ctx);
          await new Promise<never>(() => undefined); // the process is gone: nothing after the effect happens
        },
      }),
    ).start();
    h.workers.splice(h.workers.indexOf(frozen), 1); // a dead worker cannot be stopped
    await h.jobs.enqueue({ type: 'post', idempotencyKey: key, payload: { incidentId: 'i' } });
    await waitFor(() => keysSeen.length === 1);
    assert.equal((await h.state.get(key))?.state.status, 'pending');

    h.worker({ workerId: 'restarted', leaseMs: 1_000 }).register(
      defineJob({ type: 'post', schema: PostSchema, handle: async (_p, ctx) => post(ctx) }),
    ).start();
    await waitFor(async () => (await h.state.get(key))?.state.status === 'done');
    assert.deepEqual(keysSeen, [key, key]);
    assert.equal(teams.size, 1);
    assert.equal((await h.state.get(key))?.state.attempts, 2);
    await waitFor(async () => (await h.queueLength()) === 0);
  });

  it('parks poison messages and keeps working', async () => {
    const parked: ParkedJob[] = [];
    const done: string[] = [];
    h.worker({ onParked: (p) => void parked.push(p) }).register(
      defineJob({ type: 'post', schema: PostSchema, handle: async (p) => void done.push(p.incidentId) }),
    ).start();
    await h.queueClient.sendMessage('dit is geen base64 json!');
    await h.queueClient.sendMessage(Buffer.from(JSON.stringify({ hello: 'world' })).toString('base64'));
    const key = uniqueKey('after-poison');
    await h.jobs.enqueue({ type: 'post', idempotencyKey: key, payload: { incidentId: 'goed' } });
    await waitFor(() => parked.length === 2 && done.length === 1);
    assert.ok(parked.every((p) => p.key.startsWith('poison:') && p.lastError === 'poison-message'));
    assert.deepEqual(done, ['goed']);
    await waitFor(async () => (await h.queueLength()) === 0);
  });

  it('retries an unknown job type (rolling deploy) and parks it when no instance knows it', async () => {
    const key = uniqueKey('unknown');
    const parked: ParkedJob[] = [];
    h.worker({ maxAttempts: 2, onParked: (p) => void parked.push(p) }).start();
    await h.jobs.enqueue({ type: 'nieuw-type', idempotencyKey: key, payload: {} });
    await waitFor(() => parked.length === 1);
    assert.equal(parked[0]?.lastError, 'unknown-job-type');
    assert.equal(parked[0]?.attempts, 2);
  });

  it('stop() lets the job in flight finish and be recorded', async () => {
    const key = uniqueKey('inflight');
    let started = false;
    let finished = false;
    const w = h.worker().register(
      defineJob({
        type: 'post',
        schema: PostSchema,
        handle: async () => {
          started = true;
          await new Promise((r) => setTimeout(r, 200));
          finished = true;
        },
      }),
    );
    w.start();
    await h.jobs.enqueue({ type: 'post', idempotencyKey: key, payload: { incidentId: 'i' } });
    await waitFor(() => started);
    await w.stop();
    assert.equal(finished, true);
    assert.equal((await h.state.get(key))?.state.status, 'done');
  });

  it('hides a job until runAfter and refuses a payload too large for a message', async () => {
    await h.jobs.enqueue({
      type: 'post',
      idempotencyKey: uniqueKey('later'),
      payload: { incidentId: 'i' },
      runAfter: new Date(Date.now() + 60_000),
    });
    assert.equal((await h.queueClient.peekMessages()).peekedMessageItems.length, 0);
    assert.equal(await h.queueLength(), 1);
    await assert.rejects(
      h.jobs.enqueue({ type: 'post', idempotencyKey: uniqueKey('big'), payload: { note: 'x'.repeat(60_000) } }),
      JobTooLargeError,
    );
  });

  it('treats a job whose key is already done as a duplicate without running it', async () => {
    const key = uniqueKey('settled');
    await h.state.markDone(key, 'post', 1);
    let calls = 0;
    h.worker().register(defineJob({ type: 'post', schema: PostSchema, handle: async () => void (calls += 1) })).start();
    await h.queueClient.sendMessage(
      encodeEnvelope({ v: 1, type: 'post', key, payload: { incidentId: 'i' }, enqueuedAt: new Date().toISOString() }),
    );
    await waitFor(async () => (await h.queueLength()) === 0);
    assert.equal(calls, 0);
  });

  it('openJobQueue and createWorker wire queue, state table and worker from storage settings', async () => {
    const storage = { kind: 'connectionString', connectionString: azurite.connectionString } as const;
    const queue = await openJobQueue({ queueStorage: storage, tables: createTableClientFactory(storage), queueName: 'wired-jobs' });
    const jobs = { ...queue, worker: createWorker(queue, { logger: silentLogger, pollIntervalMs: 20 }) };
    const key = uniqueKey('wired');
    const done: string[] = [];
    jobs.worker.register(defineJob({ type: 'post', schema: PostSchema, handle: async (p) => void done.push(p.incidentId) }));
    jobs.worker.start();
    try {
      await jobs.queue.enqueue({ type: 'post', idempotencyKey: key, payload: { incidentId: 'w' } });
      await waitFor(async () => (await jobs.state.get(key))?.state.status === 'done');
      assert.deepEqual(done, ['w']);
    } finally {
      await jobs.worker.stop();
    }
  });
});
