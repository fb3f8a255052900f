import { z } from 'zod';
import { deadlineStatus } from '../../domain/deadlines.js';
import { OPEN_STATES, type Incident } from '../../domain/incident-schema.js';
import { roleLabel } from '../../domain/route.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { isHandler } from '../handling/access.js';
import { openDeadlines } from '../handling/kaart-view.js';
import type { HandlingAgenda } from '../handling/ports.js';
import { deadlineLine } from '../handling/view.js';
import type { Services } from '../services.js';
import { weigh, type Weighed } from './progress.js';
import { openTimedTasks, taskLines } from './tasks.js';

const o = nl.overzicht;

export const StatusFilterSchema = z.enum(['alle', ...OPEN_STATES]);
export type StatusFilter = z.infer<typeof StatusFilterSchema>;

/** The coordinator's own verb to open a melding's card they do not handle (see actions/openen.ts). */
export const OPEN_VERB = 'overzicht.openen';
/** A handler opens their melding as from its card in the channel: the first to open it takes it in behandeling. */
export const HANDLER_OPEN_VERB = 'afhandeling.openen';

/** Teams refuses a message above about 28 KB: 25 rows of two deadlines measured 27 KB, so 15 leave room for the tasks. */
export const MAX_ROWS = 15;

/** Who looks: the coordinator sees every open melding they are informed of, a handler only those they handle. */
export interface Viewer {
  aadObjectId: string;
  scope: 'alles' | 'eigen';
}

/** One melding on the overview: numbers, category, status, roles and deadlines; never what happened or who did it. */
export interface OverzichtRow {
  incidentId: string;
  title: string;
  status: string;
  handler: string;
  next: string;
  nextColor: string;
  overdue: { text: string }[];
  tasks: { text: string }[];
  verb: string;
}

/**
 * The earliest deadline the card shows as still to be met, its open tasks' included: the most
 * overdue one, else the nearest. A melding without one comes last.
 */
function urgency(services: Services, { incident, progress }: Weighed): number {
  const due = [
    ...openDeadlines(incident, progress).map((d) => d.dueBy),
    ...openTimedTasks(services, incident, progress).flatMap((t) => (t.dueBy ? [t.dueBy] : [])),
  ].map((d) => Date.parse(d));
  return due.length > 0 ? Math.min(...due) : Number.POSITIVE_INFINITY;
}

/** The coordinator sees what they are informed of (every melding, unless the profile calls them in on request); anyone sees what they handle. */
export function maySee(services: Services, viewer: Viewer, incident: Incident): boolean {
  return (viewer.scope === 'alles' && incident.routing.coordinator) || isHandler(services, incident, viewer.aadObjectId);
}

function byUrgency(a: Weighed & { urgency: number }, b: Weighed & { urgency: number }): number {
  if (a.urgency !== b.urgency) return a.urgency < b.urgency ? -1 : 1;
  return a.incident.reportedAt.localeCompare(b.incident.reportedAt) || a.incident.number.localeCompare(b.incident.number);
}

function handlerText(services: Services, incident: Incident): string {
  const primary = incident.routing.handlers[0];
  const role = primary ? roleLabel(services.profile, primary) : '';
  const names = incident.handlerIds
    .filter((id) => isHandler(services, incident, id))
    .map((id) => services.people.get(id)?.name)
    .filter((n): n is string => !!n);
  return names.length > 0 ? fmt(o.behandelaar, { role, names: names.join(', ') }) : fmt(o.behandelaarZonderNaam, { role });
}

function row(services: Services, { incident, progress }: Weighed, viewer: Viewer, now: Date): OverzichtRow {
  const deadlines = openDeadlines(incident, progress).map((d) => ({ d, state: deadlineStatus(d, now).state, line: deadlineLine(d, now) }));
  const text = (line: { title: string; value: string }): string => fmt(o.termijn, { label: line.title, due: line.value });
  const upcoming = deadlines.filter((x) => x.state !== 'overdue').sort((a, b) => a.d.dueBy.localeCompare(b.d.dueBy))[0];
  return {
    incidentId: incident.id,
    title: fmt(o.regel, { number: incident.number, category: nl.category.label[incident.chosenCategory] }),
    status: fmt(o.status, { status: nl.incident.status[incident.state] }),
    handler: handlerText(services, incident),
    next: upcoming ? fmt(o.volgende, { deadline: text(upcoming.line) }) : o.geenTermijn,
    nextColor: upcoming?.line.color ?? 'Default',
    overdue: deadlines.filter((x) => x.state === 'overdue').map((x) => ({ text: fmt(o.verlopen, { deadline: text(x.line) }) })),
    tasks: taskLines(services, incident, progress, now).map((t) => ({ text: t })),
    verb: isHandler(services, incident, viewer.aadObjectId) ? HANDLER_OPEN_VERB : OPEN_VERB,
  };
}

/**
 * Of `incidents` (the open meldingen, as the store's listOpen reads them), those the viewer may see
 * with the chosen status, most urgent first, at most
 * MAX_ROWS. A deadline met as the card and the reminders say (deadlineMet: a booked conversation,
 * a decision, a task ticked off) is neither listed nor ranked by; the bookings are read only for
 * the meldingen this viewer may see.
 */
export async function overzichtRows(
  services: Services,
  agenda: Pick<HandlingAgenda, 'bookingsFor'> | undefined,
  incidents: readonly Incident[],
  viewer: Viewer,
  filter: StatusFilter,
  now: Date,
): Promise<{ rows: OverzichtRow[]; more: number }> {
  const visible = incidents
    .filter((i) => filter === 'alle' || i.state === filter)
    .filter((i) => maySee(services, viewer, i));
  const ranked = (await weigh(services, agenda, visible)).map((w) => ({ ...w, urgency: urgency(services, w) })).sort(byUrgency);
  return { rows: ranked.slice(0, MAX_ROWS).map((w) => row(services, w, viewer, now)), more: Math.max(0, ranked.length - MAX_ROWS) };
}
