import type { Draft } from '../draft.js';

/** The ambtsdrager's name when the melder reports for someone else: the questions then ask about them by name. */
export function namensNaam(draft: Draft): string | undefined {
  return draft.wie?.namens && draft.wie.ambtsdragerName ? draft.wie.ambtsdragerName : undefined;
}
