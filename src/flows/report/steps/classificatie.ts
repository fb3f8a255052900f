import { classify } from '../../../domain/classify.js';
import type { ClassificationAnswers } from '../../../domain/types.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import type { Draft } from '../draft.js';
import { yes, yesNo } from '../fields.js';
import type { FormStep } from './form-step.js';
import { namensNaam } from './namens.js';

const m = nl.melding.classificatie;

/**
 * The options say what the other person did. "Stopped when addressed" only matters for personal
 * attacks, so it is an option of its own there, never a question after a threat or violence.
 */
const GEDRAG = ['ik', 'jullie', 'jij', 'jij-gestopt'] as const;
type Gedrag = (typeof GEDRAG)[number];

function gedragOf(a: ClassificationAnswers | undefined): Gedrag | '' {
  if (!a) return '';
  return a.gerichtOp === 'jij' && a.gecorrigeerd ? 'jij-gestopt' : a.gerichtOp;
}

function optionText(g: Gedrag, d: Draft): string {
  const naam = namensNaam(d);
  if (g === 'jij') return naam ? fmt(m.namens.jij, { naam }) : m.jij;
  if (g === 'jij-gestopt') return naam ? fmt(m.namens.jijGestopt, { naam }) : m.jijGestopt;
  return m[g];
}

export const classificatie: FormStep = {
  title: m.title,
  intro: () => m.intro,
  fields: (d) => {
    const naam = namensNaam(d);
    return [
      { id: 'gerichtOp', kind: 'choice', label: m.gerichtOp, required: true, choices: GEDRAG.map((g) => ({ title: optionText(g, d), value: g })) },
      { id: 'bedreiging', kind: 'yesno', label: naam ? fmt(m.namens.bedreiging, { naam }) : m.bedreiging, required: true },
      { id: 'fysiekGeweld', kind: 'yesno', label: m.fysiek, required: true },
      { id: 'aanhoudend', kind: 'yesno', label: m.aanhoudend, required: true },
    ];
  },
  values: (d) => ({
    gerichtOp: gedragOf(d.answers),
    bedreiging: yesNo(d.answers?.bedreiging),
    fysiekGeweld: yesNo(d.answers?.fysiekGeweld),
    aanhoudend: yesNo(d.answers?.aanhoudend),
  }),
  apply: (d, v, ctx) => {
    const gedrag = v['gerichtOp'] as Gedrag;
    const answers: ClassificationAnswers = {
      gerichtOp: gedrag === 'jij-gestopt' ? 'jij' : gedrag,
      bedreiging: yes(v['bedreiging']),
      fysiekGeweld: yes(v['fysiekGeweld']),
      gecorrigeerd: gedrag === 'jij-gestopt',
      aanhoudend: yes(v['aanhoudend']),
    };
    const derived = classify(answers, ctx.services.profile.reportingRule).category;
    // New answers reset a chosen category only when they derive a different one.
    const changed = d.answers === undefined || classify(d.answers, ctx.services.profile.reportingRule).category !== derived;
    return { ok: true, draft: { ...d, answers, chosenCategory: changed ? derived : (d.chosenCategory ?? derived) } };
  },
};
