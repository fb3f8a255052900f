import { renderCard, literal } from '../../cards/render.js';
import { evidenceLines } from '../bericht/view.js';
import { categoryTexts } from '../../domain/classify.js';
import { formatDutch } from '../../domain/format.js';
import { belbaar } from '../../domain/hulplijnen.js';
import type { Hulplijn } from '../../domain/profiles/schema.js';
import { roleLabel, route } from '../../domain/route.js';
import type { Role } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { CardJson } from '../types.js';
import { countedSteps, type Draft, type Step } from './draft.js';
import { fieldView, type Errors, type Values } from './fields.js';
import { lezersText } from './lezers.js';
import { meldplichtOf } from './steps/categorie.js';
import { kortDefaults, kortFields } from './steps/kort.js';
import { parseLocal } from './steps/local-time.js';
import type { StepContext } from './steps/form-step.js';
import { impactLabel } from './steps/impact.js';
import { FORM_STEPS } from './steps/index.js';
import { namensNaam } from './steps/namens.js';
import { eerderContactText } from './steps/pleger.js';

const m = nl.melding;

/**
 * "Stap n van N". The online step is counted as part of the step before it, so N does not jump
 * from 8 to 9 once the person says it happened online.
 */
export function stepLabel(draft: Draft, step: Step): string {
  const steps = countedSteps(draft).filter((s) => s !== 'online');
  const total = steps.length;
  if (step === 'online') return fmt(m.stepOfVervolg, { n: steps.indexOf('pleger') + 1, total });
  const n = steps.indexOf(step) + 1;
  return n > 0 ? fmt(m.stepOf, { n, total }) : '';
}

/** A form step as a card; `values`/`errors` re-show what the person typed with a message per field. */
export function stepCard(draft: Draft, step: Step, ctx: StepContext, opts: { values?: Values; errors?: Errors; banner?: string } = {}): CardJson {
  if (step === 'veiligheid') return safetyCard(draft, ctx);
  if (step === 'kort') return shortCard(draft, ctx, opts);
  if (step === 'samenvatting') return summaryCard(draft, ctx, opts.banner ?? '');
  const def = FORM_STEPS[step];
  if (!def) throw new Error(`no form for step ${step}`);
  const stored = def.values(draft);
  const values = { ...stored, ...(opts.values ?? {}) };
  const errors = opts.errors ?? {};
  const fields = def.fields(draft, ctx).map((f) => fieldView(f, values[f.id] ?? '', errors[f.id] ?? ''));
  const hasErrors = Object.keys(errors).length > 0;
  return renderCard('melding-stap', {
    draftId: draft.id,
    step,
    stepLabel: stepLabel(draft, step),
    title: def.title,
    intro: def.intro?.(draft, ctx) ?? '',
    banner: opts.banner ?? (hasErrors ? nl.errors.checkFields : ''),
    notes: (def.notes?.(draft, ctx) ?? []).map((text, i) => ({ text, weight: i === 0 ? 'Bolder' : 'Default' })),
    fields,
    attachments: step === 'online' ? draft.attachments.map((a) => ({ name: literal(a.name) })) : [],
    showPrevious: step !== 'wie',
    // said once, on the first step: the button is on every step
    laterNote: step === 'wie',
    nextTitle: draft.returnToSummary && step !== 'classificatie' ? m.toSummary : m.next,
  });
}

export function safetyCard(draft: Draft, ctx: StepContext): CardJson {
  const k = m.kort;
  return renderCard('melding-veiligheid', {
    draftId: draft.id,
    lezers: lezersText(ctx),
    overleg: draft.overleg,
    duur: draft.overleg ? k.overlegDuur : m.safety.duur,
    kortKnop: draft.overleg ? k.overlegKiezen : k.kiezen,
  });
}

