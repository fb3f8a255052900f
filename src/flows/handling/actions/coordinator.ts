import { callInCoordinator } from '../../../domain/coordinator.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import type { HandlingAction } from './act.js';
import { personOf } from './taak.js';

/** The handler calls in the coordinator (profiles that inform them on request): the coordinator's channel gets the card. */
export const coordinatorInschakelen: HandlingAction = {
  verb: 'afhandeling.coordinator',
  build: ({ services, act }, verb) =>
    act(verb, (incident, _data, input, actor) => {
      const result = callInCoordinator(incident, personOf(actor), input.now);
      if (!result.ok) return { ok: false, outcome: 'ongeldig', errors: [result.message] };
      const banner = fmt(nl.afhandeling.coordinatorIngeschakeld, { coordinator: services.profile.coordinatorLabel });
      return { ok: true, incident: result.incident, events: result.events, banner };
    }, { retryOnConflict: true }),
};
