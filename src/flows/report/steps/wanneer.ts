import { DateTime } from 'luxon';
import { ZONE } from '../../../domain/deadlines.js';
import { LIMITS } from '../../../domain/incident-schema.js';
import { KANALEN, type Kanaal } from '../../../domain/types.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import type { Values } from '../fields.js';
import { fail, type FormStep } from './form-step.js';
import { localDate, parseLocal } from './local-time.js';
import { namensNaam } from './namens.js';

const m = nl.melding;

function kanaalText(k: Kanaal, naam: string | undefined): string {
  return k === 'thuis' && naam ? fmt(m.wanneer.thuisNamens, { naam }) : m.wanneer.kanalen[k];
}

export const wanneer: FormStep = {
  title: m.wanneer.title,
  fields: (d, ctx) => [
    { id: 'datum', kind: 'date', label: m.wanneer.datum, required: true, max: localDate(ctx.now) },
    { id: 'tijd', kind: 'time', label: m.wanneer.tijd, required: true },
    {
      id: 'kanaal', kind: 'choice', label: m.wanneer.kanaal, required: true,
      choices: KANALEN.map((k) => ({ title: kanaalText(k, namensNaam(d)), value: k })),
    },
    { id: 'locatie', kind: 'text', label: m.wanneer.locatie, required: true, maxLength: LIMITS.shortText, help: m.wanneer.locatieHelp },
  ],
  values: (d) => {
    const at = d.wanneer ? DateTime.fromISO(d.wanneer.occurredAt).setZone(ZONE) : undefined;
    return {
      datum: at?.toISODate() ?? '',
      tijd: at?.toFormat('HH:mm') ?? '',
      kanaal: d.wanneer?.kanaal ?? '',
      locatie: d.wanneer?.locatie ?? '',
    };
  },
  apply: (d, v, ctx) => {
    const moment = readMoment(v, ctx.now);
    if (!moment.ok) return fail({ datum: moment.error });
    return {
      ok: true,
      draft: { ...d, wanneer: { ...moment.value, kanaal: v['kanaal'] as Kanaal, locatie: v['locatie'] ?? '' } },
    };
  },
};

/** The moment of the incident from the fields `datum` and `tijd` (Amsterdam clock), checked; the short path reads it too. */
export function readMoment(v: Values, now: Date): { ok: true; value: { occurredAt: string; longAgo: boolean } } | { ok: false; error: string } {
  const at = parseLocal(v['datum'] ?? '', v['tijd'] ?? '');
  if (!at) return { ok: false, error: m.wanneer.errDatum };
  if (at.year < 2000) return { ok: false, error: m.wanneer.errAbsurd };
  // A minute of slack for clocks that differ between phone and server.
  if (at.toMillis() > now.getTime() + 60_000) return { ok: false, error: m.wanneer.errToekomst };
  const longAgo = now.getTime() - at.toMillis() > 365 * 24 * 3_600_000;
  return { ok: true, value: { occurredAt: at.toUTC().toISO() ?? '', longAgo } };
}
