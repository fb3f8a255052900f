import { z } from 'zod';
import { nl } from '../../shared/i18n/nl.js';
import { refuse } from '../common.js';
import type { ActionHandler } from '../router.js';
import type { Services } from '../services.js';
import { isHandler } from './access.js';
import { enqueuePost } from './effects.js';
import { channelRef } from './links.js';

const IncidentRefSchema = z.object({ incidentId: z.string().min(1).max(100) }).loose();

/**
 * In a suspended channel someone reads along who may not: a click there must not put anything
 * new on the card (an Action.Execute answer replaces the card for every reader). The handler
 * gets the melding in a 1:1 card instead and acts there.
 */
export function unlessSuspended(services: Services, actions: Record<string, ActionHandler>): Record<string, ActionHandler> {
  const guarded: Record<string, ActionHandler> = {};
  for (const [verb, handler] of Object.entries(actions)) {
    guarded[verb] = async (input, actor, data) => {
      if (input.conversation.kind !== 'channel') return handler(input, actor, data);
      const channelId = channelRef(input.conversation.ref).conversation.id;
      const links = await services.store.channelLinks.list(services.orgId);
      if (!links.some((l) => l.suspendedAt && l.conversationRef.conversation.id === channelId)) return handler(input, actor, data);
      const ref = IncidentRefSchema.safeParse(data);
      const found = ref.success ? await services.store.incidents.get(services.orgId, ref.data.incidentId) : undefined;
      if (found && isHandler(services, found.value, actor.aadObjectId)) {
        await enqueuePost(services, found.value.id, { kind: 'person', aadObjectId: actor.aadObjectId });
      }
      services.logger.info({ actor: actor.aadObjectId, verb }, 'action in a suspended channel refused');
      return refuse(nl.afhandeling.geschorst.actie);
    };
  }
  return guarded;
}
