import { createAgenda, type Agenda } from '../../src/agenda/index.js';
import { loadAgendaConfig } from '../../src/agenda/config.js';
import type { GraphCalendarOptions } from '../../src/calendar/graph.js';
import { loadConfig } from '../../src/config.js';
import type { Incident } from '../../src/domain/incident-schema.js';
import type { JobHandler } from '../../src/shared/jobs.js';
import { RetryableError } from '../../src/shared/jobs.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import type { AzuriteHandle } from '../support/azurite.js';
import type { FakeGraph } from '../support/fake-graph.js';
import { testServices, type TestStack } from '../support/services.js';

/**
 * Booker instances as two App Service instances would run them: each its own services, agenda,
 * ledger and in-process state, all on one storage account (same tables, same organisation) and
 * one Graph. Jobs are run by calling their handlers, as each instance's worker would.
 */
export interface BookerInstance {
  stack: TestStack;
  agenda: Agenda;
  /** Runs the job as the worker would, again after a retryable failure (no sooner than its Retry-After). */
  run(type: string, payload: unknown): Promise<void>;
}

let setCounter = 0;

export async function startInstances(az: AzuriteHandle, count: number, o: {
  now: () => Date;
  fake: FakeGraph;
  agendaEnv?: Record<string, string>;
  graph?: Partial<Pick<GraphCalendarOptions, 'sleep' | 'maxAttempts' | 'backoffMs'>>;
}): Promise<BookerInstance[]> {
  const suffix = `i${++setCounter}${Date.now() % 10_000}`;
  const base = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
  const tables = (name: string) => base(`${name}${suffix}`);
  const instances: BookerInstance[] = [];
  let orgId: string | undefined;
  for (let i = 0; i < count; i++) {
    const stack = await testServices({ az });
    orgId ??= stack.services.orgId;
    stack.services.orgId = orgId;
    stack.services.config = loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString, CALENDAR_MODE: 'graph', GRAPH_BASE_URL: o.fake.baseUrl });
    const agenda = await createAgenda(stack.services, {
      tables,
      now: o.now,
      agendaConfig: loadAgendaConfig(o.agendaEnv ?? {}),
      graph: { sleep: () => Promise.resolve(), backoffMs: 10, ...o.graph },
    });
    const handlers = new Map<string, JobHandler<unknown>>();
    agenda.register({ register: (h) => handlers.set(h.type, h as unknown as JobHandler<unknown>) });
    instances.push({
      stack,
      agenda,
      async run(type, payload) {
        const handler = handlers.get(type);
        if (!handler) throw new Error(`no handler for ${type}`);
        const parsed = handler.schema.parse(payload);
        for (let attempt = 1; ; attempt++) {
          try {
            await handler.handle(parsed, { idempotencyKey: `${type}:${attempt}`, type, attempt, enqueuedAt: new Date().toISOString() });
            return;
          } catch (err) {
            if (!(err instanceof RetryableError) || attempt >= 20) throw err;
            await new Promise((r) => setTimeout(r, Math.min(err.retryAfterMs ?? 50, 1_000)));
          }
        }
      },
    });
  }
  return instances;
}

export async function storeIncidents(instance: BookerInstance, incidents: Incident[]): Promise<void> {
  for (const incident of incidents) await instance.stack.services.store.incidents.create(incident);
}
