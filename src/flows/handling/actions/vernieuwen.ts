import { load } from '../admit.js';
import { DecisionDataSchema } from '../decision-input.js';
import type { HandlingAction } from './act.js';

/** Universal Actions' refresh: each person gets their own view; nothing changes. */
export const vernieuwen: HandlingAction = {
  verb: 'afhandeling.vernieuwen',
  build: ({ services, access }) => async (input, actor, raw) => {
    const loaded = await load(services, DecisionDataSchema, raw);
    return loaded.ok ? access.view(loaded.found.value, actor, input) : loaded.answer;
  },
};
