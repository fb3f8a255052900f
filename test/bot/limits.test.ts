import assert from 'node:assert/strict';
import { TokenBucket, WindowLimiter } from '../../src/bot/limits.js';

describe('rate limits', () => {
  it('forgets a window once it has passed, and only that one: nobody else is reset', () => {
    let now = 0;
    const limiter = new WindowLimiter(2, 60_000, () => now);
    assert.equal(limiter.overLimit('fleur'), false);
    assert.equal(limiter.overLimit('fleur'), false);
    assert.equal(limiter.overLimit('fleur'), true);
    now = 30_000;
    assert.equal(limiter.overLimit('sanne'), false);
    assert.equal(limiter.overLimit('sanne'), false);
    assert.equal(limiter.size, 2);
    now = 60_000;
    assert.equal(limiter.overLimit('mark'), false);
    assert.equal(limiter.size, 2, "fleur's window is gone, sanne's and mark's remain");
    assert.equal(limiter.overLimit('sanne'), true, "sanne's count was kept");
    assert.equal(limiter.overLimit('fleur'), false, 'fleur starts a new window');
  });

  it('keeps memory to the people of the last window however many came before', () => {
    let now = 0;
    const limiter = new WindowLimiter(120, 60_000, () => now);
    for (let i = 0; i < 20_000; i++) {
      now = i * 10;
      limiter.overLimit(`person-${i}`);
    }
    assert.equal(limiter.size, 6_000);
  });

  it('shares one bucket of requests a minute, refilled evenly', () => {
    let now = 0;
    const bucket = new TokenBucket(6, () => now);
    for (let i = 0; i < 6; i++) assert.equal(bucket.take(), true);
    assert.equal(bucket.take(), false);
    assert.equal(bucket.retryAfterSeconds(), 10);
    now = 9_999;
    assert.equal(bucket.take(), false);
    now = 10_000;
    assert.equal(bucket.take(), true);
    now = 10 * 60_000;
    for (let i = 0; i < 6; i++) assert.equal(bucket.take(), true);
    assert.equal(bucket.take(), false, 'never more than a minute saved up');
  });
});
