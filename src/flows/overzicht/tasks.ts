import type { Incident } from '../../domain/incident-schema.js';

/**
 * The open and overdue tasks of a melding on the overview, one line each, shown under its
 * deadlines. The protocol's tasks per melding (issue 12, section 1) are built separately: when
 * they exist, this is where the overview reads them. Until then a melding has none.
 */
export type TaskLines = (incident: Incident, now: Date) => string[];

export const taskLines: TaskLines = () => [];
