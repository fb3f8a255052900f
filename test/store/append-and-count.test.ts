import assert from 'node:assert/strict';
import { TableAuditRepository } from '../../src/store/audit-repository.js';
import type { ConversationRef } from '../../src/store/schemas.js';
import type { Store } from '../../src/store/ports.js';
import { createTableStore } from '../../src/store/table-store.js';
import { TABLES, createTableClientFactory, ensureTables } from '../../src/store/tables.js';
import type { TableClientFactory } from '../../src/store/tables.js';
import { startAzurite } from '../support/azurite.js';
import type { AzuriteHandle } from '../support/azurite.js';

describe('store audit and channel links on Azurite', () => {
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

  describe('AuditRepository', () => {
    const base = { orgId: 'gemeente-a', actorId: 'griffier-1', outcome: 'ok' };

    it('lists one incident history in time order, whatever order it was appended in', async () => {
      const incidentId = 'inc-order';
      await store.audit.append({ ...base, incidentId, verb: 'vaststellen', at: '2026-11-23T12:00:00.000+01:00' });
      await store.audit.append({ ...base, incidentId, verb: 'melden', at: '2026-11-23T10:00:00.000Z' });
      await store.audit.append({ ...base, incidentId, verb: 'openen', at: '2026-11-23T10:30:00.000Z' });
      await store.audit.append({ ...base, incidentId: 'inc-order-2', verb: 'ander', at: '2026-11-23T10:15:00.000Z' });
      await store.audit.append({ ...base, incidentId: 'inc-order_x', verb: 'prefix', at: '2026-11-23T10:15:00.000Z' });
      const verbs = (await store.audit.list('gemeente-a', incidentId)).map((e) => e.verb);
      // 12:00+01:00 is 11:00Z: after 10:30Z
      assert.deepEqual(verbs, ['melden', 'openen', 'vaststellen']);
    });

    it('never collides: entries of the same millisecond from two instances all survive, each instance in its order', async () => {
      const incidentId = 'inc-burst';
      const at = '2026-11-23T10:00:00.000Z';
      const one = new TableAuditRepository(factory(TABLES.audit));
      const two = new TableAuditRepository(factory(TABLES.audit));
      await Promise.all([
        (async () => {
          for (let i = 0; i < 25; i += 1) await one.append({ ...base, incidentId, verb: `one-${i}`, at });
        })(),
        (async () => {
          for (let i = 0; i < 25; i += 1) await two.append({ ...base, incidentId, verb: `two-${i}`, at });
        })(),
      ]);
      const verbs = (await store.audit.list('gemeente-a', incidentId)).map((e) => e.verb);
      assert.equal(verbs.length, 50);
      assert.equal(new Set(verbs).size, 50);
      for (const who of ['one', 'two']) {
        const mine = verbs.filter((v) => v.startsWith(who));
        assert.deepEqual(mine, Array.from({ length: 25 }, (_, i) => `${who}-${i}`));
      }
    });

    it('has no way to change or remove an entry', () => {
      const methods = Object.getOwnPropertyNames(TableAuditRepository.prototype).filter((n) => n !== 'constructor');
      assert.deepEqual(methods.sort(), ['append', 'list']);
    });

    it('refuses an entry without a valid time', async () => {
      await assert.rejects(store.audit.append({ ...base, incidentId: 'x', verb: 'v', at: 'gisteren' }));
    });
  });

  describe('ChannelLinkRepository', () => {
    const ref: ConversationRef = {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      conversation: { id: '19:griffie@thread.tacv2', conversationType: 'channel', tenantId: 't1' },
      tenantId: 't1',
      teamId: '19:team@thread.tacv2',
      teamsChannelId: '19:griffie@thread.tacv2',
    };

    it('links, relinks, lists and unlinks channels per role, dropping fields outside the reference subset', async () => {
      const withExtra = { ...ref, activityId: 'drop-me', user: { id: 'u' } } as ConversationRef;
      await store.channelLinks.link({ orgId: 'org-k', role: 'griffier', conversationRef: withExtra, linkedBy: 'admin', linkedAt: '2026-11-23T10:00:00Z' });
      await store.channelLinks.link({ orgId: 'org-k', role: 'coordinator', conversationRef: ref, linkedBy: 'admin', linkedAt: '2026-11-23T10:00:00Z' });
      const moved = { ...ref, conversation: { id: '19:nieuw@thread.tacv2' } };
      await store.channelLinks.link({ orgId: 'org-k', role: 'griffier', conversationRef: moved, linkedBy: 'admin2', linkedAt: '2026-11-24T10:00:00Z' });
      const griffier = await store.channelLinks.get('org-k', 'griffier');
      assert.equal(griffier?.value.conversationRef.conversation.id, '19:nieuw@thread.tacv2');
      assert.equal(griffier?.value.linkedBy, 'admin2');
      const coordinator = await store.channelLinks.get('org-k', 'coordinator');
      assert.deepEqual(coordinator?.value.conversationRef, ref);
      assert.equal('activityId' in (coordinator?.value.conversationRef ?? {}), false);
      assert.deepEqual((await store.channelLinks.list('org-k')).map((l) => l.role).sort(), ['coordinator', 'griffier']);
      assert.deepEqual(await store.channelLinks.list('org-leeg'), []);
      assert.equal(await store.channelLinks.unlink('org-k', 'griffier'), true);
      assert.equal(await store.channelLinks.unlink('org-k', 'griffier'), false);
      assert.equal(await store.channelLinks.get('org-k', 'griffier'), undefined);
    });

    it('refuses a reference without a service URL', async () => {
      const bad = { ...ref, serviceUrl: 'geen url' };
      await assert.rejects(
        store.channelLinks.link({ orgId: 'org-k', role: 'griffier', conversationRef: bad, linkedBy: 'a', linkedAt: '2026-11-23T10:00:00Z' }),
      );
    });
  });
});
