import type { Incident } from '../../domain/incident-schema.js';
import { meldingTaken } from '../../domain/tasks.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { taskTitle, taskWhen } from '../handling/taken-view.js';
import type { Services } from '../services.js';

/** The open tasks of a melding that have a deadline: what the overview ranks by and lists under its deadlines. */
export function openTimedTasks(services: Services, incident: Incident) {
  return meldingTaken(incident, services.profile).filter((t) => t.state === 'open' && t.dueBy !== undefined);
}

/** The open tasks of a melding with their deadline, one line each, as on the card's checklist. */
export function taskLines(services: Services, incident: Incident, now: Date): string[] {
  return openTimedTasks(services, incident).map((t) => fmt(nl.overzicht.taak, { taak: taskTitle(services, t), wanneer: taskWhen(t, now).text }));
}
