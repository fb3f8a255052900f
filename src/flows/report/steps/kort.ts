import { DateTime } from 'luxon';
import { ZONE } from '../../../domain/deadlines.js';
import { LIMITS, type Pleger } from '../../../domain/incident-schema.js';
import { roleLabel } from '../../../domain/route.js';
import { KANALEN, type AmbtsdragerRole, type Kanaal } from '../../../domain/types.js';
import { nl } from '../../../shared/i18n/nl.js';
import type { Draft } from '../draft.js';
import type { Errors, FieldDef, Values } from '../fields.js';
import { knownRole, type Applied, type StepContext } from './form-step.js';
import { localDate } from './local-time.js';
import { readMoment } from './wanneer.js';

const k = nl.melding.kort;

/**
 * The short path's one card: what happened, when (now unless changed), where, who did it if known;
 * the role only when the people file does not know it. Everything else can be added later.
 */
export function kortFields(ctx: StepContext): FieldDef[] {
  const p = ctx.services.profile;
  return [
    { id: 'beschrijving', kind: 'textarea', label: k.wat, required: true, maxLength: LIMITS.description },
    { id: 'datum', kind: 'date', label: k.datum, required: true, max: localDate(ctx.now) },
    { id: 'tijd', kind: 'time', label: k.tijd, required: true },
    { id: 'kanaal', kind: 'choice', label: k.waar, required: true, choices: KANALEN.map((x) => ({ title: nl.melding.wanneer.kanalen[x], value: x })) },
    { id: 'locatie', kind: 'text', label: k.plaats, required: false, maxLength: LIMITS.shortText },
    { id: 'pleger', kind: 'text', label: k.pleger, required: false, maxLength: LIMITS.comment },
    ...(knownRole(ctx)
      ? []
      : [{ id: 'rol', kind: 'dropdown' as const, label: k.rol, required: true, choices: p.roles.map((r) => ({ title: roleLabel(p, r), value: r })) }]),
  ];
}

/**
 * What the card shows before anything is typed: the moment is now, on the Amsterdam clock; for a
 * melding started from a Teams message ("Melden bij Weerbaar"), the moment it was sent and how.
 */
export function kortDefaults(now: Date, given?: Draft['wanneer']): Values {
  const local = DateTime.fromJSDate(given ? new Date(given.occurredAt) : now).setZone(ZONE);
  const moment = { datum: local.toISODate() ?? '', tijd: local.toFormat('HH:mm') };
  return given ? { ...moment, kanaal: given.kanaal, locatie: given.locatie } : moment;
}

/**
 * The answers into the draft. What the melder says about who did it is kept as a description:
 * whether it is a name is not asked here, so the pleger counts as not known by name until
 * the melder adds that part (Aanvullen).
 */
export function applyKort(d: Draft, v: Values, ctx: StepContext): Applied {
  const errors: Errors = {};
  const moment = readMoment(v, ctx.now);
  if (!moment.ok) errors['datum'] = moment.error;
  const role = (knownRole(ctx) ?? v['rol']) as AmbtsdragerRole | '' | undefined;
  if (!role) errors['rol'] = nl.melding.wie.errRol;
  if (!moment.ok || !role || Object.keys(errors).length > 0) return { ok: false, errors };
  const omschrijving = v['pleger'];
  const pleger: Pleger = { bekend: false, ...(omschrijving ? { omschrijving } : {}) };
  return {
    ok: true,
    draft: {
      ...d,
      wie: { namens: false, role },
      wanneer: { ...moment.value, kanaal: v['kanaal'] as Kanaal, locatie: v['locatie'] ?? '' },
      wat: { description: v['beschrijving'] ?? '', doelwitten: [] },
      pleger,
    },
  };
}
