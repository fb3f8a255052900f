import { z } from 'zod';
import type { Incident } from '../../domain/incident-schema.js';
import { PHASES, type DueItem } from '../../domain/reminders.js';
import { DeadlineKindSchema, InstantSchema } from '../../domain/types.js';
import { deadlineMet } from '../../domain/deadlines.js';
import type { Services } from '../services.js';
import { deadlineProgress } from './kaart-view.js';
import type { HandlingDeps } from './ports.js';

/** The jobs of deadline watching: (re)arm a melding's timers, act on a fired timer, and one 1:1 message. */
export const TERMIJN_JOB = {
  plannen: 'termijnen.plannen',
  signaal: 'termijnen.signaal',
  bericht: 'termijnen.bericht',
} as const;

const ids = { orgId: z.string().min(1).max(100), incidentId: z.string().min(1).max(100) };
export const PlanSchema = z.object(ids);
export const SignaalSchema = z.object({ ...ids, kind: DeadlineKindSchema, phase: z.enum(PHASES), dueBy: InstantSchema });
export type Signaal = z.infer<typeof SignaalSchema>;
export const TermijnBerichtSchema = z.object({
  ...ids,
  kind: DeadlineKindSchema,
  dueBy: InstantSchema,
  aadObjectId: z.string().min(1).max(100),
  escalatie: z.boolean(),
});

/** "What is due for this melding, and is it still open": the one question the scheduler asks. */
export interface DueSource {
  dueFor(incident: Incident): Promise<DueItem[]>;
}

/** The nazorg giver: the first person holding one of the melding's nazorg roles who is not its receiver. */
function nazorgGiver(services: Services, incident: Incident): string[] {
  for (const role of incident.routing.nazorgGivers) {
    const giver = services.people.withRole(role).find((p) => p.aadObjectId !== incident.ambtsdrager.aadObjectId);
    if (giver) return [giver.aadObjectId];
  }
  return [];
}

/**
 * Today's answer, from the melding's own deadlines, met as `deadlineMet` says; a closed melding has
 * nothing open.
 */
export function deadlineDueSource(services: Services, deps: Pick<HandlingDeps, 'agenda'>): DueSource {
  return {
    async dueFor(incident) {
      const active = incident.state !== 'concept' && incident.state !== 'afgesloten';
      const bookings = active ? await deps.agenda?.bookingsFor(incident.id) : undefined;
      const progress = deadlineProgress(incident, services, bookings);
      return incident.deadlines
        .filter((d) => incident.impact?.nazorgGewenst || !d.kind.startsWith('nazorg'))
        .map((d) => ({
          kind: d.kind,
          dueBy: d.dueBy,
          notBefore: d.notBefore,
          owners: d.kind.startsWith('nazorg') ? nazorgGiver(services, incident) : incident.handlerIds,
          open: active && !deadlineMet(incident, d.kind, progress),
        }));
    },
  };
}

/**
 * Arms the melding's timers through a job, so a crash right after the change loses nothing.
 * `version` tells changes apart (the stored ETag's hash); the same version twice plans once.
 */
export const planKey = (incidentId: string, version: string): string => `termijnen:${incidentId}:${version}`;

export function enqueuePlan(services: Services, incident: Pick<Incident, 'id'>, version: string): Promise<void> {
  return services.effects.enqueue({
    type: TERMIJN_JOB.plannen,
    idempotencyKey: planKey(incident.id, version),
    payload: { orgId: services.orgId, incidentId: incident.id },
  });
}
