import { LIMITS } from '../../../domain/incident-schema.js';
import { DOELWITTEN, type Doelwit } from '../../../domain/types.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import type { FormStep } from './form-step.js';
import { namensNaam } from './namens.js';

const m = nl.melding;

function doelwitText(dw: Doelwit, naam: string | undefined): string {
  return dw === 'ambtsdrager' && naam ? fmt(m.wat.ambtsdragerNamens, { naam }) : m.wat.doelwit[dw];
}

export const wat: FormStep = {
  title: m.wat.title,
  fields: (d) => [
    {
      id: 'beschrijving', kind: 'textarea', label: m.wat.beschrijving, required: true, maxLength: LIMITS.description,
      help: m.wat.beschrijvingHelp,
    },
    {
      id: 'doelwitten', kind: 'multi', label: m.wat.doelwitten, required: true,
      choices: DOELWITTEN.map((dw) => ({ title: doelwitText(dw, namensNaam(d)), value: dw })),
    },
  ],
  values: (d) => ({ beschrijving: d.wat?.description ?? '', doelwitten: d.wat?.doelwitten.join(',') ?? '' }),
  apply: (d, v) => {
    const doelwitten = (v['doelwitten'] ?? '').split(',').filter(Boolean) as Doelwit[];
    return { ok: true, draft: { ...d, wat: { description: v['beschrijving'] ?? '', doelwitten } } };
  },
};
