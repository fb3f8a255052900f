import { recordEvaluatie } from '../../../domain/evaluatie.js';
import { nl } from '../../../shared/i18n/nl.js';
import { mayEvaluate } from '../access.js';
import type { Gate } from '../admit.js';
import type { HandlingAction } from './act.js';
import { personOf } from './taak.js';

/** The evaluation of a closed melding, by whom `mayEvaluate` admits; checked on the server, never from the card. */
export const evalueren: HandlingAction = {
  verb: 'afhandeling.evalueren',
  build: ({ services, access, act }, verb) => {
    const gate: Gate = {
      allowed: (incident, actor) => mayEvaluate(services, incident, actor.aadObjectId),
      refused: access.refused,
    };
    return act(verb, (incident, data, input, actor) => {
      const result = recordEvaluatie(incident, data, personOf(actor), input.now);
      if (!result.ok) return { ok: false, outcome: 'ongeldig', errors: result.messages };
      return { ok: true, incident: result.incident, events: [], banner: nl.evaluatie.vastgelegd };
    }, { gate });
  },
};
