import { randomUUID } from 'node:crypto';
import type { Incident } from '../../src/domain/incident-schema.js';
import { anIncident } from '../domain/fixtures.js';

let seq = 0;

/** `n` meldingen reported at `reportedAt`, with these changes. */
export function meldingen(n: number, reportedAt: string, changes: Partial<Incident> = {}): Incident[] {
  return Array.from({ length: n }, () =>
    anIncident('gemeld', { id: randomUUID(), number: `${reportedAt.slice(0, 4)}-${String(++seq).padStart(4, '0')}`, reportedAt, ...changes }),
  );
}
