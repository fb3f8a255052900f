import assert from 'node:assert/strict';
import { IncidentSchema } from '../../src/domain/incident-schema.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import { reportRow } from '../../src/domain/report/yearly.js';
import { erasableFrom, GEWIST, isPastRetention, redact, retentionYears } from '../../src/domain/retention.js';
import { anIncident } from './fixtures.js';

/** A closed melding with every field a person or a free text can be in. */
const full = anIncident('afgesloten', {
  melder: { aadObjectId: 'aad-melder', name: 'Fleur de Vries' },
  ambtsdrager: { aadObjectId: 'aad-ambtsdrager', name: 'Mark Visser', role: 'wethouder' },
  namens: true,
  locatie: 'Dorpsstraat 1',
  description: 'BESCHRIJVING met een naam',
  pleger: { bekend: true, naam: 'Piet Pleger', omschrijving: 'lang', organisatie: 'Bedrijf BV', contact: '06-12345678', voertuig: 'XX-123-Y', eerderContact: true },
  online: { platform: 'X', account: '@piet', url: 'https://x.example/piet', moment: '2026-11-24T12:00:00.000Z', gemeldBijPlatform: true },
  attachments: [{ name: 'screenshot-piet.png', contentType: 'image/png', ref: 'https://files.example/piet' }],
  impact: { letsel: true, ziekenhuis: true, steunNodig: true, toestemmingAangifte: true, toestemmingInformeren: true, nazorgGewenst: true },
  coordinatorIngeschakeld: { by: { aadObjectId: 'aad-griffier', name: 'Sanne' }, at: '2026-11-24T14:00:00.000Z' },
  handlerIds: ['aad-griffier'],
  decision: {
    types: ['waarschuwing-schriftelijk', 'toegangsontzegging'], comment: 'TOELICHTING', endDate: '2027-01-01T00:00:00.000Z', besproken: true,
    decidedBy: { aadObjectId: 'aad-griffier', name: 'Sanne' }, decidedAt: '2026-11-25T09:00:00.000Z',
  },
  closedAt: '2026-12-01T09:00:00.000Z',
  taken: [{ id: 'aangifte', kind: 'aangifte', state: 'niet-nodig', reason: 'REDEN', by: { aadObjectId: 'aad-griffier' }, at: '2026-11-26T09:00:00.000Z' }],
  strafbaarVermoed: { value: true, by: { aadObjectId: 'aad-griffier' }, at: '2026-11-25T08:00:00.000Z' },
  evaluatie: { ernst: 'ernstig', herhalingsrisico: 'hoog', trend: 'ja', oorzaak: 'OORZAAK', verbeteringen: 'VERBETERING', by: { aadObjectId: 'aad-coordinator' }, at: '2026-12-02T09:00:00.000Z' },
  rejectionReason: 'AFWIJZING',
});

describe('retention (src/domain/retention.ts)', () => {
  it('takes the profile\'s term, else 5 years', () => {
    const profile = getProfile('nijmegen');
    assert.equal(retentionYears(profile), 5);
    assert.equal(retentionYears({ ...profile, bewaartermijnJaren: 7 }), 7);
  });

  it('counts the term from closing, to the millisecond; never for an open or an erased melding', () => {
    assert.equal(erasableFrom(anIncident('maatregelen-vastgesteld'), 5), undefined);
    assert.equal(erasableFrom(full, 5)?.toISOString(), '2031-12-01T09:00:00.000Z');
    assert.equal(isPastRetention(full, 5, new Date('2031-12-01T08:59:59.999Z')), false);
    assert.equal(isPastRetention(full, 5, new Date('2031-12-01T09:00:00.000Z')), true);
    assert.equal(isPastRetention(anIncident('in-behandeling'), 1, new Date('2099-01-01T00:00:00.000Z')), false);
    const erased = redact(full, { at: '2031-12-01T09:00:00.000Z', reden: 'bewaartermijn', afspraken: [] });
    assert.equal(isPastRetention(erased, 5, new Date('2040-01-01T00:00:00.000Z')), false);
  });

  it('leaves no person and no free text, stays a valid melding, and keeps what the report counts', () => {
    const gewist = { at: '2031-12-01T09:00:00.000Z', reden: 'bewaartermijn' as const, afspraken: [{ kind: 'nazorg-1', start: '2026-11-25T10:00:00.000Z', geannuleerd: false }] };
    const erased = IncidentSchema.parse(redact(full, gewist));
    const text = JSON.stringify(erased);
    for (const gone of [
      'aad-melder', 'aad-ambtsdrager', 'aad-griffier', 'aad-coordinator', 'Fleur', 'Mark', 'Sanne', 'Dorpsstraat', 'BESCHRIJVING', 'Piet', 'Bedrijf', '06-1234',
      'XX-123', '@piet', 'x.example', 'screenshot', 'files.example', 'TOELICHTING', 'REDEN', 'OORZAAK', 'VERBETERING', 'AFWIJZING',
    ]) {
      assert.ok(!text.includes(gone), gone);
    }
    assert.equal(erased.melder.aadObjectId, GEWIST);
    assert.deepEqual(erased.impact, { ...full.impact, letsel: false, ziekenhuis: false, steunNodig: false });
    assert.deepEqual(erased.gewist, gewist);
    assert.deepEqual(reportRow(erased, undefined), reportRow(full, undefined));
    assert.deepEqual(erased.decision?.types, full.decision?.types);
    assert.equal(erased.decision?.endDate, full.decision?.endDate);
    assert.deepEqual(erased.taken?.map((t) => [t.id, t.state, t.at]), [['aangifte', 'niet-nodig', '2026-11-26T09:00:00.000Z']]);
    assert.deepEqual([erased.evaluatie?.ernst, erased.evaluatie?.herhalingsrisico, erased.evaluatie?.trend], ['ernstig', 'hoog', 'ja']);
    assert.deepEqual([erased.number, erased.reportedAt, erased.occurredAt, erased.closedAt, erased.kanaal, erased.chosenCategory, erased.ambtsdrager.role], [full.number, full.reportedAt, full.occurredAt, full.closedAt, 'persoonlijk', full.chosenCategory, 'wethouder']);
  });
});
