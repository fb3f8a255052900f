import { peopleWithRole } from '../../flows/handling/access.js';
import { CardJobSchema, enqueueBericht, enqueuePost, JOB } from '../../flows/handling/effects.js';
import { targetKey, type Target } from '../../flows/handling/ports.js';
import type { FunctionarisRole } from '../../domain/types.js';
import { rosterCheckDue } from '../../domain/channel-readers.js';
import { recheckLink } from '../../flows/handling/channel-guard.js';
import { defineJob } from '../../shared/jobs.js';
import { loadIncident } from '../../store/load-incident.js';
import { cardFor, sendToPerson, viaRef, type HandlingJobContext } from './context.js';

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
    async handle({ orgId, incidentId, target }) {
      const { posts } = c.deps;
      if (await posts.get(orgId, incidentId, target)) return;
      const found = await loadIncident(c.services.store.incidents, orgId, incidentId);
      const incident = found.value;
      if (target.kind === 'channel') {
        let link = await c.services.store.channelLinks.get(orgId, target.role);
        if (!link) return fallback(c, incidentId, target.role, incident.handlerIds, 'kanaal-ontbreekt');
        // who can read it may have changed since the last look: check again when that is old
        if (!link.value.suspendedAt && rosterCheckDue(link.value.checkedAt, c.now())) {
          await recheckLink(c.services, c.deps, target.role, c.now());
          link = await c.services.store.channelLinks.get(orgId, target.role);
        }
        if (!link || link.value.suspendedAt) return fallback(c, incidentId, target.role, incident.handlerIds, 'kanaal-geschorst');
        const sameChannel = (await posts.list(orgId, incidentId)).find(
          (p) => p.target.kind === 'channel' && p.conversationRef.conversation.id === link.value.conversationRef.conversation.id,
        );
        if (sameChannel) {
          // e.g. handed over from griffier to plaatsvervangend griffier in the same griffie channel: one card there
          await posts.save({ ...sameChannel, target, postedAt: c.now().toISOString() });
          return;
        }
        const card = await cardFor(c, incident, target);
        await noteAttempt(c, orgId, incidentId, target);
        const posted = await c.messenger.post(link.value.conversationRef, { type: 'card', card });
        await posts.save({ ...posted, orgId, incidentId, target, postedAt: c.now().toISOString() });
      } else {
        const card = await cardFor(c, incident, target);
        const posted = await sendToPerson(
          c,
          orgId,
          target.aadObjectId,
          { type: 'card', card },
          () => viaRef(c, orgId, incident),
        );
        await posts.save({ ...posted, orgId, incidentId, target, postedAt: c.now().toISOString() });
      }
      // The melding may have changed while the card was on its way: an update job found no record then.
      const fresh = await c.services.store.incidents.get(orgId, incidentId);
      const record = await posts.get(orgId, incidentId, target);
      if (fresh && record && fresh.etag !== found.etag) {
        await c.messenger.update(record, await cardFor(c, fresh.value, target));
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

/**
 * The window this cannot close: Teams accepted the post, then the process died (or the answer
 * was lost: a timeout or 5xx after acceptance) before our record was stored. The retry posts
 * again and the channel shows the card twice. The Bot Connector has no idempotency key for
 * creating an activity (the service assigns the id; a client-set `id` is not used to dedupe)
 * and no way to search a channel for our earlier post, so a second card is the price of never
 * losing one. The attempt marker makes that rare case visible in the log (ids only) instead of silent.
 */
async function noteAttempt(c: HandlingJobContext, orgId: string, incidentId: string, target: Target): Promise<void> {
  const earlier = await c.deps.posts.beginAttempt(orgId, { incidentId, target, at: c.now().toISOString() });
  if (earlier) {
    c.services.logger.warn({ incident: incidentId, target: targetKey(target), earlierAttemptAt: earlier.at }, 'earlier post attempt ended unknown; this post may show twice');
  }
}
