import { DateTime } from 'luxon';
import { z } from 'zod';
import { LIMITS } from '../../domain/incident-schema.js';
import { ZONE } from '../../domain/deadlines.js';
import { FunctionarisRoleSchema, MaatregelTypeSchema, type MaatregelType } from '../../domain/types.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { FormValues } from './view.js';

/** The card's data, untrusted: only ids and the handler's own input, never state. */
export const CardRefSchema = z.object({ incidentId: z.uuid() }).loose();

const text = (max: number) => z.string().max(max * 4).optional();

export const DecisionDataSchema = CardRefSchema.extend({
  maatregelen: text(400),
  toelichting: text(LIMITS.comment),
  einddatum: text(20),
  reden: text(LIMITS.comment),
  overdragenAan: text(60),
  /** the task a Gedaan or Niet nodig button names; its reason comes in the input redenInputId(taak) */
  taak: text(80),
  strafbaar: text(10),
  besproken: text(10),
  /** the evaluation of a closed melding */
  ernst: text(20),
  herhalingsrisico: text(20),
  trend: text(20),
  oorzaak: text(LIMITS.comment),
  verbeteringen: text(LIMITS.comment),
});
export type DecisionData = z.infer<typeof DecisionDataSchema>;

export function formOf(d: DecisionData): FormValues {
  return {
    ...(d.maatregelen !== undefined ? { maatregelen: d.maatregelen } : {}),
    ...(d.toelichting !== undefined ? { toelichting: d.toelichting } : {}),
    ...(d.einddatum !== undefined ? { einddatum: d.einddatum } : {}),
    ...(d.reden !== undefined ? { reden: d.reden } : {}),
    ...(d.overdragenAan !== undefined ? { overdragenAan: d.overdragenAan } : {}),
    ...(d.besproken !== undefined ? { besproken: d.besproken } : {}),
  };
}

export type ParsedDecision =
  | { ok: true; types: MaatregelType[]; besproken: boolean; comment?: string; endDate?: string }
  | { ok: false; errors: string[] };

/** The maatregelen form: a comma-separated multi-select, a comment and a date (end of that day, Amsterdam). */
export function parseDecision(d: DecisionData): ParsedDecision {
  const errors: string[] = [];
  const raw = (d.maatregelen ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const types: MaatregelType[] = [];
  for (const r of raw) {
    const t = MaatregelTypeSchema.safeParse(r);
    if (t.success) types.push(t.data);
    else errors.push(nl.errors.invalidPayload);
  }
  if (raw.length === 0) errors.push(nl.afhandeling.form.kiesMaatregel);
  // the toggle sends its valueOff when unchecked; a card without it (an older post) counts as not discussed
  const besproken = d.besproken === 'ja';
  if (d.besproken !== undefined && d.besproken !== 'ja' && d.besproken !== 'nee') errors.push(nl.errors.invalidPayload);
  const comment = d.toelichting?.trim();
  if (comment && comment.length > LIMITS.comment) errors.push(fmt(nl.errors.tooLong, { max: LIMITS.comment, length: comment.length }));
  let endDate: string | undefined;
  const date = d.einddatum?.trim();
  if (date) {
    const dt = DateTime.fromISO(date, { zone: ZONE });
    if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.push(nl.afhandeling.form.einddatumOngeldig);
    else endDate = dt.endOf('day').toUTC().toISO() ?? undefined;
  }
  if (errors.length > 0) return { ok: false, errors: [...new Set(errors)] };
  return { ok: true, types, besproken, ...(comment ? { comment } : {}), ...(endDate ? { endDate } : {}) };
}

export function parseHandover(d: DecisionData) {
  return FunctionarisRoleSchema.safeParse(d.overdragenAan ?? '');
}
