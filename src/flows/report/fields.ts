import { z } from 'zod';
import { fmt, nl } from '../../shared/i18n/nl.js';

/** One input on a step card. The same definition renders the input and parses what comes back. */
export interface FieldDef {
  id: string;
  kind: 'text' | 'textarea' | 'choice' | 'dropdown' | 'multi' | 'yesno' | 'date' | 'time';
  label: string;
  required: boolean;
  maxLength?: number;
  choices?: { title: string; value: string }[];
  placeholder?: string;
  help?: string;
  /** for dates: the latest allowed (yyyy-mm-dd) */
  max?: string;
}

export type Values = Record<string, string>;
export type Errors = Record<string, string>;

const DEFAULT_MAX = 200;
/** Anything larger is refused as a whole before it is looked at (100 KB of text, say). */
const RAW_VALUE_LIMIT = 20_000;

/** Card data is untrusted: every input is optional text; unknown keys are ignored. */
const RawSchema = z.record(z.string(), z.unknown());

export interface ReadResult {
  values: Values;
  errors: Errors;
}

function yesNoChoices() {
  return [
    { title: nl.common.yes, value: 'ja' },
    { title: nl.common.no, value: 'nee' },
  ];
}

export function choicesOf(field: FieldDef): { title: string; value: string }[] {
  return field.kind === 'yesno' ? yesNoChoices() : (field.choices ?? []);
}

/**
 * Reads and checks every field: length, required, allowed choice, date/time form.
 * A value that is not text (a tampered payload) counts as missing-and-wrong, never as a crash.
 */
export function readFields(fields: FieldDef[], data: unknown): ReadResult {
  const parsed = RawSchema.safeParse(data);
  const raw = parsed.success ? parsed.data : {};
  const values: Values = {};
  const errors: Errors = {};
  for (const f of fields) {
    const v = raw[f.id];
    const given = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    const length = given.length;
    let text = length > RAW_VALUE_LIMIT ? given.slice(0, RAW_VALUE_LIMIT) : given;
    text = f.kind === 'textarea' ? text.replace(/\r\n/g, '\n').trim() : text.trim();
    const max = f.maxLength ?? DEFAULT_MAX;
    if (text.length > max) {
      errors[f.id] = fmt(nl.errors.tooLong, { max, length: Math.max(length, text.length) });
      values[f.id] = text.slice(0, max);
      continue;
    }
    values[f.id] = text;
    if (text === '') {
      if (f.required) errors[f.id] = nl.common.required;
      continue;
    }
    const allowed = choicesOf(f).map((c) => c.value);
    if (f.kind === 'choice' || f.kind === 'dropdown' || f.kind === 'yesno') {
      if (!allowed.includes(text)) {
        errors[f.id] = nl.errors.invalidPayload;
        values[f.id] = '';
      }
    } else if (f.kind === 'multi') {
      const picked = text.split(',').map((s) => s.trim()).filter(Boolean);
      if (picked.some((p) => !allowed.includes(p))) {
        errors[f.id] = nl.errors.invalidPayload;
        values[f.id] = picked.filter((p) => allowed.includes(p)).join(',');
      }
    } else if (f.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      errors[f.id] = nl.melding.wanneer.errDatum;
    } else if (f.kind === 'time' && !/^\d{2}:\d{2}(:\d{2})?$/.test(text)) {
      errors[f.id] = nl.melding.wanneer.errTijd;
    }
  }
  return { values, errors };
}

export const yes = (v: string | undefined): boolean => v === 'ja';
export const yesNo = (b: boolean | undefined): string => (b === undefined ? '' : b ? 'ja' : 'nee');

/** Field data for the step template: every key present, so the template needs no null checks. */
export function fieldView(f: FieldDef, value: string, error: string) {
  return {
    id: f.id,
    kind: f.kind === 'yesno' ? 'choice' : f.kind,
    label: f.label,
    value,
    required: f.required,
    requiredMessage: nl.common.required,
    maxLength: f.maxLength ?? DEFAULT_MAX,
    placeholder: f.placeholder ?? '',
    help: f.help ?? '',
    error,
    max: f.max ?? '',
    choices: choicesOf(f),
  };
}
