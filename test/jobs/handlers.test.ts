import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createAdapter } from '../../src/bot/adapter.js';
import { TeamsMessenger } from '../../src/bot/proactive.js';
import { loadConfig } from '../../src/config.js';
import { route } from '../../src/domain/route.js';
import type { Incident } from '../../src/domain/incident-schema.js';
import { recoverOutboxEntry } from '../../src/flows/handling/index.js';
import { linkableRoles } from '../../src/flows/handling/links.js';
import type { Messenger } from '../../src/flows/handling/ports.js';
import { handlerIdsFor } from '../../src/flows/report/submit.js';
import type { Services } from '../../src/flows/services.js';
import { createWorker, openJobQueue } from '../../src/jobs/create-jobs.js';
import { registerHandlingJobs } from '../../src/jobs/handlers/index.js';
import { createOutboxSweeper } from '../../src/jobs/outbox-sweeper.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { AGENDA_JOBS } from '../../src/agenda/jobs.js';
import { TERMIJN_JOB } from '../../src/flows/handling/termijnen.js';
import { defineJob } from '../../src/shared/jobs.js';
import { z } from 'zod';
import { makeIncident } from '../store/incident-fixture.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { drained } from '../support/idle.js';
import { cardText, PEOPLE, silentLogger } from '../support/bot.js';
import { handlingStack, cardOf, type HandlingStack } from '../flows/handling-harness.js';
import type { CloudAdapter } from 'botbuilder';

const channelOf = (role: string): string => `19:${role}@thread.tacv2`;

async function linkAll(services: Services, serviceUrl: string): Promise<void> {
  for (const role of linkableRoles(services)) {
    await services.store.channelLinks.link({
      orgId: services.orgId,
      role,
      conversationRef: {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: channelOf(role), conversationType: 'channel', tenantId: 'tenant-1', isGroup: true },
        bot: { id: 'bot-1' },
        tenantId: 'tenant-1',
      },
      linkedBy: PEOPLE.griffier.aadObjectId,
      linkedAt: new Date().toISOString(),
    });
  }
}

async function storeMelding(services: Services, n: number, role: Incident['ambtsdrager']['role'], overrides: Partial<Incident> = {}): Promise<Incident> {
  const routing = route(services.profile, role);
  const incident = makeIncident({
    id: randomUUID(),
    organisationId: services.orgId,
    profileId: services.profile.id,
    number: `2026-${String(n).padStart(4, '0')}`,
    melder: { aadObjectId: PEOPLE.raadslid.aadObjectId, name: 'Melder' },
    ambtsdrager: { aadObjectId: PEOPLE.raadslid.aadObjectId, name: 'Melder', role },
    routing,
    handlerIds: handlerIdsFor(services, routing.handlers),
    ...overrides,
  });
  await services.store.incidents.create(incident);
  return incident;
}

const gemeld = (services: Services, incident: Incident) =>
  services.effects.enqueue({ type: 'melding.gemeld', idempotencyKey: `melding.gemeld:${incident.id}`, payload: { orgId: services.orgId, incidentId: incident.id } });

function postedNumbers(s: HandlingStack, channel: string): string[] {
  return s.fake.posts(channel).map((p) => /Melding (\d{4}-\d{4})/.exec(cardText(cardOf(p.body)))?.[1] ?? '?');
}

