import { z } from 'zod';
import { GESPREK_KINDS } from '../../../agenda/gesprek-ics.js';
import { nl } from '../../../shared/i18n/nl.js';
import type { BookingRun } from './booking.js';

const t = nl.agenda.melding;
const GesprekSchema = z.enum(GESPREK_KINDS);

/** Pleger uitnodigen: only for a gesprek, to a valid address, and only when the handler confirmed it. */
export const uitnodigen: BookingRun = async (agenda, item, p, raw) => {
  const kind = GesprekSchema.safeParse(item.kind);
  if (!kind.success) return { ok: false, outcome: 'ongeldig', error: t.geenAfspraak };
  const email = z.email().max(254).safeParse(String(raw[`email_${item.kind}`] ?? '').trim());
  if (!email.success) return { ok: false, outcome: 'ongeldig', error: t.emailOngeldig };
  if (raw[`bevestig_${item.kind}`] !== 'ja') return { ok: false, outcome: 'ongeldig', error: t.bevestigNodig };
  await agenda.uitnodigen(p.incidentId, kind.data, email.data);
  return { ok: true, banner: t.uitgenodigd };
};
