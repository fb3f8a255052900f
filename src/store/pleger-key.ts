import { createHash } from 'node:crypto';
import type { Incident, Pleger } from '../domain/incident-schema.js';
import { matchValues } from '../domain/pleger-match.js';

function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A key that recognises the same pleger in a later melding ("first or repeated incident"),
 * from the name, else the contact detail, else the organisation. Hashed, so the index column
 * that queries filter on does not hold the name in clear. Undefined for an unknown pleger.
 */
export function plegerKeyOf(pleger: Pleger): string | undefined {
  if (!pleger.bekend) return undefined;
  const candidates: [string, string | undefined][] = [
    ['naam', pleger.naam],
    ['contact', pleger.contact],
    ['organisatie', pleger.organisatie],
  ];
  for (const [kind, value] of candidates) {
    const text = value === undefined ? '' : normalise(value);
    if (text !== '') return hashed(`${kind}:${text}`);
  }
  return undefined;
}

const hashed = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 40);

/** More keys than this on one melding are left out: each is a row written with every change of it. */
export const MAX_MATCH_KEYS = 8;

/**
 * Every key that recognises this melding's pleger in another melding: the pleger key, and each
 * e-mail address, social-media account and licence plate it names (domain/pleger-match.ts),
 * hashed like the pleger key. Not salted by organisation, so that the same pleger is counted
 * across the consenting organisations of one deployment (store/pleger-elders.ts).
 */
export function plegerMatchKeys(incident: Pick<Incident, 'pleger' | 'online'>): string[] {
  const keys = [plegerKeyOf(incident.pleger), ...matchValues(incident.pleger, incident.online).map((v) => hashed(`${v.kind}:${v.value}`))];
  return [...new Set(keys.filter((k): k is string => k !== undefined))].slice(0, MAX_MATCH_KEYS);
}
