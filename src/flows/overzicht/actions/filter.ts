import { z } from 'zod';
import { nl } from '../../../shared/i18n/nl.js';
import { refuse } from '../../common.js';
import { viewerOf } from '../access.js';
import { overzichtCard } from '../card.js';
import { StatusFilterSchema } from '../rows.js';
import type { OverzichtAction } from './context.js';

const FilterDataSchema = z.object({ status: StatusFilterSchema.default('alle') }).loose();

/** The status filter: the overview again, with only the meldingen of the chosen status. */
export const filter: OverzichtAction = {
  verb: 'overzicht.filter',
  build: ({ services, deps }) => async (input, actor, raw) => {
    const access = await viewerOf(services, input, actor);
    if (!access.ok) return access.answer;
    const parsed = FilterDataSchema.safeParse(raw);
    if (!parsed.success) return refuse(nl.errors.invalidPayload);
    return overzichtCard(services, deps, access.viewer, parsed.data.status, input.now);
  },
};
