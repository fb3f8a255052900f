import assert from 'node:assert/strict';
import { formatDutch, formatDutchDate } from '../../src/domain/format.js';

describe('formatDutch', () => {
  it('writes an instant on the Amsterdam clock with Dutch abbreviations', () => {
    assert.equal(formatDutch('2026-11-24T13:30:00Z'), 'di 24 nov 2026 14:30');
    assert.equal(formatDutch(new Date('2026-07-01T10:05:00Z')), 'wo 1 jul 2026 12:05');
    assert.equal(formatDutch('2027-03-01T08:00:00+01:00'), 'ma 1 mrt 2027 08:00');
    assert.equal(formatDutch('2026-05-09T23:59:00+02:00'), 'za 9 mei 2026 23:59');
  });

  it('shows both 02:30 of the night the clocks go back', () => {
    assert.equal(formatDutch('2026-10-25T00:30:00Z'), 'zo 25 okt 2026 02:30');
    assert.equal(formatDutch('2026-10-25T01:30:00Z'), 'zo 25 okt 2026 02:30');
    assert.equal(formatDutch('2026-10-25T02:30:00Z'), 'zo 25 okt 2026 03:30');
  });

  it('writes a date without a time', () => {
    assert.equal(formatDutchDate('2026-12-31T23:30:00Z'), 'vr 1 jan 2027');
  });

  it('refuses an invalid instant', () => {
    assert.throws(() => formatDutch('morgen'), RangeError);
  });
});
