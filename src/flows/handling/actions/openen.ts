import { transition } from '../../../domain/incident.js';
import { admit } from '../admit.js';
import { DecisionDataSchema } from '../decision-input.js';
import { mutation, type HandlingAction } from './act.js';

/** Behandelen: the first handler to open a gemelde melding takes it in behandeling; after that it only shows the card. */
export const openen: HandlingAction = {
  verb: 'afhandeling.openen',
  build: ({ services, access, act }, verb) => {
    // Behandelen only moves the melding to "in behandeling": updating the card the handler just
    // opened would replace her form (clients without per-user refresh show the shared view).
    const behandelen = act(
      verb,
      (incident, _data, input) => mutation(transition(incident, { type: 'startBehandeling' }, input.now, services.profile), ''),
      { keepClickedCard: true },
    );
    return async (input, actor, raw) => {
      const admitted = await admit(services, access, DecisionDataSchema, { verb, input, actor, raw });
      if (!admitted.ok) return admitted.answer;
      return admitted.found.value.state === 'gemeld' ? behandelen(input, actor, raw) : access.render(admitted.found.value, actor, input.now);
    };
  },
};
