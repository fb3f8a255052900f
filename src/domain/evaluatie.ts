import { toAmsterdam, type InstantInput } from './calendar.js';
import { ERNST, HERHALINGSRISICO, LIMITS, TREND, type Evaluatie, type Incident, type PersonRef } from './incident-schema.js';
import { fmt, nl } from '../shared/i18n/nl.js';

export interface EvaluatieInput {
  ernst?: string | undefined;
  herhalingsrisico?: string | undefined;
  trend?: string | undefined;
  oorzaak?: string | undefined;
  verbeteringen?: string | undefined;
}

export type EvaluatieResult = { ok: true; incident: Incident } | { ok: false; messages: string[] };

const oneOf = <T extends string>(options: readonly T[], value: string | undefined): T | undefined => options.find((o) => o === value);

/**
 * Records the evaluation of a closed melding, once: the three choices are required, the two
 * texts optional and bounded. Every problem is named, so the form can show them all at once.
 */
export function recordEvaluatie(incident: Incident, input: EvaluatieInput, by: PersonRef, now: InstantInput): EvaluatieResult {
  const e = nl.evaluatie;
  if (incident.state !== 'afgesloten') return { ok: false, messages: [e.nogNietAfgesloten] };
  if (incident.evaluatie) return { ok: false, messages: [e.alGeevalueerd] };
  const ernst = oneOf(ERNST, input.ernst);
  const herhalingsrisico = oneOf(HERHALINGSRISICO, input.herhalingsrisico);
  const trend = oneOf(TREND, input.trend);
  const oorzaak = (input.oorzaak ?? '').trim();
  const verbeteringen = (input.verbeteringen ?? '').trim();
  const messages = [
    ...(ernst ? [] : [e.kiesErnst]),
    ...(herhalingsrisico ? [] : [e.kiesRisico]),
    ...(trend ? [] : [e.kiesTrend]),
    ...(oorzaak.length > LIMITS.comment || verbeteringen.length > LIMITS.comment ? [fmt(e.teLang, { max: LIMITS.comment })] : []),
  ];
  if (!ernst || !herhalingsrisico || !trend || messages.length > 0) return { ok: false, messages };
  const evaluatie: Evaluatie = { ernst, herhalingsrisico, trend, oorzaak, verbeteringen, by, at: toAmsterdam(now).toUTC().toISO() ?? '' };
  return { ok: true, incident: { ...incident, evaluatie } };
}
