import { classify } from '../../../domain/classify.js';
import type { GerichtOp } from '../../../domain/types.js';
import { nl } from '../../../shared/i18n/nl.js';
import { yes, yesNo } from '../fields.js';
import type { FormStep } from './form-step.js';

const m = nl.melding;

export const classificatie: FormStep = {
  title: m.classificatie.title,
  intro: () => m.classificatie.intro,
  fields: () => [
    {
      id: 'gerichtOp', kind: 'choice', label: m.classificatie.gerichtOp, required: true,
      choices: (['ik', 'jullie', 'jij'] as const).map((g) => ({ title: m.classificatie[g], value: g })),
    },
    { id: 'bedreiging', kind: 'yesno', label: m.classificatie.bedreiging, required: true },
    { id: 'fysiekGeweld', kind: 'yesno', label: m.classificatie.fysiek, required: true },
    { id: 'gecorrigeerd', kind: 'yesno', label: m.classificatie.gecorrigeerd, required: true },
    { id: 'aanhoudend', kind: 'yesno', label: m.classificatie.aanhoudend, required: true },
  ],
  values: (d) => ({
    gerichtOp: d.answers?.gerichtOp ?? '',
    bedreiging: yesNo(d.answers?.bedreiging),
    fysiekGeweld: yesNo(d.answers?.fysiekGeweld),
    gecorrigeerd: yesNo(d.answers?.gecorrigeerd),
    aanhoudend: yesNo(d.answers?.aanhoudend),
  }),
  apply: (d, v, ctx) => {
    const answers = {
      gerichtOp: v['gerichtOp'] as GerichtOp,
      bedreiging: yes(v['bedreiging']),
      fysiekGeweld: yes(v['fysiekGeweld']),
      gecorrigeerd: yes(v['gecorrigeerd']),
      aanhoudend: yes(v['aanhoudend']),
    };
    const derived = classify(answers, ctx.services.profile.reportingRule).category;
    // New answers reset a chosen category only when they derive a different one.
    const changed = d.answers === undefined || classify(d.answers, ctx.services.profile.reportingRule).category !== derived;
    return { ok: true, draft: { ...d, answers, chosenCategory: changed ? derived : (d.chosenCategory ?? derived) } };
  },
};
