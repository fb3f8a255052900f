import { z } from 'zod';
import type { FailedJobs } from '../flows/handling/failed.js';
import { PermanentError, type EffectQueue, type JobHandler, type JobRegistry } from '../shared/jobs.js';
import type { JobQueue } from './job-queue.js';
import type { ParkedJob } from './job-state.js';

/**
 * One queue and one worker for every organisation of a deployment. Each organisation registers
 * its own handlers (they hold its profile, people and channels); the worker runs, per job type,
 * the handler of the organisation the payload names. Each organisation enqueues under its own
 * key prefix, so keys that name no organisation (`bereikbaar:<day>`) stay apart, and the
 * coordinator's `mislukt` lists and retries only the own organisation's parked jobs.
 */

const OrgPayloadSchema = z.object({ orgId: z.string().min(1).max(100) }).loose();

/** The key prefix of an organisation's jobs; `@` begins no key the modules make themselves. */
export const orgKeyPrefix = (orgId: string): string => `@${orgId}:`;

/** The organisation a job key belongs to, by its prefix; undefined for a key without one. */
export function orgOfKey(key: string): string | undefined {
  return /^@([a-z0-9-]{2,40}):/.exec(key)?.[1];
}

/**
 * The organisation whose job a key is. A key without the prefix was made before the organisations
 * file was turned on, by the one organisation then served: `plainKeysOf` (docs/DEPLOY.md §12).
 */
function ownerOfKey(key: string, plainKeysOf: string | undefined): string | undefined {
  return key.startsWith('@') ? orgOfKey(key) : plainKeysOf;
}

export class OrgJobRouter {
  private readonly byType = new Map<string, Map<string, JobHandler<unknown>>>();

  /** Where one organisation registers its handlers. */
  registry(orgId: string): JobRegistry {
    return {
      register: <T>(handler: JobHandler<T>) => {
        const orgs = this.byType.get(handler.type) ?? new Map<string, JobHandler<unknown>>();
        if (orgs.has(orgId)) throw new Error(`A handler for ${handler.type} of ${orgId} is already registered`);
        // the dispatching handler parses the payload with handler.schema before calling handle, so T holds
        orgs.set(orgId, handler as unknown as JobHandler<unknown>);
        this.byType.set(handler.type, orgs);
      },
    };
  }

  /** The handlers of the one organisation straight on the worker, as they are. */
  registerEach(worker: JobRegistry, orgId: string): void {
    for (const orgs of this.byType.values()) {
      const handler = orgs.get(orgId);
      if (handler) worker.register(handler);
    }
  }

  /** One handler per job type on the worker, which hands each job to its organisation's handler. */
  registerOn(worker: JobRegistry, plainKeysOf?: string): void {
    for (const [type, orgs] of this.byType) {
      worker.register({
        type,
        schema: OrgPayloadSchema,
        async handle(payload, context) {
          const handler = orgs.get(payload.orgId);
          // a job of an organisation this deployment no longer serves: nobody can do it
          if (!handler) throw new PermanentError('invalid-payload');
          // the key says whose job it is too: a payload naming another organisation is refused, not run there
          const keyOrg = ownerOfKey(context.idempotencyKey, plainKeysOf);
          if (keyOrg !== undefined && keyOrg !== payload.orgId) throw new PermanentError('invalid-payload');
          const parsed = handler.schema.safeParse(payload);
          if (!parsed.success) throw new PermanentError('invalid-payload');
          await handler.handle(parsed.data, context);
        },
      });
    }
  }
}

/** The organisation's side of the queue: its jobs under its prefix, and only jobs that name it. */
export function orgEffects(queue: EffectQueue, orgId: string): EffectQueue {
  const prefix = orgKeyPrefix(orgId);
  return {
    enqueue: (job) => {
      const named = OrgPayloadSchema.safeParse(job.payload);
      if (!named.success || named.data.orgId !== orgId) return Promise.reject(new Error(`A ${job.type} job of ${orgId} names another organisation`));
      return queue.enqueue({ ...job, idempotencyKey: prefix + job.idempotencyKey });
    },
  };
}

/** The organisation's parked jobs, for its coordinator's `mislukt`; `plainKeysOf` as in ownerOfKey. */
export function orgFailedJobs(queue: Pick<JobQueue, 'listFailed' | 'retryFailed'>, orgId: string, plainKeysOf?: string): FailedJobs {
  const own = (key: string): boolean => ownerOfKey(key, plainKeysOf) === orgId;
  return {
    listFailed: async () => (await queue.listFailed()).filter((j) => own(j.key)),
    retryFailed: (key) => (own(key) ? queue.retryFailed(key) : Promise.resolve(false)),
  };
}

/**
 * Whether the worker has seen a job, asked with the key as the organisation's modules make it: under
 * its prefix, or for the organisation that made plain keys before, also as it was made then.
 */
export function orgSeen(state: { get(key: string): Promise<unknown> }, orgId: string, plainKeysOf?: string): { get(key: string): Promise<unknown> } {
  return {
    get: async (key) => (await state.get(orgKeyPrefix(orgId) + key)) ?? (plainKeysOf === orgId ? state.get(key) : undefined),
  };
}

/** The worker's onParked, handed to the organisation whose key it is. */
export function parkedByOrg(hooks: ReadonlyMap<string, (job: ParkedJob) => Promise<void>>, plainKeysOf?: string): (job: ParkedJob) => Promise<void> {
  return async (job) => {
    const orgId = ownerOfKey(job.key, plainKeysOf);
    const hook = orgId === undefined ? undefined : hooks.get(orgId);
    if (hook) await hook(job);
  };
}
