import { AMBTSDRAGER_ROLES, type Role } from '../../domain/types.js';
import { peopleWithRole } from '../../flows/handling/access.js';
import { enqueueBericht, enqueuePost, GemeldPayloadSchema, JOB } from '../../flows/handling/effects.js';
import { defineJob } from '../handlers.js';
import { loadIncident, type HandlingJobContext } from './context.js';

const isAmbtsdrager = (role: Role): boolean => (AMBTSDRAGER_ROLES as readonly string[]).includes(role);

/**
 * A new melding fans out into one job per effect: the card in the primary handler's channel,
 * the card in the coordinator's channel, and a 1:1 notice to each informed party. Informed
 * parties who are themselves ambtsdragers hear of it only with the melder's consent.
 */
export function gemeldJob(c: HandlingJobContext) {
  return defineJob({
    type: JOB.gemeld,
    schema: GemeldPayloadSchema,
    async handle({ orgId, incidentId }) {
      const { value: incident } = await loadIncident(c, orgId, incidentId);
      const primary = incident.routing.handlers[0];
      if (primary) await enqueuePost(c.services, incident.id, { kind: 'channel', role: primary });
      await enqueuePost(c.services, incident.id, { kind: 'channel', role: 'coordinator' });
      const skip = new Set([incident.melder.aadObjectId.toLowerCase(), ...incident.handlerIds.map((h) => h.toLowerCase())]);
      for (const role of incident.routing.informed) {
        if (isAmbtsdrager(role) && !incident.impact.toestemmingInformeren) continue;
        for (const id of peopleWithRole(c.services, role)) {
          if (skip.has(id.toLowerCase())) continue;
          await enqueueBericht(c.services, { incidentId: incident.id, aadObjectId: id, kind: 'geinformeerd' });
        }
      }
    },
  });
}
