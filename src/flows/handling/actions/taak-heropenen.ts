import { reopenTaak } from '../../../domain/tasks.js';
import { nl } from '../../../shared/i18n/nl.js';
import type { HandlingAction } from './act.js';
import { taakMutation } from './taak.js';

/** "Toch nog open" on a ticked task: it is open again (and reminded again); the history keeps both clicks. */
export const taakHeropenen: HandlingAction = {
  verb: 'afhandeling.taakHeropenen',
  build: (ctx, verb) =>
    ctx.act(verb, (incident, data) => {
      const id = data.taak?.trim() ?? '';
      return taakMutation(reopenTaak(incident, id), nl.taken.heropend, id);
    }, { retryOnConflict: true }),
};
