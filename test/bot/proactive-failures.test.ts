import assert from 'node:assert/strict';
import { createAdapter } from '../../src/bot/adapter.js';
import { createApplication } from '../../src/bot/app.js';
import { TeamsMessenger } from '../../src/bot/proactive.js';
import { loadConfig } from '../../src/config.js';
import { RetryableError } from '../../src/shared/jobs.js';
import type { ConversationRef } from '../../src/store/schemas.js';
import { silentLogger } from '../support/bot.js';
import { FakeConnector } from '../support/fake-connector.js';

/**
 * Wired as in production: the teams-ai application takes the adapter's onTurnError, which the
 * adapter also calls for proactive turns. A refused post or update must still reach the job, or
 * it would count as done and never be retried.
 */
describe('proactive posts and updates with the application wired to the adapter', function () {
  this.timeout(20_000);
  let fake: FakeConnector;
  let messenger: TeamsMessenger;
  let ref: ConversationRef;
  before(async () => {
    fake = await new FakeConnector().start();
    const adapter = createAdapter(loadConfig({}));
    createApplication(adapter, '', () => Promise.resolve({ replies: [] }), silentLogger);
    messenger = new TeamsMessenger(adapter, '');
    ref = { channelId: 'msteams', serviceUrl: fake.url, conversation: { id: '19:griffie@thread.tacv2', conversationType: 'channel' } };
  });
  after(() => fake.stop());

  const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Melding' }] };

  it('an update that Teams refuses fails the call (retryable), and one that it takes succeeds', async () => {
    const posted = await messenger.post(ref, { type: 'card', card });
    // more than the connector client's own retries of an update
    fake.failNext(...Array.from({ length: 8 }, () => ({ status: 503, kind: 'update' as const })));
    await assert.rejects(messenger.update(posted, card), RetryableError);
    assert.ok(fake.refused.length > 0 && fake.refused.every((r) => r.kind === 'update'));
    fake.clearFailures();
    await messenger.update(posted, card);
    assert.equal(fake.updates(posted.activityId).length, 1, 'the retry is the one update carried out');
  });

  it('a post that Teams refuses fails the call, and nothing was posted', async () => {
    const before = fake.posts(ref.conversation.id).length;
    fake.failNext({ status: 500, kind: 'post' });
    await assert.rejects(messenger.post(ref, { type: 'card', card }));
    assert.equal(fake.posts(ref.conversation.id).length, before);
  });
});
