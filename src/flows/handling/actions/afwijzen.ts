import { transition } from '../../../domain/incident.js';
import { nl } from '../../../shared/i18n/nl.js';
import { mutation, type HandlingAction } from './act.js';

/** Afwijzen: closes an undecided melding, with the handler's reason. */
export const afwijzen: HandlingAction = {
  verb: 'afhandeling.afwijzen',
  build: ({ services, act }, verb) =>
    act(verb, (incident, data, input) => {
      const reason = data.reden?.trim() ?? '';
      if (reason === '') return { ok: false, outcome: 'ongeldig', errors: [nl.afhandeling.form.redenNodig] };
      return mutation(transition(incident, { type: 'afwijzen', reason }, input.now, services.profile), nl.afhandeling.afgewezen);
    }),
};
