import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Config } from '../config.js';
import { GraphCalendar, type GraphCalendarOptions } from '../calendar/graph.js';
import { LocalCalendar } from '../calendar/local.js';
import type { CalendarPort } from '../calendar/port.js';
import type { TableClientFactory } from '../store/tables.js';

export const CALENDAR_TABLE = 'calendarevents';

export interface CalendarChoice {
  port: CalendarPort;
  /** Set in local mode: it also serves the .ics feeds. */
  local: LocalCalendar | undefined;
}

export interface CreateCalendarOptions {
  tables: TableClientFactory;
  /** Overrides the managed identity / DefaultAzureCredential (tests, a client secret). */
  credential?: TokenCredential;
  /** Retry tuning of the Graph adapter (tests: no real sleeping). */
  graph?: Partial<Pick<GraphCalendarOptions, 'sleep' | 'backoffMs' | 'maxAttempts' | 'maxWaitMs'>>;
  now?: () => Date;
}

/**
 * Config only allows http for a Graph on loopback (a local fake, for the bench and e2e tests):
 * it gets a fixed word, never a real token that would then travel unencrypted.
 */
const LOCAL_FAKE_CREDENTIAL: TokenCredential = {
  getToken: () => Promise.resolve({ token: 'lokaal-nep-graph', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/**
 * The managed identity named by AZURE_CLIENT_ID in Azure; otherwise DefaultAzureCredential,
 * which also picks up a client secret (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET).
 */
function graphCredential(config: Config): TokenCredential {
  if (new URL(config.graphBaseUrl).protocol === 'http:') return LOCAL_FAKE_CREDENTIAL;
  const clientId = config.storage.kind === 'account' ? config.storage.managedIdentityClientId : undefined;
  return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
}

/** LocalCalendar by default (CALENDAR_MODE=local), GraphCalendar with CALENDAR_MODE=graph. */
export function createCalendar(config: Config, options: CreateCalendarOptions): CalendarChoice {
  if (config.calendar === 'graph') {
    const port = new GraphCalendar({
      credential: options.credential ?? graphCredential(config),
      baseUrl: config.graphBaseUrl,
      ...options.graph,
    });
    return { port, local: undefined };
  }
  const local = new LocalCalendar(options.tables(CALENDAR_TABLE), options.now ? { now: options.now } : {});
  return { port: local, local };
}
