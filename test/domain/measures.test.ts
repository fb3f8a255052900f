import assert from 'node:assert/strict';
import { proposeMaatregelen, validateDecision } from '../../src/domain/measures.js';
import { getProfile, type ProfileId } from '../../src/domain/profiles/index.js';
import { nl } from '../../src/shared/i18n/nl.js';
import { classify } from '../../src/domain/classify.js';
import type { Category, ClassificationAnswers, MaatregelType, Meldplicht } from '../../src/domain/types.js';
import { anIncident } from './fixtures.js';

type Case = [Category, Meldplicht, 'eerste' | 'herhaald', MaatregelType[]];

/** Written out by hand from protocol 6.2 (Nijmegen), 5.2 (model) and the Utrecht handreiking. */
const CASES: Record<ProfileId, Case[]> = {
  nijmegen: [
    ['emotioneel-eigen-situatie', 'facultatief', 'eerste', []],
    ['emotioneel-kritiek', 'facultatief', 'herhaald', []],
    ['emotioneel-kritiek', 'aanbevolen', 'eerste', ['waarschuwing-mondeling']],
    ['emotioneel-eigen-situatie', 'aanbevolen', 'herhaald', ['waarschuwing-schriftelijk']],
    ['verbale-agressie', 'niet-nodig', 'eerste', []],
    ['verbale-agressie', 'verplicht', 'eerste', ['waarschuwing-schriftelijk']],
    ['verbale-agressie', 'verplicht', 'herhaald', ['waarschuwing-schriftelijk', 'incidentgesprek', 'melding-politie']],
    ['bedreiging-intimidatie', 'verplicht', 'eerste', ['waarschuwing-schriftelijk', 'incidentgesprek', 'melding-politie']],
    ['bedreiging-intimidatie', 'verplicht', 'herhaald', ['incidentgesprek', 'aangifte', 'registratie-politie', 'toegangsontzegging']],
    ['fysiek-geweld', 'verplicht', 'eerste', ['aangifte', 'registratie-politie', 'toegangsontzegging']],
    ['fysiek-geweld', 'verplicht', 'herhaald', ['aangifte', 'registratie-politie', 'toegangsontzegging']],
  ],
  modelprotocol: [
    ['emotioneel-kritiek', 'niet-nodig', 'eerste', []],
    ['emotioneel-kritiek', 'verplicht', 'eerste', ['waarschuwing-mondeling']],
    ['emotioneel-eigen-situatie', 'verplicht', 'herhaald', ['waarschuwing-schriftelijk']],
    ['verbale-agressie', 'verplicht', 'herhaald', ['waarschuwing-schriftelijk', 'incidentgesprek', 'melding-politie']],
    ['bedreiging-intimidatie', 'verplicht', 'herhaald', ['incidentgesprek', 'aangifte', 'toegangsontzegging']],
    ['fysiek-geweld', 'verplicht', 'eerste', ['aangifte', 'toegangsontzegging']],
  ],
  utrecht: [
    ['emotioneel-eigen-situatie', 'facultatief', 'eerste', []],
    ['emotioneel-kritiek', 'facultatief', 'herhaald', []],
    ['emotioneel-eigen-situatie', 'verplicht', 'eerste', ['waarschuwing-mondeling']],
    ['emotioneel-kritiek', 'verplicht', 'herhaald', ['waarschuwing-schriftelijk']],
    ['verbale-agressie', 'verplicht', 'eerste', ['waarschuwing-schriftelijk']],
    ['verbale-agressie', 'verplicht', 'herhaald', ['waarschuwing-schriftelijk', 'incidentgesprek', 'melding-politie']],
    ['bedreiging-intimidatie', 'verplicht', 'eerste', ['waarschuwing-schriftelijk', 'incidentgesprek', 'melding-politie']],
    ['fysiek-geweld', 'verplicht', 'eerste', ['aangifte', 'toegangsontzegging', 'incidentgesprek']],
  ],
};

