import assert from 'node:assert/strict';
import { z } from 'zod';
import { AlreadyExistsError, ConflictError, RowParseError } from '../../src/store/errors.js';
import { plegerKeyOf } from '../../src/store/pleger-key.js';
import type { Store } from '../../src/store/ports.js';
import { createTableStore } from '../../src/store/table-store.js';
import { TABLES, createTableClientFactory, ensureTables } from '../../src/store/tables.js';
import type { TableClientFactory } from '../../src/store/tables.js';
import { startAzurite } from '../support/azurite.js';
import type { AzuriteHandle } from '../support/azurite.js';
import type { Incident } from '../../src/domain/incident-schema.js';
import { makeIncident } from './incident-fixture.js';

describe('store repositories on Azurite', () => {
  let azurite: AzuriteHandle;
  let factory: TableClientFactory;
  let store: Store;

  before(async () => {
    azurite = await startAzurite();
    factory = createTableClientFactory({ kind: 'connectionString', connectionString: azurite.connectionString });
    await ensureTables(factory);
    store = createTableStore(factory);
  });

  after(async () => {
    await azurite.stop();
  });

  describe('IncidentRepository', () => {
    it('creates, reads and updates a melding under its ETag', async () => {
      const incident = makeIncident();
      const created = await store.incidents.create(incident);
      const read = await store.incidents.get(incident.organisationId, incident.id);
      assert.deepEqual(read?.value, incident);
      assert.equal(read?.etag, created.etag);
      const updated = await store.incidents.update({ ...incident, state: 'in-behandeling' }, created.etag);
      assert.equal((await store.incidents.get(incident.organisationId, incident.id))?.value.state, 'in-behandeling');
      assert.notEqual(updated.etag, created.etag);
    });

    it('gives exactly one of two concurrent updates from the same read; the other is a ConflictError', async () => {
      const incident = makeIncident();
      const { etag } = await store.incidents.create(incident);
      const results = await Promise.allSettled([
        store.incidents.update({ ...incident, state: 'in-behandeling' }, etag),
        store.incidents.update({ ...incident, state: 'afgesloten' }, etag),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const rejected = results.find((r) => r.status === 'rejected');
      assert.ok(rejected?.status === 'rejected' && rejected.reason instanceof ConflictError);
    });

    it('refuses a second melding with the same id', async () => {
      const incident = makeIncident();
      await store.incidents.create(incident);
      await assert.rejects(store.incidents.create(incident), AlreadyExistsError);
    });

    it('lists by melder and by organisation, newest first, never across organisations', async () => {
      const org = 'gemeente-lijst';
      const a = makeIncident({ organisationId: org, createdAt: '2026-03-01T10:00:00.000Z', melder: { aadObjectId: 'm-a' } });
      const b = makeIncident({ organisationId: org, createdAt: '2026-05-01T10:00:00.000Z', melder: { aadObjectId: 'm-a' } });
      const c = makeIncident({ organisationId: org, createdAt: '2026-04-01T10:00:00.000Z', melder: { aadObjectId: 'm-b' } });
      const other = makeIncident({ organisationId: 'provincie-utrecht', melder: { aadObjectId: 'm-a' } });
      for (const i of [a, b, c, other]) await store.incidents.create(i);
      assert.deepEqual((await store.incidents.listByMelder(org, 'm-a')).map((r) => r.value.id), [b.id, a.id]);
      assert.deepEqual((await store.incidents.listByOrganisation(org)).map((r) => r.value.id), [b.id, c.id, a.id]);
    });

    it('lists the open meldingen only (gemeld, in behandeling, maatregelen vastgesteld), newest first, without the side rows', async () => {
      const org = 'gemeente-open';
      const made = (state: Incident['state'], day: string) => makeIncident({ organisationId: org, state, createdAt: `2026-0${day}-01T10:00:00.000Z` });
      const gemeld = made('gemeld', '3');
      const behandeling = made('in-behandeling', '5');
      const maatregelen = made('maatregelen-vastgesteld', '4');
      const afgesloten = made('afgesloten', '6');
      for (const i of [gemeld, behandeling, maatregelen, afgesloten, makeIncident({ organisationId: 'provincie-utrecht', state: 'gemeld' })]) await store.incidents.create(i);
      assert.deepEqual((await store.incidents.listOpen(org)).map((r) => r.value.id), [behandeling.id, maatregelen.id, gemeld.id]);
      assert.equal((await store.incidents.listByOrganisation(org)).length, 4, 'the closed one is still stored');
    });

    it('counts earlier meldingen about the same pleger, however the name was typed', async () => {
      const org = 'gemeente-pleger';
      const first = makeIncident({ organisationId: org, pleger: { bekend: true, naam: 'Jan  Jansen', eerderContact: false } });
      const key = plegerKeyOf(first.pleger);
      assert.ok(key);
      assert.equal(await store.incidents.countByPlegerKey(org, key), 0);
      await store.incidents.create(first);
      await store.incidents.create(
        makeIncident({ organisationId: org, pleger: { bekend: true, naam: 'jan jansen ', eerderContact: true } }),
      );
      await store.incidents.create(
        makeIncident({ organisationId: org, pleger: { bekend: true, naam: 'Klaas', eerderContact: false } }),
      );
      assert.equal(await store.incidents.countByPlegerKey(org, key), 2);
      assert.equal(await store.incidents.countByPlegerKey('andere-gemeente', key), 0);
    });

    it('plegerKeyOf: accents and case do not matter, an unknown pleger has no key, the name is not in the key', () => {
      const k = plegerKeyOf({ bekend: true, naam: 'José Élan', eerderContact: false });
      assert.equal(k, plegerKeyOf({ bekend: true, naam: 'jose elan', eerderContact: false }));
      assert.doesNotMatch(k ?? '', /jose/i);
      assert.equal(plegerKeyOf({ bekend: false, naam: 'Jan', eerderContact: false }), undefined);
      assert.equal(plegerKeyOf({ bekend: true, naam: ' ', eerderContact: false }), undefined);
      assert.notEqual(
        plegerKeyOf({ bekend: true, contact: 'x@y.nl', eerderContact: false }),
        plegerKeyOf({ bekend: true, organisatie: 'x@y.nl', eerderContact: false }),
      );
    });

    it('reports a stored melding that no longer parses as a RowParseError naming the row', async () => {
      const incident = makeIncident();
      await store.incidents.create(incident);
      const client = factory(TABLES.incidents);
      const raw = await client.getEntity<Record<string, unknown>>(incident.organisationId, incident.id);
      const doc = JSON.parse(String(raw['d0'])) as Record<string, unknown>;
      await client.updateEntity(
        { partitionKey: incident.organisationId, rowKey: incident.id, dc: 1, d0: JSON.stringify({ ...doc, state: 'verdwenen' }) },
        'Replace',
      );
      const err = await store.incidents.get(incident.organisationId, incident.id).catch((e: unknown) => e);
      assert.ok(err instanceof RowParseError);
      assert.equal(err.rowKey, incident.id);
      assert.deepEqual(err.problems, ['state: invalid_value']);
    });
  });

  describe('DraftRepository', () => {
    const DraftSchema = z.object({ step: z.number().int(), kanaal: z.string().optional() });

    it('keeps one draft per person, saves with and without ETag, deletes idempotently', async () => {
      const drafts = store.drafts(DraftSchema);
      assert.equal(await drafts.get('org', 'p1'), undefined);
      const v1 = await drafts.save('org', 'p1', { step: 1 });
      const v2 = await drafts.save('org', 'p1', { step: 2, kanaal: 'brief' }, v1.etag);
      await assert.rejects(drafts.save('org', 'p1', { step: 9 }, v1.etag), ConflictError);
      assert.deepEqual((await drafts.get('org', 'p1'))?.value, { step: 2, kanaal: 'brief' });
      await drafts.save('org', 'p2', { step: 5 });
      await assert.rejects(drafts.delete('org', 'p1', v1.etag), ConflictError);
      await drafts.delete('org', 'p1', v2.etag);
      await drafts.delete('org', 'p1');
      assert.equal(await drafts.get('org', 'p1'), undefined);
      assert.deepEqual((await drafts.get('org', 'p2'))?.value, { step: 5 });
    });

    it('saving with the ETag of a draft that was deleted meanwhile is a conflict', async () => {
      const drafts = store.drafts(DraftSchema);
      const v1 = await drafts.save('org', 'p3', { step: 1 });
      await drafts.delete('org', 'p3');
      await assert.rejects(drafts.save('org', 'p3', { step: 2 }, v1.etag), ConflictError);
    });

    it('validates the draft with the schema the caller passes', async () => {
      await store.drafts(z.object({ step: z.number() })).save('org', 'p4', { step: 1 });
      const strict = store.drafts(z.object({ step: z.string() }));
      await assert.rejects(strict.get('org', 'p4'), RowParseError);
    });
  });
});
