import { toAmsterdam } from '../../domain/calendar.js';
import { formatDutch } from '../../domain/format.js';
import type { Incident } from '../../domain/incident-schema.js';
import { beperkendeMaatregelen } from '../../domain/pleger-brief.js';
import { meldingTaken } from '../../domain/tasks.js';
import { literal, renderCard } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { Services } from '../services.js';
import type { CardJson } from '../types.js';

export const PIECE_ID = 'pleger-brief';

const isObject = (v: unknown): v is CardJson => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the letter form shows besides the stored letter: a fresh link, or what was typed and why it was refused. */
export interface PieceExtra {
  link?: string;
  errors?: string[];
  values?: { feiten?: string | undefined; gronden?: string | undefined; ingang?: string | undefined; zienswijze?: string | undefined };
}

function piece(incident: Incident, services: Services, extra: PieceExtra): CardJson | undefined {
  const stored = incident.plegerBrief;
  const values = extra.values ?? {};
  const hoor = meldingTaken(incident, services.profile).find((t) => t.kind === 'hoor-en-wederhoor');
  const card = renderCard('pleger-brief', {
    incidentId: incident.id,
    nietGehoord: hoor?.state === 'open',
    errors: (extra.errors ?? []).map((text) => ({ text })),
    link: extra.link ?? '',
    eerder: stored ? fmt(nl.pleger.kaart.eerder, { name: literal(stored.by.name ?? ''), date: formatDutch(stored.at) }) : '',
    feiten: literal(values.feiten ?? stored?.feiten ?? ''),
    gronden: literal(values.gronden ?? stored?.gronden ?? ''),
    ingang: values.ingang ?? (stored ? (toAmsterdam(stored.ingang).toISODate() ?? '') : ''),
    zienswijze: literal(values.zienswijze ?? stored?.zienswijze ?? ''),
  });
  const body = card['body'];
  const first: unknown = Array.isArray(body) ? body[0] : undefined;
  return isObject(first) ? first : undefined;
}

/**
 * The letter to the pleger on the handler's view of the melding card, once a restrictive measure
 * is decided: a piece of its own (cards/pleger-brief.json) at the end of the card's body, or in
 * place of the one already there. Who may make the letter is checked again when it is made.
 */
export function withPlegerBrief(card: CardJson, incident: Incident, services: Services, handler: boolean, extra: PieceExtra = {}): CardJson {
  if (!handler || beperkendeMaatregelen(incident, services.profile).length === 0) return card;
  const body = card['body'];
  const made = piece(incident, services, extra);
  if (!Array.isArray(body) || !made) return card;
  const at = body.findIndex((x: unknown) => isObject(x) && x['id'] === PIECE_ID);
  card['body'] = at >= 0 ? body.map((x: unknown, i) => (i === at ? made : x)) : [...body, made];
  return card;
}
