import assert from 'node:assert/strict';
import { backoffDelayMs, toVisibilitySeconds } from '../../src/jobs/backoff.js';
import { decodeEnvelope, encodeEnvelope } from '../../src/jobs/envelope.js';
import { errorCode } from '../../src/jobs/errors.js';
import { PermanentError, RetryableError } from '../../src/shared/jobs.js';
import { createQueueClient } from '../../src/jobs/queue-client.js';

describe('jobs/backoff', () => {
  const options = { baseMs: 1_000, maxMs: 30_000 };

  it('doubles per attempt between half and the whole of the exponential delay, capped', () => {
    assert.equal(backoffDelayMs(1, options, () => 0), 500);
    assert.equal(backoffDelayMs(1, options, () => 1), 1_000);
    assert.equal(backoffDelayMs(3, options, () => 0), 2_000);
    assert.equal(backoffDelayMs(3, options, () => 1), 4_000);
    assert.equal(backoffDelayMs(20, options, () => 1), 30_000);
  });

  it('rounds visibility up to whole seconds, never below 0 nor above 7 days', () => {
    assert.equal(toVisibilitySeconds(0), 0);
    assert.equal(toVisibilitySeconds(1), 1);
    assert.equal(toVisibilitySeconds(1_200), 2);
    assert.equal(toVisibilitySeconds(-5_000), 0);
    assert.equal(toVisibilitySeconds(30 * 24 * 3600 * 1000), 7 * 24 * 3600 - 1);
  });
});

describe('jobs/errorCode', () => {
  it('gives a short code and never the message', () => {
    assert.equal(errorCode(new RetryableError('teams-429', { retryAfterMs: 5 })), 'teams-429');
    assert.equal(errorCode(new PermanentError('teams-403')), 'teams-403');
    assert.equal(errorCode(Object.assign(new Error('Jan Jansen niet gevonden'), { statusCode: 404 })), 'http-404');
    assert.equal(errorCode(new TypeError('x')), 'TypeError');
    assert.equal(errorCode('a string'), 'unknown');
    assert.equal(errorCode({ code: 'bad code with spaces' }), 'bad_code_with_spaces');
  });
});

describe('jobs/envelope', () => {
  it('round-trips through base64 and refuses anything else', () => {
    const env = { v: 1 as const, type: 't', key: 'k', payload: { a: 'é' }, enqueuedAt: '2026-11-23T10:00:00.000Z' };
    assert.deepEqual(decodeEnvelope(encodeEnvelope(env)), env);
    assert.equal(decodeEnvelope('%%%'), undefined);
    assert.equal(decodeEnvelope(Buffer.from('{"v":2}').toString('base64')), undefined);
  });
});

describe('jobs/createQueueClient', () => {
  it('addresses the queue under the account URL with a token credential (production shape)', () => {
    const credential = { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 60_000 }) };
    const q = createQueueClient({ kind: 'account', queueUrl: 'https://weerbaar.queue.core.windows.net/', credential }, 'jobs');
    assert.equal(q.url, 'https://weerbaar.queue.core.windows.net/jobs');
    assert.equal(q.name, 'jobs');
  });
});
