import { createHash } from 'node:crypto';
import type { Pleger } from '../domain/incident-schema.js';

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
    if (text !== '') return createHash('sha256').update(`${kind}:${text}`).digest('hex').slice(0, 40);
  }
  return undefined;
}
