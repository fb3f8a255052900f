import { nl } from '../../../shared/i18n/nl.js';
import { yes, yesNo } from '../fields.js';
import type { FormStep } from './form-step.js';

const m = nl.melding;

const IMPACT_FIELDS = [
  ['letsel', m.impact.letsel],
  ['ziekenhuis', m.impact.ziekenhuis],
  ['steunNodig', m.impact.steun],
  ['nazorgGewenst', m.impact.nazorg],
  ['toestemmingAangifte', m.impact.aangifte],
  ['toestemmingInformeren', m.impact.informeren],
] as const;

export const impact: FormStep = {
  title: m.impact.title,
  notes: () => [m.impact.szw],
  fields: () => [
    ...IMPACT_FIELDS.map(([id, label]) => ({ id, kind: 'yesno' as const, label, required: true })),
    { id: 'nazorgZoSnel', kind: 'yesno' as const, label: m.impact.nazorgZoSnel, required: false },
  ],
  values: (d) => ({
    ...Object.fromEntries(IMPACT_FIELDS.map(([id]) => [id, yesNo(d.impact?.[id])])),
    nazorgZoSnel: yesNo(d.impact?.nazorgZoSnel),
  }),
  apply: (d, v) => ({
    ok: true,
    draft: {
      ...d,
      impact: {
        letsel: yes(v['letsel']),
        ziekenhuis: yes(v['ziekenhuis']),
        steunNodig: yes(v['steunNodig']),
        nazorgGewenst: yes(v['nazorgGewenst']),
        toestemmingAangifte: yes(v['toestemmingAangifte']),
        toestemmingInformeren: yes(v['toestemmingInformeren']),
        ...(v['nazorgZoSnel'] ? { nazorgZoSnel: yes(v['nazorgZoSnel']) } : {}),
      },
    },
  }),
};
