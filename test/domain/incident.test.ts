import assert from 'node:assert/strict';
import {
  allowedEvents,
  formatIncidentNumber,
  transition,
  type IncidentEvent,
  type StateEventType,
} from '../../src/domain/incident.js';
import { INCIDENT_STATES, IncidentSchema, type IncidentState } from '../../src/domain/incident-schema.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import { anIncident } from './fixtures.js';

const NOW = '2026-11-25T09:15:00+01:00';
const NOW_UTC = '2026-11-25T08:15:00.000Z';
const PROFILE = getProfile('nijmegen');

const EVENTS: Record<StateEventType, IncidentEvent> = {
  submit: { type: 'submit' },
  startBehandeling: { type: 'startBehandeling' },
  vaststellen: {
    type: 'vaststellen',
    decision: { types: ['waarschuwing-schriftelijk'], decidedBy: { aadObjectId: 'aad-griffier' } },
  },
  afwijzen: { type: 'afwijzen', reason: 'Dubbele melding' },
  sluiten: { type: 'sluiten' },
};

/** Written out by hand: state x event -> next state, or null when not allowed. */
const EXPECTED: Record<IncidentState, Record<StateEventType, IncidentState | null>> = {
  concept: { submit: 'gemeld', startBehandeling: null, vaststellen: null, afwijzen: null, sluiten: null },
  gemeld: { submit: null, startBehandeling: 'in-behandeling', vaststellen: 'maatregelen-vastgesteld', afwijzen: 'afgesloten', sluiten: null },
  'in-behandeling': { submit: null, startBehandeling: null, vaststellen: 'maatregelen-vastgesteld', afwijzen: 'afgesloten', sluiten: null },
  'maatregelen-vastgesteld': { submit: null, startBehandeling: null, vaststellen: null, afwijzen: null, sluiten: 'afgesloten' },
  afgesloten: { submit: null, startBehandeling: null, vaststellen: null, afwijzen: null, sluiten: null },
};

describe('incident transitions', () => {
  for (const state of INCIDENT_STATES) {
    for (const [eventType, event] of Object.entries(EVENTS) as [StateEventType, IncidentEvent][]) {
      const expected = EXPECTED[state][eventType];
      it(`${state} + ${eventType} -> ${expected ?? 'refused'}`, () => {
        const before = anIncident(state);
        const snapshot = structuredClone(before);
        const result = transition(before, event, NOW, PROFILE);
        assert.deepEqual(before, snapshot, 'the incident passed in is not changed');
        if (expected === null) {
          assert.equal(result.ok, false);
          if (result.ok) return;
          assert.equal(result.error.code, 'illegal-transition');
          assert.match(result.error.message, /^Een melding met status ".+" kan niet .+\.$/);
        } else {
          assert.equal(result.ok, true);
          if (!result.ok) return;
          assert.equal(result.incident.state, expected);
          assert.deepEqual(result.audit.from, state);
          assert.deepEqual(result.audit.to, expected);
          assert.equal(result.audit.at, NOW_UTC);
          IncidentSchema.parse(result.incident);
        }
      });
    }
  }

  it('lists the allowed events per state for the cards', () => {
    assert.deepEqual(allowedEvents('gemeld'), ['startBehandeling', 'vaststellen', 'afwijzen']);
    assert.deepEqual(allowedEvents('afgesloten'), []);
  });

  it('stamps the report time on submit', () => {
    const result = transition(anIncident('concept'), EVENTS.submit, NOW, PROFILE);
    assert.ok(result.ok);
    assert.equal(result.incident.reportedAt, NOW_UTC);
  });

  it('records the decision with the moment of deciding', () => {
    const result = transition(anIncident('in-behandeling'), EVENTS.vaststellen, NOW, PROFILE);
    assert.ok(result.ok);
    assert.deepEqual(result.incident.decision, { types: ['waarschuwing-schriftelijk'], decidedBy: { aadObjectId: 'aad-griffier' }, decidedAt: NOW_UTC });
  });

  it('records whether the maatregelen were discussed with the betrokkene, also when they were not', () => {
    const decision = { types: ['incidentgesprek' as const], besproken: false, decidedBy: { aadObjectId: 'aad-griffier' } };
    const result = transition(anIncident('gemeld'), { type: 'vaststellen', decision }, NOW, PROFILE);
    assert.ok(result.ok);
    assert.equal(IncidentSchema.parse(JSON.parse(JSON.stringify(result.incident))).decision?.besproken, false);
  });

  it('still parses a decision stored before "besproken" was asked, without inventing an answer', () => {
    const stored = JSON.parse(JSON.stringify({
      ...anIncident('maatregelen-vastgesteld'),
      decision: { types: ['waarschuwing-schriftelijk'], decidedBy: { aadObjectId: 'aad-griffier', name: 'Sanne Jansen' }, decidedAt: NOW_UTC },
    })) as unknown;
    const parsed = IncidentSchema.parse(stored);
    assert.deepEqual(parsed.decision?.types, ['waarschuwing-schriftelijk']);
    assert.equal(parsed.decision?.besproken, undefined);
    const garbled = { ...(stored as Record<string, unknown>), decision: { ...parsed.decision, besproken: 'ja' } };
    assert.equal(IncidentSchema.safeParse(garbled).success, false, 'only a boolean is stored');
  });

  it('closes with a time, and a rejection carries its reason in the audit', () => {
    const closed = transition(anIncident('maatregelen-vastgesteld'), EVENTS.sluiten, NOW, PROFILE);
    assert.ok(closed.ok);
    assert.equal(closed.incident.closedAt, NOW_UTC);
    const rejected = transition(anIncident('gemeld'), { type: 'afwijzen', reason: '  Geen incident  ' }, NOW, PROFILE);
    assert.ok(rejected.ok);
    assert.equal(rejected.incident.closedAt, NOW_UTC);
    assert.equal(rejected.incident.rejectionReason, 'Geen incident');
    assert.equal(rejected.audit.reason, 'Geen incident');
  });

  it('refuses a rejection without a reason, as a typed result', () => {
    const result = transition(anIncident('gemeld'), { type: 'afwijzen', reason: '   ' }, NOW, PROFILE);
    assert.deepEqual(result, { ok: false, error: { code: 'invalid-event', event: 'afwijzen', message: 'Geef een reden op voor het afwijzen.' } });
  });
});

describe('formatIncidentNumber', () => {
  it('pads the sequence to four digits', () => {
    assert.equal(formatIncidentNumber(2026, 42), '2026-0042');
    assert.equal(formatIncidentNumber(2026, 1), '2026-0001');
    assert.equal(formatIncidentNumber(2027, 12345), '2027-12345');
    assert.match(formatIncidentNumber(2026, 9999), /^\d{4}-\d{4,}$/);
  });
  it('refuses what is not a year or a positive sequence', () => {
    assert.throws(() => formatIncidentNumber(26, 1), RangeError);
    assert.throws(() => formatIncidentNumber(2026, 0), RangeError);
    assert.throws(() => formatIncidentNumber(2026, 1.5), RangeError);
  });
});
