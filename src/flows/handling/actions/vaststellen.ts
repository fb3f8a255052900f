import { transition } from '../../../domain/incident.js';
import { validateDecision } from '../../../domain/measures.js';
import { nl } from '../../../shared/i18n/nl.js';
import { parseDecision } from '../decision-input.js';
import { mutation, type HandlingAction } from './act.js';

/** Maatregelen vaststellen: the form checked against the profile, the decision stored with who made it. */
export const vaststellen: HandlingAction = {
  verb: 'afhandeling.vaststellen',
  build: ({ services, act }, verb) =>
    act(verb, (incident, data, input, actor) => {
      const parsed = parseDecision(data);
      if (!parsed.ok) return { ok: false, outcome: 'ongeldig', errors: parsed.errors };
      const decision = { types: parsed.types, besproken: parsed.besproken, ...(parsed.comment ? { comment: parsed.comment } : {}), ...(parsed.endDate ? { endDate: parsed.endDate } : {}) };
      const errors = validateDecision(decision, incident, services.profile, input.now);
      if (errors.length > 0) return { ok: false, outcome: 'ongeldig', errors };
      const decidedBy = { aadObjectId: actor.aadObjectId, name: actor.name.slice(0, 200) };
      return mutation(transition(incident, { type: 'vaststellen', decision: { ...decision, decidedBy } }, input.now, services.profile), nl.afhandeling.vastgesteld);
    }),
};
