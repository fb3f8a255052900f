import type { DeadlineProgress } from '../../domain/deadlines.js';
import type { Incident } from '../../domain/incident-schema.js';
import { meldingTaken } from '../../domain/tasks.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { taskDue } from '../handling/kaart-view.js';
import { taskTitle, taskWhen } from '../handling/taken-view.js';
import type { Services } from '../services.js';

/**
 * The open tasks of a melding whose deadline is not yet met: what the overview ranks by and lists
 * under its deadlines. A task whose deadline is met (a herstelgesprek booked) is on the card
 * without a deadline, so not here.
 */
export function openTimedTasks(services: Services, incident: Incident, progress: DeadlineProgress) {
  const due = taskDue(incident, progress);
  return meldingTaken(incident, services.profile).filter((t) => t.state === 'open' && t.dueBy !== undefined && due(t.id));
}

/** The open tasks of a melding with their deadline, one line each, as on the card's checklist. */
export function taskLines(services: Services, incident: Incident, progress: DeadlineProgress, now: Date): string[] {
  return openTimedTasks(services, incident, progress).map((t) => fmt(nl.overzicht.taak, { taak: taskTitle(services, t), wanneer: taskWhen(t, now).text }));
}
