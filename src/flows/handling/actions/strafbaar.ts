import { setStrafbaarVermoed } from '../../../domain/tasks.js';
import { nl } from '../../../shared/i18n/nl.js';
import type { HandlingAction } from './act.js';
import { personOf, taakMutation } from './taak.js';

/** The handler changes "strafbaar feit vermoed": the police and aangifte tasks follow. */
export const strafbaar: HandlingAction = {
  verb: 'afhandeling.strafbaar',
  build: ({ services, act }, verb) =>
    act(verb, (incident, data, input, actor) => {
      const value = data.strafbaar === 'ja' ? true : data.strafbaar === 'nee' ? false : undefined;
      if (value === undefined) return { ok: false, outcome: 'ongeldig', errors: [nl.taken.strafbaarOngeldig] };
      return taakMutation(setStrafbaarVermoed(incident, services.profile, value, personOf(actor), input.now), nl.taken.strafbaarBijgewerkt);
    }, { retryOnConflict: true }),
};
