import { z } from 'zod';
import type { Incident } from '../../domain/incident-schema.js';
import { renderCard } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { messageCard, show } from '../common.js';
import type { ActionHandler } from '../flow-module.js';
import { isInformedCoordinator } from '../handling/access.js';
import { auditor, handlerAccess, load } from '../handling/admit.js';
import type { HandlingDeps } from '../handling/ports.js';
import type { Services } from '../services.js';
import type { Actor, TurnResult } from '../types.js';
import { enqueueWissen } from './jobs.js';

const w = nl.avg.wissen;
const IdSchema = z.object({ incidentId: z.uuid() });

export const WISSEN_ACTIONS = {
  vragen: 'avg.wissen.vragen',
  bevestigen: 'avg.wissen.bevestigen',
  terug: 'avg.wissen.terug',
} as const;

const note = (text: string, style: 'attention' | 'good' = 'attention'): TurnResult => show(messageCard(text, { style, home: false }));

/**
 * Early erasure on request, by the coordinator only: checked on the server by Entra object id in
 * the people directory (and the melding must have been shown to them), never from the card. A
 * confirmation card first says what goes and what stays; the erasure itself is the same durable
 * job as the retention term's, under the same key, so it runs once whoever asks first.
 */
export function wissenActions(services: Services, deps: HandlingDeps): Record<string, ActionHandler> {
  const coordinator = services.profile.coordinatorLabel;
  const access = handlerAccess(services, deps);
  const allowed = (incident: Incident, actor: Actor): boolean => isInformedCoordinator(services, incident, actor.aadObjectId);

  const gated = (verb: string, then: (incident: Incident, actor: Actor, now: Date) => Promise<TurnResult>): ActionHandler =>
    async (input, actor, raw) => {
      // an erased melding answers with its erased card here already
      const loaded = await load(services, IdSchema, raw);
      if (!loaded.ok) return loaded.answer;
      const incident = loaded.found.value;
      if (!allowed(incident, actor)) {
        services.logger.warn({ actor: actor.aadObjectId, incident: incident.id, verb }, 'erasure refused: not the coordinator');
        await auditor(services, verb, actor, input.now)(incident, 'geweigerd');
        return note(fmt(w.geweigerd, { coordinator }));
      }
      if (incident.state !== 'afgesloten') return note(fmt(w.nietAfgesloten, { nummer: incident.number }));
      return then(incident, actor, input.now);
    };

  return {
    [WISSEN_ACTIONS.vragen]: gated(WISSEN_ACTIONS.vragen, async (incident) =>
      show(renderCard('avg-wissen', {
        titel: fmt(w.titel, { nummer: incident.number }),
        wat: w.wat.map((text) => ({ text })),
        incidentId: incident.id,
      }))),
    [WISSEN_ACTIONS.bevestigen]: gated(WISSEN_ACTIONS.bevestigen, async (incident, actor, now) => {
      await auditor(services, 'avg.wissen.verzoek', actor, now)(incident, 'ok');
      await enqueueWissen(services, incident, 'verzoek', now);
      services.logger.info({ actor: actor.aadObjectId, incident: incident.id }, 'erasure requested');
      return note(fmt(w.gestart, { nummer: incident.number }), 'good');
    }),
    [WISSEN_ACTIONS.terug]: async (input, actor, raw) => {
      const loaded = await load(services, IdSchema, raw);
      if (!loaded.ok) return loaded.answer;
      return access.view(loaded.found.value, actor, input);
    },
  };
}
