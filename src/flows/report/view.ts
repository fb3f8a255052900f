import { renderCard, literal } from '../../cards/render.js';
import { evidenceLines } from '../bericht/view.js';
import { categoryTexts } from '../../domain/classify.js';
import { formatDutch } from '../../domain/format.js';
import { roleLabel, route } from '../../domain/route.js';
import type { Role } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { CardJson } from '../types.js';
import { countedSteps, type Draft, type Step } from './draft.js';
import { fieldView, type Errors, type Values } from './fields.js';
import { meldplichtOf } from './steps/categorie.js';
import type { StepContext } from './steps/form-step.js';
import { FORM_STEPS } from './steps/index.js';

const m = nl.melding;

export function stepLabel(draft: Draft, step: Step): string {
  const steps = countedSteps(draft);
  const n = steps.indexOf(step) + 1;
  return n > 0 ? fmt(m.stepOf, { n, total: steps.length }) : '';
}

/** A form step as a card; `values`/`errors` re-show what the person typed with a message per field. */
export function stepCard(draft: Draft, step: Step, ctx: StepContext, opts: { values?: Values; errors?: Errors; banner?: string } = {}): CardJson {
  if (step === 'veiligheid') return safetyCard(draft);
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
    nextTitle: draft.returnToSummary && step !== 'classificatie' ? m.toSummary : m.next,
  });
}

export function safetyCard(draft: Draft): CardJson {
  return renderCard('melding-veiligheid', { draftId: draft.id });
}

export function unsafeCard(draft: Draft, hulplijnen: { naam: string; nummer: string }[]): CardJson {
  return renderCard('melding-onveilig', { draftId: draft.id, advice: m.unsafe.advice.map((text) => ({ text })), hulplijnen });
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
      ? lines(categoryTexts(draft.chosenCategory, p.reportingRule).label, plicht ? nl.meldplicht[plicht] : undefined)
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
          `${m.pleger.eerderContact} ${yn(draft.pleger.eerderContact)}`,
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
          `${m.impact.letsel} ${yn(draft.impact.letsel)}`,
          `${m.impact.ziekenhuis} ${yn(draft.impact.ziekenhuis)}`,
          `${m.impact.steun} ${yn(draft.impact.steunNodig)}`,
          `${m.impact.nazorg} ${yn(draft.impact.nazorgGewenst)}`,
          ...(draft.impact.nazorgGewenst && draft.impact.nazorgZoSnel !== undefined ? [`${m.impact.nazorgZoSnel} ${yn(draft.impact.nazorgZoSnel)}`] : []),
          `${m.impact.aangifte} ${yn(draft.impact.toestemmingAangifte)}`,
          `${m.impact.informeren} ${yn(draft.impact.toestemmingInformeren)}`,
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
    out.push(fmt(draft.impact?.toestemmingInformeren ? w.metToestemming : w.zonderToestemming, { rollen: names(r.informedWithConsent) }));
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
