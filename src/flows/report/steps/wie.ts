import { roleLabel } from '../../../domain/route.js';
import { LIMITS } from '../../../domain/incident-schema.js';
import type { AmbtsdragerRole } from '../../../domain/types.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import { yes, yesNo, type Errors } from '../fields.js';
import { fail, knownRole, type FormStep } from './form-step.js';

const m = nl.melding;

export const wie: FormStep = {
  title: m.wie.title,
  intro: (_d, ctx) => {
    const role = knownRole(ctx);
    return role ? fmt(m.wie.knownRole, { role: roleLabel(ctx.services.profile, role) }) : '';
  },
  fields: (_d, ctx) => [
    {
      id: 'namens', kind: 'choice', label: m.wie.namens, required: true, help: m.wie.namensHelp,
      choices: [{ title: m.wie.namensNo, value: 'nee' }, { title: m.wie.namensYes, value: 'ja' }],
    },
    {
      id: 'rol', kind: 'dropdown', label: m.wie.rol, required: knownRole(ctx) === undefined,
      ...(knownRole(ctx) ? { help: m.wie.rolKnownHelp } : {}),
      choices: ctx.services.profile.roles.map((r) => ({ title: roleLabel(ctx.services.profile, r), value: r })),
    },
    { id: 'naam', kind: 'text', label: m.wie.naam, required: false, maxLength: LIMITS.shortText },
  ],
  values: (d) => ({ namens: yesNo(d.wie?.namens), rol: d.wie?.namens ? d.wie.role : '', naam: d.wie?.ambtsdragerName ?? '' }),
  apply: (d, v, ctx) => {
    const namens = yes(v['namens']);
    const own = knownRole(ctx);
    const role = (namens ? v['rol'] : own ?? v['rol']) as AmbtsdragerRole | '' | undefined;
    const errors: Errors = {};
    if (!role) errors['rol'] = m.wie.errRol;
    if (namens && !v['naam']) errors['naam'] = m.wie.errNaam;
    if (!role || Object.keys(errors).length > 0) return fail(errors);
    return { ok: true, draft: { ...d, wie: { namens, role, ...(namens ? { ambtsdragerName: v['naam'] ?? '' } : {}) } } };
  },
};
