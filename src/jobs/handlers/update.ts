import { peopleWithRole } from '../../flows/handling/access.js';
import { CardJobSchema, enqueuePost, JOB } from '../../flows/handling/effects.js';
import { defineJob } from '../../shared/jobs.js';
import { loadIncident } from '../../store/load-incident.js';
import { cardFor, type HandlingJobContext } from './context.js';

/** Re-renders a posted card from the stored melding and edits it in place; idempotent by nature. */
export function updateJob(c: HandlingJobContext) {
  return defineJob({
    type: JOB.bijwerken,
    schema: CardJobSchema,
    async handle({ orgId, incidentId, target }) {
      // the first record and its copies, read once: the card and any copy of it the target received (see PostRepository.save)
      const posted = await c.deps.posts.allOf(orgId, incidentId, target);
      const [record] = posted;
      // not posted yet: the post job renders the current state itself
      if (!record) return;
      if (target.kind === 'channel') {
        // a suspended channel has a reader the protocol does not name: it hears nothing new
        const link = await c.services.store.channelLinks.get(orgId, target.role);
        const here = link?.value.conversationRef.conversation.id === record.conversationRef.conversation.id;
        if (link?.value.suspendedAt && here) {
          // ...so its handlers follow the melding in a 1:1 card instead (once; later changes update that card)
          const { value } = await loadIncident(c.services.store.incidents, orgId, incidentId);
          const ids = target.role === 'coordinator' ? peopleWithRole(c.services, 'coordinator') : value.handlerIds;
          for (const id of ids) await enqueuePost(c.services, incidentId, { kind: 'person', aadObjectId: id });
          c.services.logger.info({ incident: incidentId, role: target.role }, 'channel suspended; card not updated there, sent 1:1');
          return;
        }
      }
      const { value: incident } = await loadIncident(c.services.store.incidents, orgId, incidentId);
      const card = await cardFor(c, incident, target);
      for (const each of posted) await c.messenger.update(each, card);
    },
  });
}
