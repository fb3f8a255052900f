import assert from 'node:assert/strict';
import { computeDeadlines } from '../../src/domain/deadlines.js';
import type { Deadline } from '../../src/domain/incident-schema.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import { planTimers, type Phase } from '../../src/domain/reminders.js';
import type { DeadlineKind } from '../../src/domain/types.js';

const nijmegen = getProfile('nijmegen');
const HOUR = 3_600_000;

function deadline(occurredAt: string, kind: DeadlineKind): Deadline {
  const d = computeDeadlines({ occurredAt, injury: true, profile: nijmegen }).find((x) => x.kind === kind);
  assert.ok(d, kind);
  return d;
}

const at = (timers: ReturnType<typeof planTimers>): Partial<Record<Phase, string>> => Object.fromEntries(timers.map((t) => [t.phase, t.at]));

describe('deadline timers: when a deadline is watched', () => {
  it('a melding at 16:50 on the Friday before Pinksteren: the police deadline skips the holiday, its reminder a quarter of the span before it', () => {
    const occurred = '2027-05-14T16:50:00+02:00';
    const politie = deadline(occurred, 'politie-afspraak');
    // 2 working days: Monday 17 May is Tweede Pinksterdag, so the deadline lies on Wednesday 19 May
    assert.match(politie.dueBy, /^2027-05-19T/);
    const timers = at(planTimers(politie, occurred, occurred));
    const due = new Date(politie.dueBy).getTime();
    const lead = Math.min(24 * HOUR, (due - new Date(occurred).getTime()) / 4);
    assert.equal(timers.herinnering, new Date(due - lead).toISOString());
    assert.equal(timers.kaart, new Date(due - 24 * HOUR).toISOString());
    assert.equal(timers.verlopen, new Date(due).toISOString());
  });

  it('the 24-hour nazorg: reminded 6 hours before; the card already shows it due soon when posted', () => {
    const occurred = '2027-05-14T16:50:00+02:00';
    const nazorg = deadline(occurred, 'nazorg-1');
    const timers = at(planTimers(nazorg, occurred, '2027-05-14T17:00:00+02:00'));
    assert.equal(timers.kaart, undefined);
    assert.equal(timers.venster, undefined, 'no window');
    assert.equal(timers.herinnering, new Date(new Date(nazorg.dueBy).getTime() - 6 * HOUR).toISOString());
  });

  it('a late report whose deadlines are past: escalated at once, never a "due soon" reminder after the fact', () => {
    const occurred = '2026-11-02T10:00:00+01:00';
    const timers = planTimers(deadline(occurred, 'maatregelen'), occurred, '2026-11-20T10:00:00+01:00');
    assert.deepEqual(timers.map((t) => t.phase), ['verlopen']);
    assert.ok(new Date(timers[0]!.at).getTime() < new Date('2026-11-20T10:00:00+01:00').getTime(), 'due now: fired at the next poll');
  });

  it('a window that opens later (the third nazorg): no reminder before the window opens', () => {
    const occurred = '2026-11-24T14:30:00+01:00';
    const derde = deadline(occurred, 'nazorg-3');
    const timers = at(planTimers(derde, occurred, occurred));
    assert.ok(derde.notBefore);
    assert.ok(new Date(timers.herinnering ?? '').getTime() >= new Date(derde.notBefore).getTime());
    assert.equal(timers.verlopen, new Date(derde.dueBy).toISOString());
    assert.equal(timers.venster, new Date(derde.notBefore).toISOString(), 'the cards stop saying "nog niet" when the window opens');
  });
});
