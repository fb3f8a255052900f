import assert from 'node:assert/strict';
import { parseRetryAfter, statusOf } from '../../src/shared/http.js';

describe('shared/http: Retry-After', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');

  it('reads delay-seconds as milliseconds', () => {
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter('7', now), 7_000);
    assert.equal(parseRetryAfter(' 120 ', now), 120_000);
  });

  it('reads an HTTP-date as the time until then, and a date already past as 0', () => {
    assert.equal(parseRetryAfter('Fri, 20 Nov 2026 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Friday, 20-Nov-26 12:01:00 GMT', now), 60_000);
    assert.equal(parseRetryAfter('Fri, 20 Nov 2026 11:00:00 GMT', now), 0);
  });

  it('gives no hint for a negative or fractional number, garbage or nothing', () => {
    for (const value of ['-5', '1.5', '1e3', '0x10', 'soon', '', '   ', null, undefined]) {
      assert.equal(parseRetryAfter(value, now), undefined, String(value));
    }
  });
});

describe('shared/http: statusOf', () => {
  it('reads the status of any error that carries one, whichever SDK made it', () => {
    assert.equal(statusOf(Object.assign(new Error('x'), { statusCode: 412 })), 412);
    assert.equal(statusOf({ statusCode: 429 }), 429);
    assert.equal(statusOf({ statusCode: '404' }), undefined);
    assert.equal(statusOf(new Error('x')), undefined);
    assert.equal(statusOf(null), undefined);
    assert.equal(statusOf('412'), undefined);
  });
});
