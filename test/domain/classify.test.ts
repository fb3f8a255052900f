import assert from 'node:assert/strict';
import { categoryTexts, classify, meldplichtFor } from '../../src/domain/classify.js';
import { REPORTING_RULES, type ReportingRule } from '../../src/domain/profiles/schema.js';
import { nl } from '../../src/shared/i18n/nl.js';
import {
  CATEGORIES,
  GERICHT_OP,
  MELDPLICHTEN,
  type Category,
  type ClassificationAnswers,
  type GerichtOp,
  type Meldplicht,
} from '../../src/domain/types.js';

type Bit = 0 | 1;
type Row = [GerichtOp, Bit, Bit, Bit, Bit, Category, Meldplicht, Meldplicht, Meldplicht];

/**
 * The schema "Emotie of agressie?" written out by hand for every combination of answers:
 * gerichtOp, bedreiging, fysiekGeweld, gecorrigeerd, aanhoudend -> category, and the meldplicht under
 * rule 'schema' (Nijmegen), 'tenzij-aanhoudend' (model protocol) and 'altijd' (Utrecht).
 */
const TABLE: Row[] = [
  ['ik',     0, 0, 0, 0, 'emotioneel-eigen-situatie', 'facultatief', 'niet-nodig',  'facultatief'],
  ['ik',     0, 0, 0, 1, 'emotioneel-eigen-situatie', 'aanbevolen',  'verplicht',   'verplicht'],
  ['ik',     0, 0, 1, 0, 'emotioneel-eigen-situatie', 'facultatief', 'niet-nodig',  'facultatief'],
  ['ik',     0, 0, 1, 1, 'emotioneel-eigen-situatie', 'aanbevolen',  'verplicht',   'verplicht'],
  ['ik',     0, 1, 0, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['ik',     0, 1, 0, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['ik',     0, 1, 1, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['ik',     0, 1, 1, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['ik',     1, 0, 0, 0, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['ik',     1, 0, 0, 1, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['ik',     1, 0, 1, 0, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['ik',     1, 0, 1, 1, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['ik',     1, 1, 0, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['ik',     1, 1, 0, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['ik',     1, 1, 1, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['ik',     1, 1, 1, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 0, 0, 0, 0, 'emotioneel-kritiek',        'facultatief', 'niet-nodig',  'facultatief'],
  ['jullie', 0, 0, 0, 1, 'emotioneel-kritiek',        'aanbevolen',  'verplicht',   'verplicht'],
  ['jullie', 0, 0, 1, 0, 'emotioneel-kritiek',        'facultatief', 'niet-nodig',  'facultatief'],
  ['jullie', 0, 0, 1, 1, 'emotioneel-kritiek',        'aanbevolen',  'verplicht',   'verplicht'],
  ['jullie', 0, 1, 0, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 0, 1, 0, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 0, 1, 1, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 0, 1, 1, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 1, 0, 0, 0, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 1, 0, 0, 1, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 1, 0, 1, 0, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 1, 0, 1, 1, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 1, 1, 0, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 1, 1, 0, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 1, 1, 1, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jullie', 1, 1, 1, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jij',    0, 0, 0, 0, 'verbale-agressie',          'verplicht',   'verplicht',   'verplicht'],
  ['jij',    0, 0, 0, 1, 'verbale-agressie',          'verplicht',   'verplicht',   'verplicht'],
  ['jij',    0, 0, 1, 0, 'verbale-agressie',          'niet-nodig',  'niet-nodig',  'verplicht'],
  ['jij',    0, 0, 1, 1, 'verbale-agressie',          'verplicht',   'verplicht',   'verplicht'],
  ['jij',    0, 1, 0, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jij',    0, 1, 0, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jij',    0, 1, 1, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jij',    0, 1, 1, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jij',    1, 0, 0, 0, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['jij',    1, 0, 0, 1, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['jij',    1, 0, 1, 0, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['jij',    1, 0, 1, 1, 'bedreiging-intimidatie',    'verplicht',   'verplicht',   'verplicht'],
  ['jij',    1, 1, 0, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jij',    1, 1, 0, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jij',    1, 1, 1, 0, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
  ['jij',    1, 1, 1, 1, 'fysiek-geweld',             'verplicht',   'verplicht',   'verplicht'],
];

function answersOf(row: Row): ClassificationAnswers {
  const [gerichtOp, bedreiging, fysiekGeweld, gecorrigeerd, aanhoudend] = row;
  return {
    gerichtOp,
    bedreiging: bedreiging === 1,
    fysiekGeweld: fysiekGeweld === 1,
    gecorrigeerd: gecorrigeerd === 1,
    aanhoudend: aanhoudend === 1,
  };
}

describe('classify', () => {
  it('has one table row for every combination of answers (3 x 2 x 2 x 2 x 2)', () => {
    const keys = new Set(TABLE.map((row) => row.slice(0, 5).join(',')));
    assert.equal(TABLE.length, 48);
    assert.equal(keys.size, 48);
    for (const g of GERICHT_OP) {
      for (const bits of Array.from({ length: 16 }, (_, i) => [i >> 3, (i >> 2) & 1, (i >> 1) & 1, i & 1])) {
        assert.ok(keys.has([g, ...bits].join(',')), `missing ${g} ${bits.join('')}`);
      }
    }
  });

  for (const row of TABLE) {
    const answers = answersOf(row);
    const [, , , , , category, schema, tenzijAanhoudend, altijd] = row;
    const name = row.slice(0, 5).join(' ');
    it(`schema: ${name} -> ${category}, ${schema}`, () => {
      assert.deepEqual(classify(answers, 'schema'), { category, meldplicht: schema, normKey: category });
    });
    it(`tenzij-aanhoudend: ${name} -> ${category}, ${tenzijAanhoudend}`, () => {
      assert.deepEqual(classify(answers, 'tenzij-aanhoudend'), { category, meldplicht: tenzijAanhoudend, normKey: category });
    });
    it(`altijd: ${name} -> ${category}, ${altijd}`, () => {
      assert.deepEqual(classify(answers, 'altijd'), { category, meldplicht: altijd, normKey: category });
    });
  }

  it('uses all five categories and all four reporting duties', () => {
    assert.deepEqual(new Set(TABLE.map((r) => r[5])), new Set(CATEGORIES));
    assert.deepEqual(new Set(TABLE.map((r) => r[6])), new Set(MELDPLICHTEN));
  });
});

describe('meldplichtFor a chosen category', () => {
  const combos = [
    { gecorrigeerd: false, aanhoudend: false },
    { gecorrigeerd: false, aanhoudend: true },
    { gecorrigeerd: true, aanhoudend: false },
    { gecorrigeerd: true, aanhoudend: true },
  ];
  type Four = [Meldplicht, Meldplicht, Meldplicht, Meldplicht];
  const expected: Record<ReportingRule, Record<Category, Four>> = {
    schema: {
      'emotioneel-eigen-situatie': ['facultatief', 'aanbevolen', 'facultatief', 'aanbevolen'],
      'emotioneel-kritiek': ['facultatief', 'aanbevolen', 'facultatief', 'aanbevolen'],
      'verbale-agressie': ['verplicht', 'verplicht', 'niet-nodig', 'verplicht'],
      'bedreiging-intimidatie': ['verplicht', 'verplicht', 'verplicht', 'verplicht'],
      'fysiek-geweld': ['verplicht', 'verplicht', 'verplicht', 'verplicht'],
    },
    // "niet melden, tenzij het gedrag aanhoudt en er een patroon ontstaat"
    'tenzij-aanhoudend': {
      'emotioneel-eigen-situatie': ['niet-nodig', 'verplicht', 'niet-nodig', 'verplicht'],
      'emotioneel-kritiek': ['niet-nodig', 'verplicht', 'niet-nodig', 'verplicht'],
      'verbale-agressie': ['verplicht', 'verplicht', 'niet-nodig', 'verplicht'],
      'bedreiging-intimidatie': ['verplicht', 'verplicht', 'verplicht', 'verplicht'],
      'fysiek-geweld': ['verplicht', 'verplicht', 'verplicht', 'verplicht'],
    },
    // Utrecht: complaining and criticism are allowed; persistent emotional behaviour and every form of aggression are reported
    altijd: {
      'emotioneel-eigen-situatie': ['facultatief', 'verplicht', 'facultatief', 'verplicht'],
      'emotioneel-kritiek': ['facultatief', 'verplicht', 'facultatief', 'verplicht'],
      'verbale-agressie': ['verplicht', 'verplicht', 'verplicht', 'verplicht'],
      'bedreiging-intimidatie': ['verplicht', 'verplicht', 'verplicht', 'verplicht'],
      'fysiek-geweld': ['verplicht', 'verplicht', 'verplicht', 'verplicht'],
    },
  };
  for (const rule of REPORTING_RULES) {
    for (const category of CATEGORIES) {
      it(`${category} under rule ${rule}`, () => {
        combos.forEach((answers, i) => assert.equal(meldplichtFor(category, answers, rule), expected[rule][category][i]));
      });
    }
  }

  it('lets a melder who chooses a heavier category than the answers report it as required', () => {
    const answers: ClassificationAnswers = { gerichtOp: 'ik', bedreiging: false, fysiekGeweld: false, gecorrigeerd: true, aanhoudend: false };
    assert.equal(classify(answers, 'schema').meldplicht, 'facultatief');
    assert.equal(meldplichtFor('bedreiging-intimidatie', answers, 'schema'), 'verplicht');
  });
});

describe('category texts', () => {
  it('gives every category a Dutch label, norm, reporting text and explanation', () => {
    for (const category of CATEGORIES) {
      const t = categoryTexts(category, 'schema');
      for (const value of Object.values(t)) assert.ok(value.length > 20 || value === t.label, `${category}: ${value}`);
    }
    assert.match(categoryTexts('verbale-agressie', 'schema').norm, /niet persoonlijk worden/);
    assert.match(categoryTexts('emotioneel-kritiek', 'schema').melden, /Melden mag, maar hoeft niet/);
  });

  it('shows the "always report" text under rule altijd for aggression, and that criticism is allowed', () => {
    assert.equal(categoryTexts('verbale-agressie', 'altijd').melden, nl.meldenAltijd);
    assert.match(nl.meldenAltijd, /altijd/);
    assert.match(categoryTexts('emotioneel-kritiek', 'altijd').melden, /mogen klagen, kritiek hebben/);
    assert.match(categoryTexts('emotioneel-eigen-situatie', 'altijd').melden, /Houdt het gedrag aan/);
  });

  it('shows "niet melden, tenzij het gedrag aanhoudt" for emotional behaviour under the model protocol', () => {
    assert.match(categoryTexts('emotioneel-kritiek', 'tenzij-aanhoudend').melden, /^Niet melden, tenzij het gedrag aanhoudt/);
    assert.equal(categoryTexts('verbale-agressie', 'tenzij-aanhoudend').melden, nl.category.melden['verbale-agressie']);
  });
});
