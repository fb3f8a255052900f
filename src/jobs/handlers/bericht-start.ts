import { BERICHT_START_JOB, BerichtStartSchema } from '../../flows/bericht/effects.js';
import { evidenceCard } from '../../flows/bericht/view.js';
import { DraftSchema } from '../../flows/report/draft.js';
import { stepCard } from '../../flows/report/view.js';
import { defineJob, PermanentError } from '../../shared/jobs.js';
import { sendToPerson, type HandlingJobContext } from './context.js';

/**
 * Opens a melding started from a Teams message in the person's own 1:1 chat: first the message as
 * kept, then the step the draft is at (read from the store, so a step taken meanwhile shows).
 * Never the conversation the message came from. A draft gone or replaced meanwhile: nothing to send.
 */
export function berichtStartJob(c: HandlingJobContext) {
  return defineJob({
    type: BERICHT_START_JOB,
    schema: BerichtStartSchema,
    async handle(m, job) {
      const found = await c.services.store.drafts(DraftSchema).get(m.orgId, m.aadObjectId);
      if (!found || found.value.id !== m.draftId) return;
      const draft = found.value;
      const { evidence } = draft;
      if (!evidence) return;
      const actor = { aadObjectId: m.aadObjectId, name: draft.melderName };
      const step = stepCard(draft, draft.step, { services: c.services, actor, now: c.now() });
      const noChat = () => Promise.reject(new PermanentError('no-conversation-known'));
      const delivery = { job, several: true };
      await sendToPerson(c, delivery, m.orgId, m.aadObjectId, { type: 'card', card: evidenceCard(evidence) }, noChat);
      await sendToPerson(c, delivery, m.orgId, m.aadObjectId, { type: 'card', card: step }, noChat);
    },
  });
}
