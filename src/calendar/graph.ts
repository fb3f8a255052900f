import type { TokenCredential } from '@azure/identity';
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { DEFAULT_GRAPH_BASE_URL } from '../config.js';
import { parseRetryAfter } from '../shared/http.js';
import {
  busyFromSchedule, CreatedEventSchema, graphUtc, ScheduleResponseSchema, toGraphEvent, toGraphPatch,
} from './graph-mapping.js';
import {
  createGraphClient, errorFor, isTransient, send, type GraphReply,
} from './graph-transport.js';
import {
  CalendarError, type CalendarEvent, type CalendarEventPatch, type CalendarPort, type CreatedEvent, type CreateItem,
  type Interval,
} from './port.js';

export interface GraphCalendarOptions {
  credential: TokenCredential;
  /** Graph with its version (GRAPH_BASE_URL): default https://graph.microsoft.com/v1.0; tests point it at a local fake. */
  baseUrl?: string;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per request (and rounds per $batch) before a CalendarError. */
  maxAttempts?: number;
  /** First backoff for 5xx without Retry-After; doubles per attempt. */
  backoffMs?: number;
  /** A longer Retry-After is not waited out here: the queue retries later instead. */
  maxWaitMs?: number;
}

const BATCH_LIMIT = 20;
const SCHEDULE_INTERVAL_MINUTES = 15;
/**
 * The longest span one getSchedule answers: a longer one fails with ErrorTimeIntervalTooBig
 * ("The allowed limit = 62 days"). Callers that keep inside it need one call.
 */
export const SCHEDULE_SPAN_MS = 62 * 24 * 3_600_000;

const BatchResponseSchema = z.object({
  responses: z.array(z.object({
    id: z.string(),
    status: z.number().int(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
  })),
});

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers?.[key];
}

const enc = encodeURIComponent;

export class GraphCalendar implements CalendarPort {
  private readonly client: Client;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;