describe('afhandeling jobs (worker, Azurite, Teams faked over HTTP)', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let s: HandlingStack;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());

  describe('routing', () => {
    afterEach(() => s.stop());
    for (const profileId of ['nijmegen', 'modelprotocol', 'utrecht'] as const) {
      it(`posts every role's melding to its handler's channel, and the coordinator's where they see all (${profileId})`, async () => {
        s = await handlingStack(az, { profileId });
        await linkAll(s.services, s.fake.url);
        const stored: Incident[] = [];
        for (const [i, role] of s.services.profile.roles.entries()) stored.push(await storeMelding(s.services, i + 1, role));
        for (const incident of stored) await gemeld(s.services, incident);
        s.jobs.worker.start();
        const coordinatorSees = profileId !== 'utrecht';
        const handlerCards = () => s.fake.posts().filter((p) => p.kind === 'post' && p.conversationId.startsWith('19:') && p.conversationId !== channelOf('coordinator')).length;
        await s.fake.waitFor(() => (coordinatorSees ? s.fake.posts(channelOf('coordinator')).length : handlerCards()) >= stored.length, 30_000);
        await s.idle();
        for (const incident of stored) {
          const handler = incident.routing.handlers[0]!;
          assert.ok(postedNumbers(s, channelOf(handler)).includes(incident.number), `${incident.ambtsdrager.role} -> ${handler}`);
          assert.equal(postedNumbers(s, channelOf('coordinator')).includes(incident.number), coordinatorSees);
        }
        assert.equal(s.fake.posts(channelOf('coordinator')).length, coordinatorSees ? stored.length : 0, 'the coordinator sees each once, or none');
        const perHandler = stored.length;
        const handlerPosts = s.fake.posts().filter((p) => p.kind === 'post' && p.conversationId.startsWith('19:') && p.conversationId !== channelOf('coordinator')).length;
        assert.equal(handlerPosts, perHandler, 'one handler card per melding, nothing else');
      });
    }

    it('informs the routing table\'s informed party (the burgemeester for a raadslid) 1:1, without content and without needing consent', async () => {
      s = await handlingStack(az);
      await linkAll(s.services, s.fake.url);
      const incident = await storeMelding(s.services, 1, 'raadslid');
      assert.equal(incident.impact?.toestemmingInformeren, false);
      await gemeld(s.services, incident);
      s.jobs.worker.start();
      await s.fake.waitFor((calls) => calls.some((c) => c.kind === 'create'));
      await s.fake.waitFor(() => s.fake.posts(channelOf('coordinator')).length === 1);
      await s.idle();
      const created = s.fake.calls.filter((c) => c.kind === 'create');
      assert.equal(created.length, 1);
      assert.equal((created[0]!.body['members'] as { id: string }[])[0]?.id, PEOPLE.burgemeester.id);
      await s.fake.waitFor(() => s.fake.posts(created[0]!.conversationId).some((p) => p.kind === 'post'));
      const notice = s.fake.posts(created[0]!.conversationId).find((p) => p.kind === 'post');
      assert.match(String(notice?.body['text']), /Ter informatie: er is een melding \(2026-0001/);
      assert.doesNotMatch(String(notice?.body['text']), new RegExp(incident.description.slice(0, 20)), 'no incident content in the notice');
    });
  });

  describe('reliability', () => {
    afterEach(() => s.stop());

    it('retries a Teams 429 (Retry-After) and a 503, and posts once', async () => {
      s = await handlingStack(az);
      await linkAll(s.services, s.fake.url);
      const incident = await storeMelding(s.services, 1, 'raadslid');
      // the connector client does not retry a new message itself (bot/proactive.ts): the job retries both
      s.fake.failNext({ status: 429, retryAfterSeconds: 1, kind: 'post' }, { status: 503, retryAfterSeconds: 0, kind: 'post' });
      await gemeld(s.services, incident);
      s.jobs.worker.start();
      await s.fake.waitFor(() => s.fake.posts(channelOf('griffier')).length === 1 && s.fake.posts(channelOf('coordinator')).length === 1, 30_000);
      assert.deepEqual(s.fake.refused.map((r) => r.status), [429, 503]);
      await s.idle();
      assert.equal(s.fake.posts(channelOf('griffier')).length, 1);
      assert.equal(s.fake.posts(channelOf('coordinator')).length, 1);
      assert.deepEqual(await s.jobs.queue.listFailed(), []);
    });

    it('maps Teams answers to job errors: throttling retryable with Retry-After, 403/404 permanent', async () => {
      s = await handlingStack(az);
      const ref = { channelId: 'msteams', serviceUrl: s.fake.url, conversation: { id: channelOf('griffier') } };
      // one try per new message: the job sees every answer (bot/proactive.ts)
      s.fake.failNext({ status: 429, retryAfterSeconds: 0 }, { status: 503, retryAfterSeconds: 0 }, { status: 403 }, { status: 404 });
      const codes: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        await s.messenger.post(ref, { type: 'text', text: 'x' }).then(
          () => codes.push('ok'),
          (e: unknown) => codes.push([(e as Error).name, (e as { code?: string }).code, (e as { retryAfterMs?: number }).retryAfterMs]),
        );
      }
      assert.deepEqual(codes, [
        ['RetryableError', 'teams-429', 0],
        ['RetryableError', 'teams-503', 0],
        ['PermanentError', 'teams-403', undefined],
        ['PermanentError', 'teams-404', undefined],
      ]);
    });

    it('the outbox sweep enqueues a melding stored without its jobs, and it is posted exactly once, however often enqueued', async () => {
      s = await handlingStack(az);
      await linkAll(s.services, s.fake.url);
      const incident = await storeMelding(s.services, 7, 'wethouder');
      const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
      const sweeper = createOutboxSweeper({ tables, services: s.services, deps: s.deps, state: s.jobs.state, timing: { graceMs: 0 } });
      assert.equal(await sweeper.runOnce(), 1);
      // another instance sweeping from a listing taken before the row was cleared
      assert.equal(await recoverOutboxEntry(s.services, s.deps, { incidentId: incident.id, gemeld: true, gewijzigd: false }, async () => false), true);
      s.jobs.worker.start();
      await s.fake.waitFor(() => s.fake.posts(channelOf('burgemeester')).length === 1 && s.fake.posts(channelOf('coordinator')).length === 1);
      await s.idle();
      assert.deepEqual(postedNumbers(s, channelOf('burgemeester')), [incident.number]);
      assert.equal(s.fake.posts().length, 2);
    });

    it('a worker killed between enqueue and post: after restart the card is posted exactly once', async () => {
      s = await handlingStack(az);
      await linkAll(s.services, s.fake.url);
      const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
      const queueStorage = { kind: 'connectionString' as const, connectionString: az.connectionString };
      const queueName = `killed${Date.now() % 100000}`;
      // each process opens the same queue and runs its own worker on it
      const boot = async () => {
        const storage = await openJobQueue({ queueStorage, tables, queueName });
        return { queue: storage.queue, worker: createWorker(storage, { logger: silentLogger, pollIntervalMs: 20, leaseMs: 1_000 }) };
      };
      const first = await boot();
      const second = await boot();
      const services: Services = { ...s.services, effects: first.queue };
      let dying!: () => void;
      const reached = new Promise<void>((r) => (dying = r));
      // the first process reaches the post and never comes back (killed)
      const hanging: Messenger = {
        post: () => (dying(), new Promise(() => undefined)),
        sendToPerson: () => new Promise(() => undefined),
        update: () => new Promise(() => undefined),
      };
      registerHandlingJobs(first.worker, { services, deps: s.deps, messenger: hanging, now: () => new Date() });
      const incident = await storeMelding(services, 3, 'raadslid');
      await gemeld(services, incident);
      first.worker.start();
      await reached;
      const messenger = new TeamsMessenger(createAdapter(loadConfig({})) as unknown as CloudAdapter, '');
      registerHandlingJobs(second.worker, { services, deps: s.deps, messenger, now: () => new Date() });
      // the gemeld job also sets going the booking and the timers: this test is about the posts
      for (const type of [AGENDA_JOBS.nazorg, TERMIJN_JOB.plannen]) second.worker.register(defineJob({ type, schema: z.unknown(), handle: async () => undefined }));
      second.worker.start();
      try {
        await s.fake.waitFor(() => s.fake.posts(channelOf('griffier')).length === 1 && s.fake.posts(channelOf('coordinator')).length === 1, 20_000);
        // the second process finishes every job, the one the first still hangs on included
        await drained(az.connectionString, queueName);
        assert.equal(s.fake.posts(channelOf('griffier')).length, 1);
        assert.equal(s.fake.posts(channelOf('coordinator')).length, 1);
      } finally {
        await second.worker.stop();
      }
    });
  });
});
