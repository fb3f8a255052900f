import assert from 'node:assert/strict';
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { AVG_JOB, type Wissen } from '../../src/flows/avg/index.js';
import { registerRetentionJobs, type ErasureStep } from '../../src/jobs/handlers/retention.js';
import type { JobHandler } from '../../src/shared/jobs.js';
import { ErasureStore } from '../../src/store/erasure.js';
import { createTableClientFactory, TABLES } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { handlingStack, type HandlingStack } from '../flows/handling-harness.js';
import { makeIncident } from '../store/incident-fixture.js';

const STEPS: ErasureStep[] = ['agenda', 'persoon', 'document', 'opgeruimd'];
const Draft = z.looseObject({ id: z.string() });

describe('the erasure job (src/jobs/handlers/retention.ts): the same end state wherever a run stops', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let s: HandlingStack;
  before(async () => {
    az = await startAzurite();
    s = await handlingStack(az);
  });
  after(async () => {
    await s.stop();
    await az.stop();
  });

  /** The melding's rows of the pleger index, tombstones included, as stored. */
  async function indexRows(incidentId: string): Promise<unknown[]> {
    const rows: unknown[] = [];
    const table = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString })(TABLES.incidents);
    const filter = odata`PartitionKey eq ${s.services.orgId} and RowKey ge ${'~pleger_'} and RowKey lt ${'~pleger`'} and incidentId eq ${incidentId}`;
    for await (const row of table.listEntities({ queryOptions: { filter } })) rows.push(row);
    return rows;
  }

  /** The erasure handler with a fault that throws once at `crashAt`. */
  function wissenHandler(crashAt: ErasureStep | undefined): JobHandler<Wissen> {
    let crashed = false;
    const handlers = new Map<string, JobHandler<unknown>>();
    registerRetentionJobs({ register: (h) => handlers.set(h.type, h as JobHandler<unknown>) }, {
      services: s.services, deps: s.deps, messenger: s.messenger, now: () => new Date(),
      erasure: new ErasureStore(createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString })),
      agenda: undefined,
      fault: (step) => {
        if (step === crashAt && !crashed) {
          crashed = true;
          throw new Error(`crash at ${step}`);
        }
      },
    });
    const h = handlers.get(AVG_JOB.wissen);
    assert.ok(h);
    return h as JobHandler<Wissen>;
  }

  for (const crashAt of STEPS) {
    it(`crashes after "${crashAt}", runs again, and a third run changes nothing: erased once, audited once`, async () => {
      const { store, orgId } = s.services;
      const melder = `melder-${crashAt}`;
      const pleger = { bekend: true, naam: `Piet ${crashAt}`, contact: `piet.${crashAt}@example.nl`, voertuig: '12-ABC-3', eerderContact: false };
      const incident = makeIncident({ organisationId: orgId, state: 'afgesloten', closedAt: '2020-01-01T00:00:00.000Z', melder: { aadObjectId: melder, name: 'Fleur' }, description: 'GEHEIM', pleger });
      const created = await store.incidents.create(incident);
      // the pleger completed once (a key retired: its tombstone row must go too)
      await store.incidents.update({ ...incident, pleger: { ...pleger, naam: `Piet de ${crashAt}` } }, created.etag);
      assert.equal((await indexRows(incident.id)).length, 4);
      await store.audit.append({ orgId, incidentId: incident.id, actorId: melder, verb: 'melding.indienen', outcome: 'ok', at: '2020-01-01T00:00:00.000Z' });
      await store.audit.append({ orgId, incidentId: incident.id, actorId: 'griffier-1', verb: 'afhandeling.afsluiten', outcome: 'ok', at: '2020-01-02T00:00:00.000Z' });
      await store.drafts(Draft).save(orgId, melder, { id: incident.id, step: 'wat' });
      await s.timers.arm({ orgId, incidentId: incident.id, kind: 'nazorg-1', phase: 'kaart', at: '2020-01-01T00:00:00.000Z', dueBy: '2020-01-02T00:00:00.000Z' });

      const job = { orgId, incidentId: incident.id, reden: 'bewaartermijn' as const, at: '2026-12-01T00:00:00.000Z' };
      const context = { idempotencyKey: `avg.wissen:${incident.id}`, type: AVG_JOB.wissen, attempt: 1, enqueuedAt: job.at };
      const handler = wissenHandler(crashAt);
      await assert.rejects(handler.handle(job, context), new RegExp(`crash at ${crashAt}`));
      await handler.handle(job, { ...context, attempt: 2, previousOutcome: 'abandoned' });
      const first = await store.incidents.get(orgId, incident.id);
      await handler.handle(job, { ...context, attempt: 3 });

      const end = await store.incidents.get(orgId, incident.id);
      assert.equal(end?.etag, first?.etag, 'the third run wrote nothing');
      assert.equal(end?.value.gewist?.reden, 'bewaartermijn');
      assert.ok(!JSON.stringify(end?.value).includes('GEHEIM') && !JSON.stringify(end?.value).includes(melder));
      const audit = await store.audit.list(orgId, incident.id);
      assert.equal(audit.filter((e) => e.verb === 'avg.wissen').length, 1);
      assert.deepEqual(audit.map((e) => e.actorId), ['gewist', 'griffier-1', 'system']);
      assert.equal(await store.drafts(Draft).get(orgId, melder), undefined);
      assert.deepEqual(await s.timers.list(orgId, incident.id), []);
      assert.deepEqual(await indexRows(incident.id), [], 'no pleger index row of the melding is left');
    });
  }

  it('leaves a draft of another melding alone', async () => {
    const { store, orgId } = s.services;
    const incident = makeIncident({ organisationId: orgId, state: 'afgesloten', closedAt: '2020-01-01T00:00:00.000Z', melder: { aadObjectId: 'melder-x' } });
    await store.incidents.create(incident);
    await store.drafts(Draft).save(orgId, 'melder-x', { id: 'a-new-melding', step: 'wat' });
    await wissenHandler(undefined).handle({ orgId, incidentId: incident.id, reden: 'verzoek', at: '2026-12-01T00:00:00.000Z' }, { idempotencyKey: 'k', type: AVG_JOB.wissen, attempt: 1, enqueuedAt: '2026-12-01T00:00:00.000Z' });
    assert.equal((await store.drafts(Draft).get(orgId, 'melder-x'))?.value.id, 'a-new-melding');
  });
});
