import { nl } from '../../../shared/i18n/nl.js';
import { messageCard, show } from '../../common.js';
import { handlerAccess, load } from '../../handling/admit.js';
import { CardRefSchema } from '../../handling/decision-input.js';
import { viewerOf } from '../access.js';
import { maySee, OPEN_VERB } from '../rows.js';
import type { OverzichtAction } from './context.js';

/**
 * Opens a melding's card from the overview for the coordinator, who reads every melding but
 * handles none of them (the afhandeling's own Behandelen would refuse them). Only shows: nothing
 * changes, so nothing is audited. A handler gets their own view; anyone else sees nothing of it.
 */
export const openen: OverzichtAction = {
  verb: OPEN_VERB,
  build: ({ services, deps }) => {
    const { render } = handlerAccess(services, deps);
    return async (input, actor, raw) => {
      const access = await viewerOf(services, input, actor);
      if (!access.ok) return access.answer;
      const loaded = await load(services, CardRefSchema, raw);
      if (!loaded.ok) return loaded.answer;
      const incident = loaded.found.value;
      if (!maySee(services, access.viewer, incident)) {
        services.logger.warn({ actor: actor.aadObjectId, incident: incident.id, verb: OPEN_VERB }, 'not allowed; refused');
        return show(messageCard(nl.afhandeling.weigering, { style: 'attention', home: false }));
      }
      services.logger.info({ actor: actor.aadObjectId, incident: incident.id, verb: OPEN_VERB }, 'melding opened from the overview');
      return render(incident, actor, input.now);
    };
  },
};
