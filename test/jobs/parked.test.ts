import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { route } from '../../src/domain/route.js';
import type { Services } from '../../src/flows/services.js';
import { handlerIdsFor } from '../../src/flows/report/submit.js';
import { createWorker, openJobQueue, type Jobs } from '../../src/jobs/create-jobs.js';
import { announceParked, registerHandlingJobs } from '../../src/jobs/handlers/index.js';
import type { ConversationRef } from '../../src/store/schemas.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { makeIncident } from '../store/incident-fixture.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { settled } from '../support/idle.js';
import { cardText, PEOPLE, send, silentLogger } from '../support/bot.js';
import { dataOf } from '../support/melding.js';
import { channelInvoke, channelMessage, CHANNELS, handlingStack, type HandlingStack } from '../flows/handling-harness.js';

const channelRef = (serviceUrl: string, id: string): ConversationRef => ({
  channelId: 'msteams',
  serviceUrl,
  conversation: { id, conversationType: 'channel', tenantId: 'tenant-1', isGroup: true },
  tenantId: 'tenant-1',
});

const link = (services: Services, role: 'griffier' | 'coordinator', ref: ConversationRef) =>
  services.store.channelLinks.link({ orgId: services.orgId, role, conversationRef: ref, linkedBy: PEOPLE.griffier.aadObjectId, linkedAt: new Date().toISOString() });

describe('parked jobs: the coordinator is told, lists them with `mislukt` and retries them', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let s: HandlingStack;
  let jobs: Jobs;

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  afterEach(async () => {
    await jobs.worker.stop();
    await s.stop();
  });

  it('a post that exhausts its budget is parked, announced without content, refused to others and re-queued by the coordinator', async () => {
    // a small budget and short backoff, so the budget runs out within the test
    const queue = await openJobQueue({
      queueStorage: { kind: 'connectionString', connectionString: az.connectionString },
      tables: createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString }),
      queueName: `parked${Date.now() % 100000}`,
    });
    s = await handlingStack(az, { configure: (x) => ({ ...x, effects: queue.queue }) });
    const context = { services: s.services, deps: s.deps, messenger: s.messenger, now: () => new Date() };
    jobs = {
      ...queue,
      worker: createWorker(queue, {
        logger: silentLogger, pollIntervalMs: 20, maxAttempts: 2, backoff: { baseMs: 10, maxMs: 20 }, onParked: announceParked(context),
      }),
    };
    registerHandlingJobs(jobs.worker, context);

    // the griffie channel's service cannot be reached: every attempt fails
    await link(s.services, 'griffier', channelRef('http://127.0.0.1:9/', CHANNELS.griffie));
    await link(s.services, 'coordinator', channelRef(s.fake.url, CHANNELS.coordinator));
    const routing = route(s.services.profile, 'raadslid');
    const incident = makeIncident({
      id: randomUUID(), organisationId: s.services.orgId, profileId: s.services.profile.id, number: '2026-0031',
      melder: { aadObjectId: PEOPLE.raadslid.aadObjectId, name: 'Melder' },
      ambtsdrager: { aadObjectId: PEOPLE.raadslid.aadObjectId, name: 'Melder', role: 'raadslid' },
      routing, handlerIds: handlerIdsFor(s.services, routing.handlers),
    });
    await s.services.store.incidents.create(incident);
    await jobs.queue.enqueue({ type: 'afhandeling.plaatsen', idempotencyKey: `post:${incident.id}:griffier`, payload: { orgId: s.services.orgId, incidentId: incident.id, target: { kind: 'channel', role: 'griffier' } } });
    jobs.worker.start();

    const notices = () => s.fake.posts(CHANNELS.coordinator).filter((p) => typeof p.body['text'] === 'string').map((p) => String(p.body['text']));
    await s.fake.waitFor(() => notices().length === 1, 30_000);
    assert.equal(
      notices()[0],
      'Een taak van Weerbaar is mislukt en staat stil: meldingskaart plaatsen (melding 2026-0031). Foutcode: teams-unreachable. Typ mislukt om de mislukte taken te zien en opnieuw te proberen.',
    );
    assert.doesNotMatch(notices()[0]!, new RegExp(incident.description.slice(0, 20)), 'never content');
    const [parked] = await jobs.queue.listFailed();
    assert.equal(parked?.attempts, 2);
    assert.equal(parked?.incidentId, incident.id);

    // `mislukt` by someone who is neither coordinator nor administrator: refused, nothing listed
    const refused = await send(s.adapter, channelMessage('burgemeester', CHANNELS.coordinator, 'mislukt'));
    const refusedText = cardText(refused.replies[0]?.attachments?.[0]?.content);
    assert.match(refusedText, /Alleen de coördinator of een beheerder/);
    assert.doesNotMatch(refusedText, /2026-0031/);

    const listed = await send(s.adapter, channelMessage('coordinator', CHANNELS.coordinator, 'mislukt'));
    const card = listed.replies[0]?.attachments?.[0]?.content as Record<string, unknown>;
    assert.match(cardText(card), /meldingskaart plaatsen \(melding 2026-0031\)/);
    assert.match(cardText(card), /Foutcode teams-unreachable · 2 pogingen/);
    const retry = dataOf(card, 'afhandeling.opnieuw');
    assert.equal(retry['key'], `post:${incident.id}:griffier`);

    // the button, clicked by a non-coordinator (a forged or forwarded card): refused on the server
    const forged = await send(s.adapter, channelInvoke('raadslid', CHANNELS.coordinator, 'afhandeling.opnieuw', retry));
    assert.match(cardText(forged.invokeCard), /Alleen de coördinator of een beheerder/);
    assert.equal((await jobs.queue.listFailed()).length, 1);

    // the channel is reachable again; the coordinator retries: re-queued, posted once
    await link(s.services, 'griffier', channelRef(s.fake.url, CHANNELS.griffie));
    s.jobs.worker.start();
    const again = await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'afhandeling.opnieuw', retry));
    assert.match(cardText(again.invokeCard), /De taak staat weer in de wachtrij/);
    assert.match(cardText(again.invokeCard), /Er zijn geen mislukte taken/);
    await s.fake.waitFor(() => s.fake.posts(CHANNELS.griffie).length === 1);
    const twice = await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'afhandeling.opnieuw', retry));
    assert.match(cardText(twice.invokeCard), /stond niet \(meer\) als mislukt/);
    await settled(jobs.state, () => [`post:${incident.id}:griffier`]);
    assert.equal((await jobs.state.get(`post:${incident.id}:griffier`))?.state.status, 'done');
    assert.equal(s.fake.posts(CHANNELS.griffie).length, 1);
    assert.equal(notices().length, 1);
  });
});
