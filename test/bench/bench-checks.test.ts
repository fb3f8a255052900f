import assert from 'node:assert/strict';
import { numberProblems, storageProblems } from '../../scripts/bench-checks.js';
import type { Outcome } from '../../scripts/bench-melders.js';
import { melderUser } from '../../scripts/bench-melders.js';

describe('bench: what it holds the stored meldingen to', () => {
  it('accepts numbers 1..N per year in any order', () => {
    assert.deepEqual(numberProblems(['2026-0002', '2026-0001', '2027-0001', '2026-0003']), []);
  });

  it('reports a number given twice, a skipped number and a missing one', () => {
    const problems = numberProblems(['2026-0001', '2026-0001', '2026-0003', '']);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems.join('\n'), /dubbel uitgegeven, bijv\. 2026-0001/);
    assert.match(problems.join('\n'), /overgeslagen tussen 1 en 3, bijv\. 2026-0002/);
    assert.match(problems.join('\n'), /ongeldig of ontbreekt/);
  });

  it('holds every confirmed melder to exactly their melding, stored once, and reports what was lost', () => {
    const [a, b, c] = [melderUser(1), melderUser(2), melderUser(3)];
    const outcomes: Outcome[] = [
      { user: a, number: '2026-0001' },
      { user: b, number: '2026-0002' },
      { user: c, error: 'melding.indienen: HTTP 500, no card' },
    ];
    const ok = [
      { number: '2026-0001', melder: a.aadObjectId },
      { number: '2026-0002', melder: b.aadObjectId },
    ];
    assert.deepEqual(storageProblems(outcomes.slice(0, 2), ok), []);
    const problems = storageProblems(outcomes, [...ok, { number: '2026-0003', melder: b.aadObjectId }, { number: '2026-0004', melder: 'someone-else' }]);
    assert.deepEqual(problems, [
      'Melder 2: 2 meldingen opgeslagen in plaats van 1',
      'Melder 3: geen bevestigde melding (melding.indienen: HTTP 500, no card); opgeslagen: 0',
      '1 melding(en) opgeslagen van niemand die meldde',
    ]);
    assert.deepEqual(storageProblems([{ user: a, number: '2026-0009' }], [ok[0]!]), ['Melder 1: bevestigd als 2026-0009, opgeslagen als 2026-0001']);
  });
});
