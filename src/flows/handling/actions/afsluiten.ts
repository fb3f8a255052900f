import { transition } from '../../../domain/incident.js';
import { nl } from '../../../shared/i18n/nl.js';
import { mutation, type HandlingAction } from './act.js';

/** Afsluiten: closes a melding whose maatregelen are decided. */
export const afsluiten: HandlingAction = {
  verb: 'afhandeling.afsluiten',
  build: ({ services, act }, verb) =>
    act(verb, (incident, _data, input) => mutation(transition(incident, { type: 'sluiten' }, input.now, services.profile), nl.afhandeling.afgesloten)),
};
