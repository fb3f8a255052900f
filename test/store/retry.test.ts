import assert from 'node:assert/strict';
import { AlreadyExistsError, ConflictError } from '../../src/store/errors.js';
import { retryOnConflict } from '../../src/store/retry.js';

const status = (statusCode: number): Error => Object.assign(new Error(`http ${statusCode}`), { statusCode });

describe('store/retryOnConflict', () => {
  it('tries again after a stale ETag (412), a row created first (409) or their typed forms, and returns what then succeeds', async () => {
    const failures = [status(412), status(409), new ConflictError('t', 'p', 'r'), new AlreadyExistsError('t', 'p', 'r')];
    const seen: number[] = [];
    const result = await retryOnConflict(5, async (n) => {
      seen.push(n);
      const failure = failures[n - 1];
      if (failure) throw failure;
      return 'geschreven';
    });
    assert.equal(result, 'geschreven');
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  });

  it('gives up after the given number of attempts and throws the last conflict', async () => {
    let calls = 0;
    const last = status(412);
    await assert.rejects(
      retryOnConflict(3, async () => {
        calls += 1;
        throw calls === 3 ? last : status(412);
      }),
      (e) => e === last,
    );
    assert.equal(calls, 3);
  });

  it('throws any other failure at once', async () => {
    for (const failure of [status(404), status(500), status(429), new Error('kapot')]) {
      let calls = 0;
      await assert.rejects(
        retryOnConflict(5, async () => {
          calls += 1;
          throw failure;
        }),
        (e) => e === failure,
      );
      assert.equal(calls, 1, failure.message);
    }
  });

  it('pauses between attempts, not after the last', async () => {
    const pauses: number[] = [];
    await assert.rejects(
      retryOnConflict(
        3,
        async () => {
          throw status(409);
        },
        async (n) => {
          pauses.push(n);
        },
      ),
    );
    assert.deepEqual(pauses, [1, 2]);
  });
});
