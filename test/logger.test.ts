import assert from 'node:assert/strict';
import { loggableError } from '../src/logger.js';

describe('logger: what an error may leave in a log line', () => {
  it('gives the type, a code and the frames, never the message (a remote service may quote personal data)', () => {
    const err = Object.assign(new Error('User fleur.devries@gemeente.example not found'), { statusCode: 404 });
    const logged = loggableError(err);
    assert.equal(logged.type, 'Error');
    assert.equal(logged.code, 'http-404');
    assert.match(logged.at ?? '', /logger\.test\.ts/);
    assert.doesNotMatch(JSON.stringify(logged), /fleur|not found/);
    assert.deepEqual(loggableError('a string'), { type: 'string', code: 'unknown' });
  });
});
