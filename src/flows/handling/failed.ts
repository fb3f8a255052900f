import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { formatDutch } from '../../domain/format.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { refuse, show } from '../common.js';
import type { ActionHandler, CommandHandler } from '../router.js';
import type { Services } from '../services.js';
import type { TurnResult } from '../types.js';

const m = nl.afhandeling.mislukt;

/** A job parked as failed, as the job queue lists it (ids, a type and an error code; no content). */
export interface FailedJob {
  key: string;
  type: string;
  attempts: number;
  lastError: string;
  parkedAt: string;
  incidentId?: string | undefined;
}

/** The part of the job queue the coordinator uses (implemented by src/jobs/job-queue.ts). */
export interface FailedJobs {
  listFailed(): Promise<FailedJob[]>;
  /** false when the key was not (or no longer) parked */
  retryFailed(key: string): Promise<boolean>;
}

export const RETRY_VERB = 'afhandeling.opnieuw';
const MAX_LISTED = 20;

const RetryDataSchema = z.object({ key: z.string().min(1).max(400) }).loose();

export function taskLabel(type: string): string {
  return m.taken[type] ?? fmt(m.onbekendeTaak, { type: type.slice(0, 100) });
}

/** Coordinators and administrators, by Entra object id from the people directory. */
export function mayManageJobs(services: Services, aadObjectId: string): boolean {
  return services.people.hasRole(aadObjectId, 'coordinator') || services.people.isAdmin(aadObjectId);
}

/** " (melding 2026-0012)" when the job names a melding that still exists, else nothing. */
export async function meldingSuffix(services: Services, incidentId: string | undefined): Promise<string> {
  if (incidentId === undefined) return '';
  const found = await services.store.incidents.get(services.orgId, incidentId);
  return found ? fmt(m.melding, { number: found.value.number }) : '';
}

export function failedJobsFlow(services: Services, jobs: FailedJobs): { actions: Record<string, ActionHandler>; commands: Record<string, CommandHandler> } {
  const list = async (banner?: string): Promise<TurnResult> => {
    const failed = await jobs.listFailed();
    const newest = failed.slice(-MAX_LISTED).reverse();
    const items = await Promise.all(
      newest.map(async (job) => ({
        title: fmt(m.regel, { task: taskLabel(job.type), melding: await meldingSuffix(services, job.incidentId) }),
        detail: fmt(m.details, { code: job.lastError, attempts: job.attempts, date: formatDutch(job.parkedAt) }),
        key: job.key,
      })),
    );
    const more = failed.length - newest.length;
    return show(renderCard('mislukte-taken', { banner: banner ?? '', items, more: more > 0 ? fmt(m.meer, { count: more }) : '' }));
  };

  const mislukt: CommandHandler = async (_input, actor) => {
    if (!mayManageJobs(services, actor.aadObjectId)) {
      services.logger.warn({ actor: actor.aadObjectId }, 'failed jobs refused: not a coordinator');
      return refuse(m.geweigerd);
    }
    return list();
  };

  const opnieuw: ActionHandler = async (_input, actor, raw) => {
    if (!mayManageJobs(services, actor.aadObjectId)) {
      services.logger.warn({ actor: actor.aadObjectId, verb: RETRY_VERB }, 'retry refused: not a coordinator');
      return refuse(m.geweigerd);
    }
    const parsed = RetryDataSchema.safeParse(raw);
    if (!parsed.success) return refuse(nl.errors.invalidPayload);
    const retried = await jobs.retryFailed(parsed.data.key);
    services.logger.info({ actor: actor.aadObjectId, verb: RETRY_VERB, retried }, 'failed job retry');
    return list(retried ? m.opnieuwGelukt : m.opnieuwNiet);
  };

  return { actions: { [RETRY_VERB]: opnieuw }, commands: { mislukt } };
}
