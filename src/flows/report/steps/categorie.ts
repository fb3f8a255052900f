import { categoryTexts, classify, meldplichtFor } from '../../../domain/classify.js';
import { CATEGORIES, type Category } from '../../../domain/types.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import type { Services } from '../../services.js';
import type { Draft } from '../draft.js';
import type { FormStep } from './form-step.js';

const m = nl.melding;

export const categorie: FormStep = {
  title: m.categorie.title,
  notes: (d, ctx) => {
    if (!d.answers) return [];
    const rule = ctx.services.profile.reportingRule;
    const derived = classify(d.answers, rule);
    const t = categoryTexts(derived.category, rule);
    return [
      fmt(m.categorie.derived, { label: t.label }),
      t.norm,
      m.meldplicht[derived.meldplicht],
      t.melden,
    ];
  },
  fields: () => [
    {
      id: 'categorie', kind: 'choice', label: m.categorie.choose, required: true,
      choices: CATEGORIES.map((c) => ({ title: nl.category.label[c], value: c })),
    },
  ],
  values: (d) => ({ categorie: d.chosenCategory ?? '' }),
  apply: (d, v) => ({ ok: true, draft: { ...d, chosenCategory: v['categorie'] as Category } }),
};

/** The meldplicht of the category the melder confirmed (derived or chosen). */
export function meldplichtOf(draft: Draft, services: Services) {
  if (!draft.answers || !draft.chosenCategory) return undefined;
  return meldplichtFor(draft.chosenCategory, draft.answers, services.profile.reportingRule);
}
