import { CardJobSchema, JOB } from '../../flows/handling/effects.js';
import { defineJob } from '../handlers.js';
import { cardFor, loadIncident, type HandlingJobContext } from './context.js';

/** Re-renders a posted card from the stored melding and edits it in place; idempotent by nature. */
export function updateJob(c: HandlingJobContext) {
  return defineJob({
    type: JOB.bijwerken,
    schema: CardJobSchema,
    async handle({ orgId, incidentId, target }) {
      const record = await c.deps.posts.get(orgId, incidentId, target);
      // not posted yet: the post job renders the current state itself
      if (!record) return;
      const { value } = await loadIncident(c, orgId, incidentId);
      await c.messenger.update(record, await cardFor(c, value, target));
    },
  });
}