  constructor(options: GraphCalendarOptions) {
    this.client = createGraphClient(options.credential, options.baseUrl ?? DEFAULT_GRAPH_BASE_URL);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxAttempts = options.maxAttempts ?? 4;
    this.backoffMs = options.backoffMs ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /**
   * How long to wait before the next attempt, or the error to surface. Throttling
   * or an outage past the budget is thrown, not swallowed: the queue worker retries later.
   */
  private nextWait(operation: string, reply: Pick<GraphReply, 'status' | 'body'>, retryAfterMs: number | undefined, attempt: number): number {
    const wait = retryAfterMs ?? this.backoffMs * 2 ** (attempt - 1);
    if (!isTransient(reply.status)) throw errorFor(operation, reply.status, reply.body);
    if (attempt >= this.maxAttempts || wait > this.maxWaitMs) throw errorFor(operation, reply.status, reply.body, wait);
    return wait;
  }

  private async call(operation: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, headers?: Record<string, string>): Promise<GraphReply> {
    for (let attempt = 1; ; attempt++) {
      const reply = await send(this.client, method, path, body, headers);
      if (reply.status >= 200 && reply.status < 300) return reply;
      await this.sleep(this.nextWait(operation, reply, parseRetryAfter(reply.headers.get('retry-after')), attempt));
    }
  }

  async getBusy(mailboxes: string[], window: Interval): Promise<Map<string, Interval[]>> {
    const result = new Map<string, Interval[]>(mailboxes.map((m) => [m, []]));
    const first = mailboxes[0];
    if (first === undefined) return result;
    for (let from = window.start.getTime(); from < window.end.getTime(); from += SCHEDULE_SPAN_MS) {
      const span = { start: new Date(from), end: new Date(Math.min(from + SCHEDULE_SPAN_MS, window.end.getTime())) };
      const reply = await this.call('getSchedule', 'POST', `/users/${enc(first)}/calendar/getSchedule`, {
        schedules: mailboxes,
        startTime: graphUtc(span.start),
        endTime: graphUtc(span.end),
        availabilityViewInterval: SCHEDULE_INTERVAL_MINUTES,
      }, { Prefer: 'outlook.timezone="UTC"' });
      const parsed = ScheduleResponseSchema.safeParse(reply.body);
      if (!parsed.success) throw new CalendarError('unavailable', 'unreadable getSchedule response');
      for (const info of parsed.data.value) {
        const mailbox = mailboxes.find((m) => m.toLowerCase() === info.scheduleId.toLowerCase());
        if (mailbox === undefined) continue;
        if (info.error) throw new CalendarError('not-found', `getSchedule: ${info.error.responseCode ?? 'error'} for a mailbox`);
        result.get(mailbox)?.push(...busyFromSchedule(info, span, SCHEDULE_INTERVAL_MINUTES));
      }
    }
    return result;
  }

  async createEvent(organiser: string, event: CalendarEvent, idempotencyKey: string): Promise<{ eventId: string }> {
    const reply = await this.call('createEvent', 'POST', `/users/${enc(organiser)}/events`, toGraphEvent(event, idempotencyKey));
    return { eventId: this.eventIdOf(reply.body) };
  }

  async createEvents(organiser: string, items: CreateItem[]): Promise<CreatedEvent[]> {
    const ids = new Map<number, string>();
    for (let i = 0; i < items.length; i += BATCH_LIMIT) {
      await this.createBatch(organiser, items.map((item, index) => ({ item, index })).slice(i, i + BATCH_LIMIT), ids);
    }
    return items.map((item, index) => {
      const eventId = ids.get(index);
      if (eventId === undefined) throw new CalendarError('unavailable', 'batch left an event unanswered');
      return { idempotencyKey: item.idempotencyKey, eventId };
    });
  }

  /** One $batch; afterwards only the throttled or failed items go again, after their Retry-After. */
  private async createBatch(organiser: string, chunk: Array<{ item: CreateItem; index: number }>, ids: Map<number, string>): Promise<void> {
    let pending = chunk;
    for (let round = 1; ; round++) {
      const reply = await this.call('createEvents', 'POST', '/$batch', {
        requests: pending.map(({ item, index }) => ({
          id: String(index),
          method: 'POST',
          url: `/users/${enc(organiser)}/events`,
          headers: { 'Content-Type': 'application/json' },
          body: toGraphEvent(item.event, item.idempotencyKey),
        })),
      });
      const parsed = BatchResponseSchema.safeParse(reply.body);
      if (!parsed.success) throw new CalendarError('unavailable', 'unreadable $batch response');
      const byId = new Map(parsed.data.responses.map((r) => [r.id, r]));
      const again: typeof pending = [];
      let retryAfterMs: number | undefined;
      let worst = { status: 0, body: undefined as unknown };
      for (const p of pending) {
        const r = byId.get(String(p.index));
        const status = r?.status ?? 0;
        if (r && status >= 200 && status < 300) {
          ids.set(p.index, this.eventIdOf(r.body));
        } else if (isTransient(status)) {
          again.push(p);
          const ra = parseRetryAfter(header(r?.headers, 'retry-after'));
          if (ra !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, ra);
          if (worst.status !== 429) worst = { status, body: r?.body };
        } else {
          throw errorFor('createEvents', status, r?.body);
        }
      }
      if (again.length === 0) return;
      await this.sleep(this.nextWait('createEvents', worst, retryAfterMs, round));
      pending = again;
    }
  }

  async updateEvent(organiser: string, eventId: string, patch: CalendarEventPatch): Promise<void> {
    await this.call('updateEvent', 'PATCH', `/users/${enc(organiser)}/events/${enc(eventId)}`, toGraphPatch(patch));
  }

  async cancelEvent(organiser: string, eventId: string, comment?: string): Promise<void> {
    try {
      await this.call('cancelEvent', 'POST', `/users/${enc(organiser)}/events/${enc(eventId)}/cancel`, comment === undefined ? {} : { comment });
    } catch (err) {
      // Cancelling removes the event from the organiser's calendar: a retried cancel finds nothing, which is success.
      if (err instanceof CalendarError && err.code === 'not-found') return;
      throw err;
    }
  }

  private eventIdOf(body: unknown): string {
    const parsed = CreatedEventSchema.safeParse(body);
    if (!parsed.success) throw new CalendarError('unavailable', 'Graph answered a create without an event id');
    return parsed.data.id;
  }
}