describe('proposeMaatregelen', () => {
  for (const [id, cases] of Object.entries(CASES) as [ProfileId, Case[]][]) {
    const profile = getProfile(id);
    for (const [category, meldplicht, history, expected] of cases) {
      it(`${id}: ${category}, ${meldplicht}, ${history} incident -> ${expected.join(', ') || 'none'}`, () => {
        const proposal = proposeMaatregelen({ category, meldplicht, repeated: history === 'herhaald', profile });
        assert.deepEqual(proposal.map((p) => p.type), expected);
        for (const p of proposal) assert.ok(nl.maatregelReden[p.reason].length > 0);
      });
    }
  }

  it('under Utrecht: allowed criticism carries no duty and no measure; persistent criticism and corrected aggression do', () => {
    const utrecht = getProfile('utrecht');
    const propose = (answers: ClassificationAnswers) => {
      const { category, meldplicht } = classify(answers, utrecht.reportingRule);
      return { meldplicht, types: proposeMaatregelen({ category, meldplicht, repeated: false, profile: utrecht }).map((p) => p.type) };
    };
    const base = { bedreiging: false, fysiekGeweld: false, gecorrigeerd: false, aanhoudend: false };
    assert.deepEqual(propose({ ...base, gerichtOp: 'jullie' }), { meldplicht: 'facultatief', types: [] });
    assert.deepEqual(propose({ ...base, gerichtOp: 'ik' }), { meldplicht: 'facultatief', types: [] });
    assert.deepEqual(propose({ ...base, gerichtOp: 'jullie', aanhoudend: true }), { meldplicht: 'verplicht', types: ['waarschuwing-mondeling'] });
    assert.deepEqual(propose({ ...base, gerichtOp: 'jij', gecorrigeerd: true }), { meldplicht: 'verplicht', types: ['waarschuwing-schriftelijk'] });
  });

  it('under the model protocol: emotional behaviour is not reported unless it persists', () => {
    const model = getProfile('modelprotocol');
    const base = { gerichtOp: 'ik', bedreiging: false, fysiekGeweld: false, gecorrigeerd: false } as const;
    assert.equal(classify({ ...base, aanhoudend: false }, model.reportingRule).meldplicht, 'niet-nodig');
    assert.equal(classify({ ...base, aanhoudend: true }, model.reportingRule).meldplicht, 'verplicht');
  });

  it('explains the Utrecht preference for an incidentgesprek after violence', () => {
    const proposal = proposeMaatregelen({ category: 'fysiek-geweld', meldplicht: 'verplicht', repeated: false, profile: getProfile('utrecht') });
    assert.deepEqual(proposal.at(-1), { type: 'incidentgesprek', reason: 'zwaar-of-recidive' });
  });
});

describe('validateDecision', () => {
  const nijmegen = getProfile('nijmegen');
  const NOW = '2026-11-25T10:00:00+01:00';
  const withConsent = anIncident('in-behandeling');
  const withoutConsent = anIncident('in-behandeling', { impact: { ...withConsent.impact!, toestemmingAangifte: false } });

  it('accepts a sound decision', () => {
    assert.deepEqual(validateDecision({ types: ['waarschuwing-schriftelijk', 'aangifte'] }, withConsent, nijmegen, NOW), []);
    assert.deepEqual(
      validateDecision({ types: ['toegangsontzegging'], endDate: '2027-05-25T00:00:00+02:00' }, withConsent, nijmegen, NOW),
      [],
    );
  });

  it('asks an end date for a restrictive measure, in the future and within two years', () => {
    assert.deepEqual(validateDecision({ types: ['beperking-dienstverlening'] }, withConsent, nijmegen, NOW), [
      'Einddatum: geef een einddatum op voor "(Tijdelijk) beperken van de dienstverlening".',
    ]);
    assert.deepEqual(validateDecision({ types: ['toegangsontzegging'], endDate: '2026-11-25T08:59:00Z' }, withConsent, nijmegen, NOW), [
      'Einddatum: de einddatum moet in de toekomst liggen.',
    ]);
    assert.deepEqual(validateDecision({ types: ['toegangsontzegging'], endDate: '2028-11-26T00:00:00Z' }, withConsent, nijmegen, NOW), [
      'Einddatum: de datum ligt te ver weg; kies een datum binnen twee jaar.',
    ]);
  });

  it('refuses aangifte without the consent of the ambtsdrager', () => {
    assert.deepEqual(validateDecision({ types: ['aangifte'] }, withoutConsent, nijmegen, NOW), [
      'Maatregelen: aangifte kan alleen met toestemming van de ambtsdrager; die toestemming is niet gegeven.',
    ]);
    assert.deepEqual(validateDecision({ types: ['melding-politie'] }, withoutConsent, nijmegen, NOW), []);
  });

  it('asks an explanation for another measure, refuses doubles and measures outside the profile', () => {
    assert.deepEqual(validateDecision({ types: ['andere'], comment: ' ' }, withConsent, nijmegen, NOW), ['Toelichting: licht de andere maatregel toe.']);
    assert.deepEqual(validateDecision({ types: ['andere'], comment: 'Contactverbod via advocaat' }, withConsent, nijmegen, NOW), []);
    assert.deepEqual(validateDecision({ types: ['incidentgesprek', 'incidentgesprek'] }, withConsent, nijmegen, NOW), [
      'Maatregelen: een maatregel staat er meer dan eens in.',
    ]);
    assert.deepEqual(validateDecision({ types: ['registratie-politie'] }, withConsent, getProfile('modelprotocol'), NOW), [
      `De maatregel "${nl.maatregel['registratie-politie']}" hoort niet bij dit protocol.`,
    ]);
  });

  it('reports every problem at once', () => {
    assert.equal(validateDecision({ types: ['toegangsontzegging', 'aangifte', 'andere'] }, withoutConsent, nijmegen, NOW).length, 3);
  });
});
