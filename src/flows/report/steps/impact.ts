import { fmt, nl } from '../../../shared/i18n/nl.js';
import type { Draft } from '../draft.js';
import { yes, yesNo } from '../fields.js';
import type { FormStep } from './form-step.js';
import { namensNaam } from './namens.js';

const m = nl.melding.impact;

const IMPACT_FIELDS = ['letsel', 'ziekenhuis', 'steunNodig', 'nazorgGewenst', 'toestemmingAangifte', 'toestemmingInformeren'] as const;
type ImpactField = (typeof IMPACT_FIELDS)[number] | 'nazorgZoSnel';

const KEY = {
  letsel: 'letsel',
  ziekenhuis: 'ziekenhuis',
  steunNodig: 'steun',
  nazorgGewenst: 'nazorg',
  nazorgZoSnel: 'nazorgZoSnel',
  toestemmingAangifte: 'aangifte',
  toestemmingInformeren: 'informeren',
} as const satisfies Record<ImpactField, keyof typeof m.namens>;

/** The question as this draft asks it: to the melder, or, reported namens, about the ambtsdrager by name (consent is theirs). */
export function impactLabel(d: Draft, field: ImpactField): string {
  const naam = namensNaam(d);
  const key = KEY[field];
  return naam ? fmt(m.namens[key], { naam }) : m[key];
}

export const impact: FormStep = {
  title: m.title,
  notes: (d) => {
    const naam = namensNaam(d);
    return naam ? [m.szw, fmt(m.namens.toestemming, { naam })] : [m.szw];
  },
  fields: (d) => [
    ...IMPACT_FIELDS.map((id) => ({ id, kind: 'yesno' as const, label: impactLabel(d, id), required: true })),
    { id: 'nazorgZoSnel', kind: 'yesno' as const, label: impactLabel(d, 'nazorgZoSnel'), required: false },
  ],
  values: (d) => ({
    ...Object.fromEntries(IMPACT_FIELDS.map((id) => [id, yesNo(d.impact?.[id])])),
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
