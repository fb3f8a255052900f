import { peopleWithRole } from '../../flows/handling/access.js';
import { enqueueBericht, enqueuePost, followUpNewMelding, GemeldPayloadSchema, JOB } from '../../flows/handling/effects.js';
import { defineJob } from '../../shared/jobs.js';
import { loadIncident } from '../../store/load-incident.js';
import type { HandlingJobContext } from './context.js';

/**
 * A new melding fans out into one job per effect: the nazorg booking and the deadline timers, the card in the primary handler's channel,
 * the card in the coordinator's channel, and a 1:1 notice (number only, no content) to each
 * informed party the protocol's routing table names (e.g. the burgemeester for a raadslid), and
 * to the informed parties that need the melder's consent only when it was given. The coordinator's
 * card only when the profile informs the coordinator of every melding. A melding from a council
 * meeting also goes, as a card in the 1:1 chat, to the voorzitter and the griffier who decide on the
 * aangifte of the ordeverstoring: they are no readers of the handler's channel.
 */
export function gemeldJob(c: HandlingJobContext) {
  return defineJob({
    type: JOB.gemeld,
    schema: GemeldPayloadSchema,
    async handle({ orgId, incidentId }) {
      const { value: incident } = await loadIncident(c.services.store.incidents, orgId, incidentId);
      await followUpNewMelding(c.services, incident);
      const primary = incident.routing.handlers[0];
      if (primary) await enqueuePost(c.services, incident.id, { kind: 'channel', role: primary });
      if (incident.routing.coordinator) await enqueuePost(c.services, incident.id, { kind: 'channel', role: 'coordinator' });
      const melder = incident.melder.aadObjectId.toLowerCase();
      for (const id of c.services.people.idsWithAnyRole(incident.routing.vergadering ?? [])) {
        if (id.toLowerCase() !== melder) await enqueuePost(c.services, incident.id, { kind: 'person', aadObjectId: id });
      }
      const skip = new Set([melder, ...incident.handlerIds.map((h) => h.toLowerCase())]);
      const { informed, informedWithConsent } = incident.routing;
      for (const role of incident.impact?.toestemmingInformeren ? [...informed, ...informedWithConsent] : informed) {
        for (const id of peopleWithRole(c.services, role)) {
          if (skip.has(id.toLowerCase())) continue;
          await enqueueBericht(c.services, { incidentId: incident.id, aadObjectId: id, kind: 'geinformeerd' });
        }
      }
    },
  });
}
