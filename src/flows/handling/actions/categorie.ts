import { z } from 'zod';
import { meldingTermijnen } from '../../../domain/aanvulling.js';
import { meldplichtFor } from '../../../domain/classify.js';
import { CategorySchema } from '../../../domain/types.js';
import { nl } from '../../../shared/i18n/nl.js';
import type { HandlingAction } from './act.js';
import { personOf } from './taak.js';

const a = nl.afhandeling.aanvulling;
const ChosenSchema = z.object({ categorie: CategorySchema });

/**
 * A handler settles the category (a short melding's proposal, or the melder's choice): the
 * meldplicht, the proposed maatregelen and the deadlines follow it. Only the melding's handlers,
 * only while it is open; audited with the category as its subject.
 */
export const categorie: HandlingAction = {
  verb: 'afhandeling.categorie',
  build: ({ services, act }, verb) =>
    act(verb, (incident, data, input, actor) => {
      if (incident.state === 'afgesloten') return { ok: false, outcome: 'niet-toegestaan' };
      const parsed = ChosenSchema.safeParse(data);
      if (!parsed.success) return { ok: false, outcome: 'ongeldig', errors: [a.ongeldig] };
      const value = parsed.data.categorie;
      // answers not given yet (a short melding): not corrected, not persistent, as when it was filed
      const answers = incident.answers ?? { gecorrigeerd: false, aanhoudend: false };
      const changed = {
        ...incident,
        chosenCategory: value,
        categorieVastgesteld: { value, by: personOf(actor), at: input.now.toISOString() },
        meldplicht: meldplichtFor(value, answers, services.profile.reportingRule),
      };
      return { ok: true, incident: { ...changed, deadlines: meldingTermijnen(changed, services.profile) }, events: [], banner: a.bijgewerkt, subject: value };
    }, { retryOnConflict: true }),
};
