import assert from 'node:assert/strict';
import { UnknownProfileError } from '../../src/domain/errors.js';
import { PermanentError, RetryableError, toJobError } from '../../src/shared/jobs.js';
import { errorCode } from '../../src/logger.js';
import { CALENDAR_ERROR_CODES, DOMAIN_ERROR_CODES, JOB_ERROR_CODES } from '../../src/shared/error-codes.js';

describe('shared/error-codes: one list of the codes that reach logs and parked jobs', () => {
  it('stores and logs every code exactly as it is listed: unique, and nothing errorCode() would rewrite', () => {
    const jobCodes = [...JOB_ERROR_CODES, ...CALENDAR_ERROR_CODES.map((c) => `calendar-${c}` as const)];
    assert.equal(new Set([...jobCodes, ...DOMAIN_ERROR_CODES]).size, jobCodes.length + DOMAIN_ERROR_CODES.length);
    for (const code of jobCodes) {
      assert.equal(errorCode(new PermanentError(code)), code);
      assert.equal(errorCode(toJobError(code, { retryable: true, cause: undefined })), code);
    }
    assert.equal(errorCode(new UnknownProfileError('x')), 'unknown-profile');
  });

  it('does not compile a code that is not in the list', () => {
    // @ts-expect-error a typo of 'incident-not-found'
    assert.equal(errorCode(new PermanentError('incident-not-fonud')), 'incident-not-fonud');
    // @ts-expect-error the Teams codes carry an HTTP status, not a word
    assert.equal(errorCode(new RetryableError('teams-throttled')), 'teams-throttled');
  });
});
