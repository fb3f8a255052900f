import { transition } from '../../../domain/incident.js';
import { roleLabel } from '../../../domain/route.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import { peopleWithRole } from '../access.js';
import { parseHandover } from '../decision-input.js';
import { mutation, type HandlingAction } from './act.js';

/** Overdragen: another handler role of the melding's routing takes it over (the domain decides whether it may). */
export const overdragen: HandlingAction = {
  verb: 'afhandeling.overdragen',
  build: ({ services, act }, verb) =>
    act(verb, (incident, data, input) => {
      const role = parseHandover(data);
      const handlerIds = role.success ? peopleWithRole(services, role.data) : [];
      const vergaderingIds = services.people.idsWithAnyRole(incident.routing.vergadering ?? []);
      const banner = role.success ? fmt(nl.afhandeling.overgedragen, { role: roleLabel(services.profile, role.data) }) : '';
      const event = { type: 'overdragen', to: data.overdragenAan ?? '', handlerIds, vergaderingIds } as const;
      return mutation(transition(incident, event, input.now, services.profile), banner);
    }),
};
