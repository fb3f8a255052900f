import assert from 'node:assert/strict';
import { numberYear } from '../../src/flows/report/submit.js';

describe('the year of the melding number', () => {
  it('takes the year of the Amsterdam calendar: 00:30 on 1 January is the new year', () => {
    // 23:30 UTC on 31 December 2026 is 00:30 on 1 January 2027 in Amsterdam.
    assert.equal(numberYear(new Date('2026-12-31T23:30:00Z')), 2027);
  });

  it('keeps the old year until Amsterdam midnight', () => {
    assert.equal(numberYear(new Date('2026-12-31T22:30:00Z')), 2026);
  });
});
