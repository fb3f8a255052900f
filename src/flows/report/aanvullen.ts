import { renderCard } from '../../cards/render.js';
import { meldingTermijnen, type AanvulDeel } from '../../domain/aanvulling.js';
import { classify, meldplichtFor } from '../../domain/classify.js';
import type { Incident } from '../../domain/incident-schema.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { Services } from '../services.js';
import type { CardJson } from '../types.js';
import type { Draft } from './draft.js';
import { fieldView, type Errors, type Values } from './fields.js';
import type { FormStep, StepContext } from './steps/form-step.js';
import { classificatie } from './steps/classificatie.js';
import { impact } from './steps/impact.js';
import { online } from './steps/online.js';
import { pleger } from './steps/pleger.js';
import { wat } from './steps/wat.js';

const m = nl.melding;

/** Only the targets of the wat step: the description was given on the short card and stays as filed. */
const doelwitten: FormStep = {
  title: m.aanvullen.doelwittenTitle,
  fields: (d, ctx) => wat.fields(d, ctx).filter((f) => f.id === 'doelwitten'),
  values: (d) => ({ doelwitten: d.wat?.doelwitten.join(',') ?? '' }),
  apply: (d, v, ctx) => wat.apply(d, { ...v, beschrijving: d.wat?.description ?? '' }, ctx),
};

/**
 * The long path's steps the melder can add afterwards, the same forms as in the melding. The
 * category is not asked again: it follows from the answers, unless a handler settled it.
 */
export const AANVUL_STAPPEN: Partial<Record<AanvulDeel, FormStep>> = { doelwitten, classificatie, pleger, online, impact };

/** The stored melding as a draft, so the long path's forms show and read its parts. */
export function draftOf(i: Incident): Draft {
  return {
    id: i.id,
    step: 'samenvatting',
    overleg: i.overleg,
    safe: true,
    returnToSummary: false,
    startedAt: i.createdAt,
    updatedAt: i.createdAt,
    melderName: i.melder.name ?? '',
    wie: { namens: i.namens, role: i.ambtsdrager.role, ...(i.namens ? { ambtsdragerName: i.ambtsdrager.name ?? '' } : {}) },
    wanneer: { occurredAt: i.occurredAt, longAgo: i.occurredLongAgo, kanaal: i.kanaal, locatie: i.locatie },
    wat: { description: i.description, doelwitten: i.doelwitten },
    ...(i.answers ? { answers: i.answers } : {}),
    chosenCategory: i.chosenCategory,
    pleger: i.pleger,
    ...(i.online ? { online: i.online } : {}),
    attachments: i.attachments,
    ...(i.impact ? { impact: i.impact } : {}),
  };
}

const withDeadlines = (i: Incident, services: Services): Incident => ({ ...i, deadlines: meldingTermijnen(i, services.profile) });

/** One added part from the form's draft into the stored melding; the category follows the answers unless a handler settled it. */
export function withPart(i: Incident, deel: AanvulDeel, d: Draft, services: Services): Incident {
  const rule = services.profile.reportingRule;
  switch (deel) {
    case 'doelwitten':
      return { ...i, doelwitten: d.wat?.doelwitten ?? i.doelwitten };
    case 'classificatie': {
      if (!d.answers) return i;
      const derived = classify(d.answers, rule).category;
      const category = i.categorieVastgesteld?.value ?? derived;
      const meldplicht = meldplichtFor(category, d.answers, rule);
      return withDeadlines({ ...i, answers: d.answers, derivedCategory: derived, chosenCategory: category, meldplicht }, services);
    }
    case 'categorie':
      return i;
    case 'pleger':
      return d.pleger ? { ...i, pleger: d.pleger } : i;
    case 'online':
      return d.online ? { ...i, online: d.online } : i;
    case 'impact':
      return d.impact ? withDeadlines({ ...i, impact: d.impact }, services) : i;
  }
}

/** One part to add, as a card: the long path's form for it, its answer goes into the stored melding. */
export function aanvulCard(incident: Incident, deel: AanvulDeel, ctx: StepContext, opts: { values?: Values; errors?: Errors; banner?: string } = {}): CardJson {
  const def = AANVUL_STAPPEN[deel];
  if (!def) throw new Error(`no form for part ${deel}`);
  const draft = draftOf(incident);
  const values = { ...def.values(draft), ...(opts.values ?? {}) };
  const errors = opts.errors ?? {};
  return renderCard('melding-aanvullen', {
    incidentId: incident.id,
    deel,
    stepLabel: fmt(m.aanvullen.title, { number: incident.number }),
    title: def.title,
    intro: def.intro?.(draft, ctx) ?? '',
    banner: opts.banner ?? (Object.keys(errors).length > 0 ? nl.errors.checkFields : ''),
    notes: (def.notes?.(draft, ctx) ?? []).map((text, i) => ({ text, weight: i === 0 ? 'Bolder' : 'Default' })),
    fields: def.fields(draft, ctx).map((f) => fieldView(f, values[f.id] ?? '', errors[f.id] ?? '')),
  });
}
