import { LIMITS, type Pleger } from '../../../domain/incident-schema.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import { yes, yesNo } from '../fields.js';
import { fail, type FormStep } from './form-step.js';
import { namensNaam } from './namens.js';

const m = nl.melding;

export function eerderContactText(naam: string | undefined): string {
  return naam ? fmt(m.pleger.eerderContactNamens, { naam }) : m.pleger.eerderContact;
}

export const pleger: FormStep = {
  title: m.pleger.title,
  fields: (d) => [
    { id: 'bekend', kind: 'yesno', label: m.pleger.bekend, required: true },
    { id: 'naam', kind: 'text', label: m.pleger.naam, required: false, maxLength: LIMITS.shortText },
    {
      id: 'omschrijving', kind: 'textarea', label: m.pleger.omschrijving, required: false, maxLength: LIMITS.comment,
      help: m.pleger.omschrijvingHelp,
    },
    { id: 'organisatie', kind: 'text', label: m.pleger.organisatie, required: false, maxLength: LIMITS.shortText },
    { id: 'contact', kind: 'text', label: m.pleger.contact, required: false, maxLength: LIMITS.shortText },
    { id: 'voertuig', kind: 'text', label: m.pleger.voertuig, required: false, maxLength: LIMITS.shortText },
    { id: 'eerderContact', kind: 'yesno', label: eerderContactText(namensNaam(d)), required: true },
  ],
  values: (d) => ({
    bekend: yesNo(d.pleger?.bekend),
    naam: d.pleger?.naam ?? '',
    omschrijving: d.pleger?.omschrijving ?? '',
    organisatie: d.pleger?.organisatie ?? '',
    contact: d.pleger?.contact ?? '',
    voertuig: d.pleger?.voertuig ?? '',
    eerderContact: yesNo(d.pleger?.eerderContact),
  }),
  apply: (d, v) => {
    if (!v['naam'] && !v['omschrijving']) return fail({ omschrijving: m.pleger.errPleger });
    const pleger: Pleger = { bekend: yes(v['bekend']), eerderContact: yes(v['eerderContact']) };
    for (const k of ['naam', 'omschrijving', 'organisatie', 'contact', 'voertuig'] as const) {
      const value = v[k];
      if (value) pleger[k] = value;
    }
    return { ok: true, draft: { ...d, pleger } };
  },
};
