import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ParkedJob } from '../../src/jobs/job-state.js';
import { orgEffects, orgFailedJobs, OrgJobRouter, orgSeen, parkedByOrg } from '../../src/jobs/org-jobs.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { makeHarness, waitFor, type Harness } from './harness.js';

/** One queue for several organisations: a job runs at the organisation its key and its payload both name. */

const TYPE = 'org.test';
const Payload = z.object({ orgId: z.string(), n: z.number() });

describe('jobs of several organisations on one queue', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let h: Harness;
  const ran: { org: string; n: number }[] = [];

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  beforeEach(async () => {
    ran.length = 0;
    h = await makeHarness(az);
    const router = new OrgJobRouter();
    for (const org of ['org-a', 'org-b']) {
      router.registry(org).register({ type: TYPE, schema: Payload, handle: (p) => Promise.resolve(void ran.push({ org, n: p.n })) });
    }
    const worker = h.worker();
    // org-a was the one organisation served before the organisations file: its jobs then had plain keys
    router.registerOn(worker, 'org-a');
    worker.start();
  });
  afterEach(() => h.stopAll());

  it('parks a job whose key names another organisation than its payload, and runs it nowhere', async () => {
    const id = randomUUID();
    await h.jobs.enqueue({ type: TYPE, idempotencyKey: `@org-a:${id}:forged`, payload: { orgId: 'org-b', n: 1 } });
    await h.jobs.enqueue({ type: TYPE, idempotencyKey: `@org-b:${id}:own`, payload: { orgId: 'org-b', n: 2 } });
    await waitFor(async () => (await h.jobs.listFailed()).some((j) => j.key === `@org-a:${id}:forged`));
    await waitFor(() => ran.length > 0);
    assert.deepEqual(ran, [{ org: 'org-b', n: 2 }]);
    const parked = (await h.jobs.listFailed()).find((j) => j.key === `@org-a:${id}:forged`);
    assert.equal(parked?.lastError, 'invalid-payload');
  });

  it("refuses to enqueue under an organisation's prefix a job that names another organisation", async () => {
    const id = randomUUID();
    const a = orgEffects(h.jobs, 'org-a');
    await assert.rejects(a.enqueue({ type: TYPE, idempotencyKey: `${id}:1`, payload: { orgId: 'org-b', n: 1 } }));
    await assert.rejects(a.enqueue({ type: TYPE, idempotencyKey: `${id}:2`, payload: { n: 2 } }));
    await a.enqueue({ type: TYPE, idempotencyKey: `${id}:3`, payload: { orgId: 'org-a', n: 3 } });
    await waitFor(() => ran.length > 0);
    assert.deepEqual(ran, [{ org: 'org-a', n: 3 }]);
    assert.equal(await h.state.get(`@org-a:${id}:1`), undefined, 'the refused job was never queued');
  });

  it('counts the jobs kept under plain keys before the organisations file as those of the organisation served then', async () => {
    const id = randomUUID();
    // parked before (a payload its handler refuses), done before, and one naming another organisation
    await h.jobs.enqueue({ type: TYPE, idempotencyKey: `${id}:parked`, payload: { orgId: 'org-a', n: 'x' } });
    await h.jobs.enqueue({ type: TYPE, idempotencyKey: `${id}:done`, payload: { orgId: 'org-a', n: 1 } });
    await h.jobs.enqueue({ type: TYPE, idempotencyKey: `${id}:other`, payload: { orgId: 'org-b', n: 2 } });
    await waitFor(async () => (await h.jobs.listFailed()).filter((j) => j.key.startsWith(id)).length === 2 && ran.length === 1);
    assert.deepEqual(ran, [{ org: 'org-a', n: 1 }], 'a plain key is org-a\'s: org-b\'s payload under it is not run');

    const mislukt = async (org: string, plainKeysOf: string) => (await orgFailedJobs(h.jobs, org, plainKeysOf).listFailed()).map((j) => j.key).filter((k) => k.startsWith(id)).sort();
    assert.deepEqual(await mislukt('org-a', 'org-a'), [`${id}:other`, `${id}:parked`]);
    assert.deepEqual(await mislukt('org-b', 'org-a'), []);
    assert.equal(await orgFailedJobs(h.jobs, 'org-b', 'org-a').retryFailed(`${id}:parked`), false);

    assert.notEqual(await orgSeen(h.state, 'org-a', 'org-a').get(`${id}:done`), undefined, 'the outbox sweep finds the job done before');
    assert.equal(await orgSeen(h.state, 'org-b', 'org-a').get(`${id}:done`), undefined);

    const told: string[] = [];
    const announce = parkedByOrg(new Map([['org-a', (j: ParkedJob) => Promise.resolve(void told.push(`a:${j.key}`))], ['org-b', (j: ParkedJob) => Promise.resolve(void told.push(`b:${j.key}`))]]), 'org-a');
    const parked = (await h.jobs.listFailed()).find((j) => j.key === `${id}:parked`);
    assert.ok(parked);
    await announce(parked);
    await announce({ ...parked, key: `@org-b:${id}` });
    assert.deepEqual(told, [`a:${id}:parked`, `b:@org-b:${id}`]);
  });
});
