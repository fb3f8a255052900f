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

/** how long an answer is reused: a melding's card renders again for every target of every update */
export const ELDERS_TTL_MS = 60_000;
/** answers kept per organisation at most: one per melding rendered within the minute */
const MAX_CACHED = 500;

/**
 * The port of one organisation, or none when it did not consent: both sides must have, so an
 * organisation that does not share is neither asked nor told. One port per organisation per
 * process; it keeps each answer, by the melding's key set, for ELDERS_TTL_MS, so a count may lag
 * a melding filed elsewhere by that much.
 */
export function plegerEldersFor(
  index: Pick<PlegerIndex, 'holdsAny'>,
  deelnemers: readonly Deelnemer[],
  orgId: string,
  now: () => number = Date.now,
): PlegerElders | undefined {
  if (!deelnemers.some((d) => d.id === orgId)) return undefined;
  const others = deelnemers.filter((d) => d.id !== orgId);
  if (others.length === 0) return undefined;
  const cached = new Map<string, { at: number; names: Promise<string[]> }>();
  const ask = async (keys: readonly string[]): Promise<string[]> => {
    const holds = await Promise.all(others.map((d) => index.holdsAny(d.id, keys)));
    return others
      .filter((_, i) => holds[i])
      .map((d) => d.name)
      .sort((a, b) => a.localeCompare(b, 'nl'));
  };
  return {
    bekendBij(keys) {
      if (keys.length === 0) return Promise.resolve([]);
      const id = [...keys].sort().join(',');
      const hit = cached.get(id);
      if (hit && now() - hit.at < ELDERS_TTL_MS) return hit.names;
      cached.delete(id);
      for (const [k, v] of cached) if (cached.size >= MAX_CACHED || now() - v.at >= ELDERS_TTL_MS) cached.delete(k);
      const names = ask(keys);
      cached.set(id, { at: now(), names });
      // a failed answer is asked again by the next render
      names.catch(() => cached.delete(id));
      return names;
    },
  };
}
