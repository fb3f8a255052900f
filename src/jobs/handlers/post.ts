import { peopleWithRole } from '../../flows/handling/access.js';
import { CardJobSchema, enqueueBericht, enqueuePost, JOB } from '../../flows/handling/effects.js';
import { targetKey, type Posted } from '../../flows/handling/ports.js';
import type { Reply } from '../../flows/types.js';
import type { FunctionarisRole } from '../../domain/types.js';
import { rosterCheckDue } from '../../domain/channel-readers.js';
import { recheckLink } from '../../flows/handling/channel-guard.js';
import { defineJob } from '../../shared/jobs.js';
import { loadIncident } from '../../store/load-incident.js';
import { cardFor, postTo, sendToPerson, viaRef, type HandlingJobContext } from './context.js';

/**
 * Posts the melding card to one target and stores where it landed, so updates edit that card.
 * A stored record means it was posted: a retry after a crash between the post and the job's
 * "done" finds it and does not post again. A role without a linked channel falls back to the
 * handler persons' 1:1 chats, and the coordinator is told the channel is missing.
 */
export function postJob(c: HandlingJobContext) {
  return defineJob({
    type: JOB.plaatsen,
    schema: CardJobSchema,
    async handle({ orgId, incidentId, target }, job) {
      const { posts } = c.deps;
      const delivery = { job, incidentId };
      if (await posts.get(orgId, incidentId, target)) return;
      const found = await loadIncident(c.services.store.incidents, orgId, incidentId);
      const incident = found.value;
      const card = async (): Promise<Reply> => ({ type: 'card', card: await cardFor(c, incident, target) });
      let posted: Posted;
      if (target.kind === 'channel') {
        let link = await c.services.store.channelLinks.get(orgId, target.role);
        if (!link) return fallback(c, incidentId, target.role, incident.handlerIds, 'kanaal-ontbreekt');
        // who can read it may have changed since the last look: check again when that is old
        if (!link.value.suspendedAt && rosterCheckDue(link.value.checkedAt, c.now())) {
          await recheckLink(c.services, c.deps, target.role, c.now());
          link = await c.services.store.channelLinks.get(orgId, target.role);
        }
        if (!link || link.value.suspendedAt) return fallback(c, incidentId, target.role, incident.handlerIds, 'kanaal-geschorst');
        const here = link.value.conversationRef;
        const sameChannel = (await posts.list(orgId, incidentId)).find(
          (p) => p.target.kind === 'channel' && p.conversationRef.conversation.id === here.conversation.id,
        );
        if (sameChannel) {
          // e.g. handed over from griffier to plaatsvervangend griffier in the same griffie channel: one card there
          await posts.save({ ...sameChannel, target, postedAt: c.now().toISOString() });
          return;
        }
        posted = await postTo(c, delivery, here, await card(), targetKey(target));
      } else {
        posted = await sendToPerson(c, delivery, orgId, target.aadObjectId, await card(), () => viaRef(c, orgId, incident));
      }
      const saved = await posts.save({ ...posted, orgId, incidentId, target, postedAt: c.now().toISOString() });
      if (saved === 'copy') {
        // another worker posted it too (its lease ran out while Teams was slow): both cards are kept up to date
        c.services.logger.warn({ key: job.idempotencyKey, incident: incidentId, target: targetKey(target) }, 'the card was posted twice to one target; both are updated from now on');
      }
      // The melding may have changed while the card was on its way: an update job did not know this card then.
      const fresh = await c.services.store.incidents.get(orgId, incidentId);
      if (fresh && fresh.etag !== found.etag) {
        await c.messenger.update(posted, await cardFor(c, fresh.value, target));
      }
    },
  });
}

async function fallback(
  c: HandlingJobContext,
  incidentId: string,
  role: FunctionarisRole,
  handlerIds: string[],
  kind: 'kanaal-ontbreekt' | 'kanaal-geschorst',
): Promise<void> {
  const coordinators = peopleWithRole(c.services, 'coordinator');
  if (role === 'coordinator') {
    for (const id of coordinators) await enqueuePost(c.services, incidentId, { kind: 'person', aadObjectId: id });
    return;
  }
  for (const id of handlerIds) await enqueuePost(c.services, incidentId, { kind: 'person', aadObjectId: id });
  for (const id of coordinators) await enqueueBericht(c.services, { incidentId, aadObjectId: id, kind, role });
  c.services.logger.warn({ incident: incidentId, role, reason: kind }, 'channel not usable; sent to handler persons');
}
