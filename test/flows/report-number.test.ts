import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DraftSchema, newDraft } from '../../src/flows/report/draft.js';
import { reserveNumber } from '../../src/flows/report/submit.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { testServices, type TestStack } from '../support/services.js';

describe('the melding number', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let stack: TestStack;
  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  beforeEach(async () => {
    stack = await testServices({ az });
  });
  afterEach(() => stack.stop());

  async function numberAt(iso: string, aadObjectId: string): Promise<string | undefined> {
    const now = new Date(iso);
    const actor = { aadObjectId, name: 'Fleur' };
    const drafts = stack.services.store.drafts(DraftSchema);
    const saved = await drafts.save(stack.services.orgId, aadObjectId, newDraft(randomUUID(), 'Fleur', now, false));
    const reserved = await reserveNumber(stack.services, actor, saved.value, saved.etag, now);
    return reserved?.draft.number;
  }

  it('takes the year of the Amsterdam calendar: 00:30 on 1 January is the new year', async () => {
    // 23:30 UTC on 31 December 2026 is 00:30 on 1 January 2027 in Amsterdam.
    assert.equal(await numberAt('2026-12-31T23:30:00Z', randomUUID()), '2027-0001');
  });

  it('keeps the old year until Amsterdam midnight', async () => {
    assert.equal(await numberAt('2026-12-31T22:30:00Z', randomUUID()), '2026-0001');
  });
});
