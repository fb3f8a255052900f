import assert from 'node:assert/strict';
import { canTransition, handoverTargets, transition, type IncidentEvent } from '../../src/domain/incident.js';
import type { IncidentState, MaatregelDecision } from '../../src/domain/incident-schema.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import type { Profile } from '../../src/domain/profiles/schema.js';
import { anIncident } from './fixtures.js';

const NOW = '2026-11-25T09:15:00+01:00';
const PROFILE = getProfile('nijmegen');
const END = '2027-03-01T22:59:59.999Z';
const DECIDED_BY = { aadObjectId: 'aad-griffier' };

function decide(decision: Omit<MaatregelDecision, 'decidedAt' | 'decidedBy'>, profile: Profile = PROFILE) {
  const result = transition(anIncident('in-behandeling'), { type: 'vaststellen', decision: { ...decision, decidedBy: DECIDED_BY } }, NOW, profile);
  assert.ok(result.ok);
  return result.events;
}

describe('what follows from a change to a melding', () => {
  const cases: [IncidentState, IncidentEvent, IncidentState | undefined][] = [
    ['concept', { type: 'submit' }, undefined],
    ['gemeld', { type: 'startBehandeling' }, 'in-behandeling'],
    ['gemeld', { type: 'vaststellen', decision: { types: ['waarschuwing-mondeling'], decidedBy: DECIDED_BY } }, 'maatregelen-vastgesteld'],
    ['in-behandeling', { type: 'afwijzen', reason: 'Dubbele melding' }, 'afgesloten'],
    ['maatregelen-vastgesteld', { type: 'sluiten' }, 'afgesloten'],
  ];
  for (const [from, event, told] of cases) {
    it(`${from} + ${event.type}: the melder ${told ? `hears "${told}"` : 'hears nothing'}`, () => {
      const result = transition(anIncident(from), event, NOW, PROFILE);
      assert.ok(result.ok);
      assert.deepEqual(result.events, told ? [{ kind: 'melder-informeren', state: told }] : []);
    });
  }

  it('plans the incidentgesprek a decision names, before the melder is told', () => {
    assert.deepEqual(decide({ types: ['waarschuwing-schriftelijk', 'incidentgesprek'] }), [
      { kind: 'incidentgesprek-plannen' },
      { kind: 'melder-informeren', state: 'maatregelen-vastgesteld' },
    ]);
  });

  it('plans a herstelgesprek for a restrictive measure with an end date, and only then', () => {
    const herstel = { kind: 'herstelgesprek-plannen', endDate: END };
    assert.deepEqual(decide({ types: ['toegangsontzegging', 'incidentgesprek'], endDate: END }).slice(0, 2), [{ kind: 'incidentgesprek-plannen' }, herstel]);
    assert.deepEqual(decide({ types: ['beperking-dienstverlening'], endDate: END })[0], herstel);
    assert.ok(!decide({ types: ['toegangsontzegging'] }).some((e) => e.kind === 'herstelgesprek-plannen'), 'no end date, no herstelgesprek');
    assert.ok(!decide({ types: ['waarschuwing-schriftelijk'], endDate: END }).some((e) => e.kind === 'herstelgesprek-plannen'), 'not restrictive');
  });

  it('takes what is restrictive from the profile the melding is handled under', () => {
    const lenient: Profile = { ...PROFILE, maatregelen: PROFILE.maatregelen.map((m) => ({ ...m, restrictive: false })) };
    assert.deepEqual(decide({ types: ['toegangsontzegging'], endDate: END }, lenient), [{ kind: 'melder-informeren', state: 'maatregelen-vastgesteld' }]);
  });
});

describe('handover (overdragen)', () => {
  const handIds = ['aad-plv-griffier'];
  const overdragen = (to: string, handlerIds: readonly string[] = handIds): IncidentEvent => ({ type: 'overdragen', to, handlerIds });

  it('goes to another handler role of the routing, which becomes the first; the state stays and the melder hears nothing', () => {
    for (const state of ['gemeld', 'in-behandeling'] as const) {
      const before = anIncident(state, { handlerIds: ['aad-griffier'] });
      const snapshot = structuredClone(before);
      const result = transition(before, overdragen('plaatsvervangend-griffier'), NOW, PROFILE);
      assert.deepEqual(before, snapshot, 'the incident passed in is not changed');
      assert.ok(result.ok);
      assert.equal(result.incident.state, state);
      assert.deepEqual(result.incident.routing.handlers, ['plaatsvervangend-griffier', 'griffier']);
      assert.deepEqual(result.incident.handlerIds, handIds);
      assert.deepEqual(result.events, [{ kind: 'overgedragen', role: 'plaatsvervangend-griffier' }]);
      assert.deepEqual({ from: result.audit.from, to: result.audit.to, event: result.audit.event }, { from: state, to: state, event: 'overdragen' });
    }
  });

  it('is refused once the melding is decided, whatever the card asks', () => {
    for (const state of ['concept', 'maatregelen-vastgesteld', 'afgesloten'] as const) {
      for (const to of ['plaatsvervangend-griffier', 'onzin']) {
        const result = transition(anIncident(state), overdragen(to), NOW, PROFILE);
        assert.deepEqual(result, { ok: false, error: { code: 'handover-closed', from: state, event: 'overdragen' } });
      }
    }
  });

  it('is refused to the current handler, to a role outside the routing, to anything else, and to a role nobody holds', () => {
    const refused = { ok: false, error: { code: 'invalid-handover', event: 'overdragen' } };
    assert.deepEqual(transition(anIncident('gemeld'), overdragen('griffier'), NOW, PROFILE), refused);
    assert.deepEqual(transition(anIncident('gemeld'), overdragen('gemeentesecretaris'), NOW, PROFILE), refused);
    assert.deepEqual(transition(anIncident('gemeld'), overdragen(''), NOW, PROFILE), refused);
    assert.deepEqual(transition(anIncident('gemeld'), overdragen('plaatsvervangend-griffier', []), NOW, PROFILE), refused);
  });

  it('offers the other handler roles, and only while the melding is open', () => {
    assert.deepEqual(handoverTargets(anIncident('gemeld')), ['plaatsvervangend-griffier']);
    const single = anIncident('gemeld', { routing: { handlers: ['griffier'], informed: [], informedWithConsent: [], coordinator: true, nazorgGivers: [] } });
    assert.deepEqual(handoverTargets(single), []);
    assert.deepEqual(
      (['concept', 'gemeld', 'in-behandeling', 'maatregelen-vastgesteld', 'afgesloten'] as const).filter((s) => canTransition(s, 'overdragen')),
      ['gemeld', 'in-behandeling'],
    );
  });
});
