import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createHandlingDeps } from '../../src/jobs/handlers/index.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';

describe('post attempts: an earlier post whose outcome is unknown is noticed', function () {
  this.timeout(20_000);
  let az: AzuriteHandle;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());

  it('returns the earlier attempt on a second try, and never lists attempts as posted cards', async () => {
    const unused = () => Promise.reject(new Error('no roster in this test'));
    const deps = await createHandlingDeps(createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString }), {
      channelMembers: unused,
      teamMembers: unused,
    });
    const incidentId = randomUUID();
    const target = { kind: 'channel' as const, role: 'griffier' as const };
    const first = { incidentId, target, at: '2026-11-20T20:00:00.000Z' };
    assert.equal(await deps.posts.beginAttempt('org-a', first), undefined);
    assert.deepEqual(await deps.posts.beginAttempt('org-a', { ...first, at: '2026-11-20T20:05:00.000Z' }), first);
    assert.equal(await deps.posts.beginAttempt('org-a', { ...first, target: { kind: 'channel', role: 'coordinator' } }), undefined);
    assert.deepEqual(await deps.posts.list('org-a', incidentId), []);
    assert.equal(await deps.posts.get('org-a', incidentId, target), undefined);
  });
});
