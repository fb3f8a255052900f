import { z } from 'zod';
import { recordTaak } from '../../../domain/tasks.js';
import { LIMITS } from '../../../domain/incident-schema.js';
import { nl } from '../../../shared/i18n/nl.js';
import { redenInputId } from '../taken-view.js';
import type { HandlingAction } from './act.js';
import { personOf, taakMutation } from './taak.js';

const Reason = z.string().max(LIMITS.comment * 4);

/** Niet nodig on a task of the checklist: only with the handler's reason, typed in that task's own field. */
export const taakNietNodig: HandlingAction = {
  verb: 'afhandeling.taakNietNodig',
  build: ({ services, act }, verb) =>
    act(verb, (incident, data, input, actor) => {
      const id = data.taak?.trim() ?? '';
      const reason = Reason.safeParse(data[redenInputId(id)]);
      if (!reason.success) return { ok: false, outcome: 'ongeldig', errors: [nl.taken.redenNodig] };
      const update = { id, state: 'niet-nodig' as const, reason: reason.data };
      return taakMutation(recordTaak(incident, services.profile, update, personOf(actor), input.now), nl.taken.bijgewerkt, id);
    }, { retryOnConflict: true }),
};
