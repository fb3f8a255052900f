import assert from 'node:assert/strict';
import { mailboxKey, SlotLedger, SLOTS_TABLE, type Claim } from '../../src/agenda/ledger.js';
import { choose, type PlanSpec } from '../../src/agenda/reserve.js';
import { RetryableError } from '../../src/shared/jobs.js';
import { createTableClientFactory, ensureTables, type TableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { amsterdam, EMAIL, local } from './support.js';

const GIVER = EMAIL.burgemeester;

function claim(key: string, start: string): Claim {
  const at = amsterdam(start);
  return { key, start: at.toISOString(), end: new Date(at.getTime() + 3_600_000).toISOString(), with: [] };
}

describe('agenda: the slot ledger (one lease and the reserved moments per organiser)', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let tables: TableClientFactory;
  let n = 0;
  const now = () => amsterdam('2026-11-23T10:00');

  before(async () => {
    az = await startAzurite();
    const base = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    const suffix = `l${Date.now() % 100_000}`;
    tables = (name) => base(`${name}${suffix}`);
    await ensureTables(tables, [SLOTS_TABLE]);
  });
  after(() => az.stop());

  /** The row a holder left when it died holding the lease (as DocumentTable stores it). */
  async function leftByDeadHolder(org: string, untilMs: number): Promise<void> {
    const doc = { lease: { holder: 'ledger-dead', until: new Date(Date.now() + untilMs).toISOString() }, claims: [claim('old', '2026-11-24T09:00')] };
    await tables(SLOTS_TABLE).createEntity({ partitionKey: org, rowKey: mailboxKey(GIVER), dc: 1, d0: JSON.stringify(doc) });
  }

  it('takes over the lease of a holder that died once it runs out, and keeps what it had reserved', async () => {
    const org = `org-${++n}`;
    await leftByDeadHolder(org, 400);
    const started = Date.now();
    const seen = await new SlotLedger(tables, org, { now }).reserve([GIVER], (claims) => ({
      result: (claims.get(GIVER) ?? []).map((c) => c.key), reservation: { set: [{ mailbox: GIVER, claim: claim('new', '2026-11-24T11:00') }] },
    }));
    assert.ok(Date.now() - started >= 350, 'not before the lease ran out');
    assert.deepEqual(seen, ['old']);
    const after = await new SlotLedger(tables, org, { now }).reserve([GIVER], (claims) => ({ result: claims.get(GIVER)?.map((c) => c.key), reservation: {} }));
    assert.deepEqual(after, ['old', 'new']);
  });

  it('retries later (agenda-busy) when the lease stays taken longer than it waits', async () => {
    const org = `org-${++n}`;
    await leftByDeadHolder(org, 60_000);
    let planned = false;
    await assert.rejects(
      new SlotLedger(tables, org, { now, waitMs: 300 }).reserve([GIVER], () => {
        planned = true;
        return { result: 1, reservation: {} };
      }),
      (e: unknown) => e instanceof RetryableError && e.code === 'agenda-busy' && e.retryAfterMs !== undefined,
    );
    assert.equal(planned, false, 'nothing planned without the lease');
  });

  it('keeps a plan whose moments were reserved before a crash, and voids them at the other giver', () => {
    const specs: PlanSpec[] = [1, 2].map((i) => ({
      kind: `nazorg-${i}`, idempotencyKey: `nazorg:x:${i}`, attendees: [],
      window: { notBefore: now(), dueBy: amsterdam('2026-11-27T17:00') }, allowOutsideHours: false,
    }));
    const claims = new Map<string, Claim[]>([
      [EMAIL.burgemeester, [claim('nazorg:x:1', '2026-11-25T14:00'), claim('nazorg:x:2', '2026-11-26T14:00'), claim('other', '2026-11-23T13:00')]],
      [EMAIL.griffier, []],
    ]);
    const organisers = [{ email: EMAIL.burgemeester, name: 'Mark' }, { email: EMAIL.griffier, name: 'Sanne' }];
    const rules = { hours: { start: '09:00', end: '17:00' }, durationMinutes: 60, now: now(), searchDaysAfter: 21 };
    const { result, reservation } = choose(organisers, specs, () => [], claims, rules);
    assert.equal(result.organiser.email, EMAIL.burgemeester);
    assert.deepEqual(result.moments.map((m) => local(m.start)), ['2026-11-25T14:00', '2026-11-26T14:00'], 'the reserved moments, not the first free ones');
    assert.deepEqual(reservation.drop?.map((d) => [d.mailbox, d.key]), [[EMAIL.griffier, 'nazorg:x:1'], [EMAIL.griffier, 'nazorg:x:2']]);

    const fresh = choose(organisers, specs, () => [], new Map([[EMAIL.burgemeester, [claim('other', '2026-11-23T13:00')]]]), rules);
    assert.deepEqual(fresh.result.moments.map((m) => local(m.start)), ['2026-11-23T10:00', '2026-11-24T09:00'], 'another\'s reserved moment is busy');
  });
});
