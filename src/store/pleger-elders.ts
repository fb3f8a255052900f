import type { PlegerIndex } from './pleger-index.js';

/** An organisation of the deployment that consented to the pleger signal across organisations. */
export interface Deelnemer {
  id: string;
  /** the name its coordinator's colleagues elsewhere see: an organisation, not a melding */
  name: string;
}

/**
 * The pleger signal across the organisations of one deployment, as one organisation may ask it:
 * which other consenting organisations know a pleger by any of these keys. Their names, and
 * nothing of their meldingen (no id, number, count or content). Flows get this port, never the
 * index of another organisation.
 */
export interface PlegerElders {
  /** the names of the other organisations whose meldingen name one of these keys, sorted */
  bekendBij(keys: readonly string[]): Promise<string[]>;
}

/**
 * The port of one organisation, or none when it did not consent: both sides must have, so an
 * organisation that does not share is neither asked nor told.
 */
export function plegerEldersFor(index: Pick<PlegerIndex, 'holdsAny'>, deelnemers: readonly Deelnemer[], orgId: string): PlegerElders | undefined {
  if (!deelnemers.some((d) => d.id === orgId)) return undefined;
  const others = deelnemers.filter((d) => d.id !== orgId);
  if (others.length === 0) return undefined;
  return {
    async bekendBij(keys) {
      if (keys.length === 0) return [];
      const holds = await Promise.all(others.map((d) => index.holdsAny(d.id, keys)));
      return others
        .filter((_, i) => holds[i])
        .map((d) => d.name)
        .sort((a, b) => a.localeCompare(b, 'nl'));
    },
  };
}
