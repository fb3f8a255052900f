/**
 * The bench's Graph mode (`--graph`): the bot books in Outlook through Microsoft Graph, here the
 * local fake Graph, and the bench counts what reached it per melding.
 */
import { FakeGraph } from '../test/support/fake-graph.js';

/**
 * The bot's setting for the Graph base URL with its version segment (default
 * https://graph.microsoft.com/v1.0; another cloud sets its own). The bench points it at the fake.
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
  /** live events in the fake's calendars */
  events: number;
  /** transactionIds held by more than one live event: a conversation booked twice */
  bookedTwice: number;
  /** pairs of live events of one organiser that overlap: a giver double-booked */
  overlaps: number;
}

export interface GraphMode {
  /** the bot's environment for Graph mode */
  env: Record<string, string>;
  counts(): GraphCounts;
  stop(): Promise<void>;
}

function booked(fake: FakeGraph): Pick<GraphCounts, 'events' | 'bookedTwice'> {
  const live = fake.events().filter((e) => !e.cancelled);
  const byTransaction = new Map<unknown, number>();
  for (const e of live) byTransaction.set(e.json['transactionId'], (byTransaction.get(e.json['transactionId']) ?? 0) + 1);
  return { events: live.length, bookedTwice: [...byTransaction.values()].filter((n) => n > 1).length };
}

export async function startGraphMode(throttleShare = 0): Promise<GraphMode> {
  const fake = await FakeGraph.start();
  if (throttleShare > 0) fake.throttle({ share: throttleShare, retryAfterSeconds: 1, where: 'both' });
  const base = fake.baseUrl.replace(/\/+$/, '');
  return {
    env: { CALENDAR_MODE: 'graph', [GRAPH_BASE_URL_ENV]: base.endsWith('/v1.0') ? base : `${base}/v1.0` },
    counts: () => ({
      requests: fake.requests.length,
      getSchedule: fake.operations.filter((o) => o.path.endsWith('/getSchedule')).length,
      batches: fake.requests.filter((r) => r.path === '/$batch').length,
      inBatch: fake.operations.filter((o) => o.inBatch).length,
      unauthorized: fake.requests.filter((r) => !/^Bearer \S+$/.test(r.headers.authorization ?? '')).length,
      throttled: fake.operations.filter((o) => o.status === 429).length,
      ...booked(fake),
      overlaps: fake.overlaps().length,
    }),
    stop: () => fake.stop(),
  };
}
