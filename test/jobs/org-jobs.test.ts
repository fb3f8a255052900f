import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { orgEffects, OrgJobRouter } from '../../src/jobs/org-jobs.js';
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
    router.registerOn(worker);
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
});
