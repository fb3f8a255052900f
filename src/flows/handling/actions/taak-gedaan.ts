import { recordTaak } from '../../../domain/tasks.js';
import { nl } from '../../../shared/i18n/nl.js';
import type { HandlingAction } from './act.js';
import { personOf, taakMutation } from './taak.js';

/** Gedaan on a task of the checklist: recorded with who ticked it and when. */
export const taakGedaan: HandlingAction = {
  verb: 'afhandeling.taakGedaan',
  build: ({ services, act }, verb) =>
    act(verb, (incident, data, input, actor) => {
      const id = data.taak?.trim() ?? '';
      return taakMutation(recordTaak(incident, services.profile, { id, state: 'gedaan' }, personOf(actor), input.now), nl.taken.bijgewerkt, id);
    }, { retryOnConflict: true }),
};