/** The short path's card; typed values and errors shown back like a form step's. */
export function shortCard(draft: Draft, ctx: StepContext, opts: { values?: Values; errors?: Errors; banner?: string } = {}): CardJson {
  const defaults = kortDefaults(ctx.now, draft.wanneer);
  const values = { ...defaults, ...(opts.values ?? {}) };
  const errors = opts.errors ?? {};
  const fields = Object.fromEntries(kortFields(ctx).map((f) => [f.id, fieldView(f, values[f.id] ?? '', errors[f.id] ?? '')]));
  // shown back after an error with another moment than now: the pickers stay open
  const changed = values['datum'] !== defaults['datum'] || values['tijd'] !== defaults['tijd'];
  const at = parseLocal(values['datum'] ?? '', values['tijd'] ?? '');
  const moment = at ? formatDutch(at.toJSDate()) : '';
  return renderCard('melding-kort', {
    draftId: draft.id,
    titel: draft.overleg ? m.kort.overlegTitle : m.kort.title,
    intro: draft.overleg ? m.kort.overlegIntro : m.kort.intro,
    meldenKnop: draft.overleg ? m.kort.overlegMelden : m.kort.melden,
    banner: opts.banner ?? (Object.keys(errors).length > 0 ? nl.errors.checkFields : ''),
    // the role only when the people file does not know it; the template still names f.rol
    f: { rol: fieldView({ id: 'rol', kind: 'dropdown', label: '', required: false }, '', ''), ...fields },
    askRole: 'rol' in fields,
    wanneerText: fmt(changed || draft.wanneer ? m.kort.wanneer : m.kort.wanneerNu, { moment }),
    anderMoment: changed || 'datum' in errors || 'tijd' in errors,
  });
}

export function unsafeCard(draft: Draft, hulplijnen: readonly Hulplijn[]): CardJson {
  return renderCard('melding-onveilig', { draftId: draft.id, advice: m.unsafe.advice.map((text) => ({ text })), hulplijnen: hulplijnen.map(belbaar) });
}

interface SummaryPart {
  part: Step;
  title: string;
  lines: { text: string }[];
}

/** What the person typed, shown literally (TextRuns, date functions broken). */
function lines(...items: (string | undefined | false)[]): { text: string }[] {
  return items.filter((i): i is string => typeof i === 'string' && i !== '').map((text) => ({ text: literal(text) }));
}

export function summaryParts(draft: Draft, ctx: StepContext): SummaryPart[] {
  const p = ctx.services.profile;
  const s = m.samenvatting;
  const yn = (b: boolean | undefined) => (b === undefined ? s.onbekend : b ? nl.common.yes : nl.common.no);
  const parts: SummaryPart[] = [];
  const add = (part: Step, l: { text: string }[]) =>
    parts.push({ part, title: s.parts[part as keyof typeof s.parts], lines: l.length > 0 ? l : [{ text: s.incomplete }] });
  add(
    'wie',
    draft.wie
      ? lines(
          draft.wie.namens
            ? fmt(s.namensVan, { naam: draft.wie.ambtsdragerName ?? '', rol: roleLabel(p, draft.wie.role) })
            : fmt(s.zelf, { rol: roleLabel(p, draft.wie.role) }),
        )
      : [],
  );
  add(
    'wanneer',
    draft.wanneer
      ? lines(
          `${formatDutch(draft.wanneer.occurredAt)}${draft.wanneer.longAgo ? ` ${s.longAgo}` : ''}`,
          m.wanneer.kanalen[draft.wanneer.kanaal],
          draft.wanneer.locatie,
        )
      : [],
  );
  add('wat', draft.wat ? lines(draft.wat.description, draft.wat.doelwitten.map((d) => m.wat.doelwit[d]).join(', ')) : []);
  const plicht = meldplichtOf(draft, ctx.services);
  add(
    'categorie',
    draft.chosenCategory
      ? lines(categoryTexts(draft.chosenCategory, p.reportingRule).label, plicht ? m.meldplicht[plicht] : undefined)
      : [],
  );
  add(
    'pleger',
    draft.pleger
      ? lines(
          draft.pleger.naam,
          draft.pleger.omschrijving,
          draft.pleger.organisatie,
          draft.pleger.contact,
          draft.pleger.voertuig,
          `${eerderContactText(namensNaam(draft))} ${yn(draft.pleger.eerderContact)}`,
        )
      : [],
  );
  if (countedSteps(draft).includes('online')) {
    add(
      'online',
      draft.online
        ? lines(
            draft.online.platform,
            draft.online.account,
            draft.online.url,
            draft.online.moment && formatDutch(draft.online.moment),
            `${m.online.gemeld} ${yn(draft.online.gemeldBijPlatform)}`,
            ...draft.attachments.map((a) => `📎 ${a.name}`),
          )
        : [],
    );
  }
  add(
    'impact',
    draft.impact
      ? lines(
          `${impactLabel(draft, 'letsel')} ${yn(draft.impact.letsel)}`,
          `${impactLabel(draft, 'ziekenhuis')} ${yn(draft.impact.ziekenhuis)}`,
          `${impactLabel(draft, 'steunNodig')} ${yn(draft.impact.steunNodig)}`,
          `${impactLabel(draft, 'nazorgGewenst')} ${yn(draft.impact.nazorgGewenst)}`,
          ...(draft.impact.nazorgGewenst && draft.impact.nazorgZoSnel !== undefined ? [`${impactLabel(draft, 'nazorgZoSnel')} ${yn(draft.impact.nazorgZoSnel)}`] : []),
          `${impactLabel(draft, 'toestemmingAangifte')} ${yn(draft.impact.toestemmingAangifte)}`,
          `${impactLabel(draft, 'toestemmingInformeren')} ${yn(draft.impact.toestemmingInformeren)}`,
        )
      : [],
  );
  return parts;
}

