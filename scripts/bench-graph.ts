/**
 * The bench's Graph mode (`--graph`): the bot books in Outlook through Microsoft Graph, here the
 * local fake Graph, and the bench counts what reached it per melding.
 */
import { FakeGraph } from '../test/support/fake-graph.js';

/**
 * The bot's setting for the Graph base URL (default https://graph.microsoft.com; also what a
 * national cloud sets). The bench starts the bot with it pointed at the fake.
 */
export const GRAPH_BASE_URL_ENV = 'GRAPH_BASE_URL';

export interface GraphCounts {
  /** HTTP requests that reached the fake */
  requests: number;
  getSchedule: number;
  batches: number;
  /** operations inside $batch envelopes */
  inBatch: number;
  /** answered 401: the bot had no token the fake accepts */
  unauthorized: number;
  /** answered 429 */
  throttled: number;
}

export interface GraphMode {
  /** the bot's environment for Graph mode */
  env: Record<string, string>;
  counts(): GraphCounts;
  stop(): Promise<void>;
}

export async function startGraphMode(): Promise<GraphMode> {
  const fake = await FakeGraph.start();
  return {
    env: { CALENDAR_MODE: 'graph', [GRAPH_BASE_URL_ENV]: fake.baseUrl },
    counts: () => ({
      requests: fake.requests.length,
      getSchedule: fake.operations.filter((o) => o.path.endsWith('/getSchedule')).length,
      batches: fake.requests.filter((r) => r.path === '/$batch').length,
      inBatch: fake.operations.filter((o) => o.inBatch).length,
      unauthorized: fake.requests.filter((r) => !/^Bearer \S+$/.test(r.headers.authorization ?? '')).length,
      throttled: fake.operations.filter((o) => o.status === 429).length,
    }),
    stop: () => fake.stop(),
  };
}
