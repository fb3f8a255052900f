import type { z } from 'zod';
import type { Incident } from '../domain/incident-schema.js';
import type { IncidentRepository, Versioned } from '../store/ports.js';
import { PermanentError } from './errors.js';

export interface JobContext {
  /**
   * The job's idempotency key. A handler whose effect leaves our process (a Teams post, an
   * Outlook invite) passes it on or checks it first, so that a retry after a crash between
   * "effect done" and "job marked done" does not repeat the effect.
   */
  idempotencyKey: string;
  type: string;
  /** 1 for the first run */
  attempt: number;
  enqueuedAt: string;
}

export interface JobHandler<T> {
  type: string;
  /** the payload is parsed with it before `handle` runs; a payload that fails is parked at once */
  schema: z.ZodType<T>;
  handle(payload: T, context: JobContext): Promise<void>;
}

/** Helps TypeScript infer T from the schema when a handler is written as an object literal. */
export function defineJob<T>(handler: JobHandler<T>): JobHandler<T> {
  return handler;
}

/**
 * The melding a job's payload names, with its ETag. One that is not stored (deleted, or a
 * payload from another deployment) will not appear by retrying: the job is parked.
 */
export async function loadIncident(incidents: Pick<IncidentRepository, 'get'>, orgId: string, incidentId: string): Promise<Versioned<Incident>> {
  const found = await incidents.get(orgId, incidentId);
  if (!found) throw new PermanentError('incident-not-found');
  return found;
}