/** Who is told of the melding once it is sent, by role, with or without its content (the same rules as the notices). */
export function wieHoort(draft: Draft, ctx: StepContext): { text: string }[] {
  if (!draft.wie) return [];
  const p = ctx.services.profile;
  const w = m.samenvatting.wieHoort;
  const r = route(p, draft.wie.role, draft.wanneer?.kanaal);
  const names = (roles: readonly Role[], sep = ', ') => roles.map((role) => roleLabel(p, role)).join(sep);
  const out = [fmt(w.metInhoud, { rollen: r.coordinator ? `${names(r.handlers, w.of)}, ${p.coordinatorLabel}` : names(r.handlers, w.of) })];
  if (r.vergadering) out.push(fmt(w.vergadering, { rollen: names(r.vergadering), coordinator: p.coordinatorLabel }));
  if (!r.coordinator) out.push(fmt(w.coordinatorOpVerzoek, { coordinator: p.coordinatorLabel }));
  if (r.informed.length > 0) out.push(fmt(w.zonderInhoud, { rollen: names(r.informed) }));
  if (r.informedWithConsent.length > 0) {
    const rollen = names(r.informedWithConsent);
    const naam = namensNaam(draft);
    const gaf = draft.impact?.toestemmingInformeren === true;
    out.push(naam ? fmt(gaf ? w.metToestemmingNamens : w.zonderToestemmingNamens, { rollen, naam }) : fmt(gaf ? w.metToestemming : w.zonderToestemming, { rollen }));
  }
  return out.map((text) => ({ text }));
}

export function summaryCard(draft: Draft, ctx: StepContext, banner: string): CardJson {
  return renderCard('melding-samenvatting', {
    draftId: draft.id,
    stepLabel: stepLabel(draft, 'samenvatting'),
    overleg: draft.overleg,
    banner,
    parts: summaryParts(draft, ctx).map((p) => ({ ...p, draftId: draft.id })),
    wieHoort: wieHoort(draft, ctx),
    evidence: draft.evidence ? evidenceLines(draft.evidence) : [],
  });
}

export function cancelCard(draft: Draft): CardJson {
  return renderCard('melding-annuleren', { draftId: draft.id, step: draft.step });
}
