import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  error, EventBody, instant, json, overlappingPairs, schedule, ThrottleSchema,
  type BusyBlock, type FakeEvent, type FakeGraphOptions, type FakeGraphStats, type Reply, type Throttle,
} from './fake-graph-calendar.js';

export type { FakeEvent, FakeGraphOptions, FakeGraphStats, Throttle } from './fake-graph-calendar.js';

/**
 * A local stand-in for the Microsoft Graph endpoints the calendar uses, answering
 * as Graph does (JSON bodies, $batch envelopes, 429 with Retry-After, 503,
 * transactionId dedup, getSchedule with a free/busy lag) and recording every request it receives.
 *
 * For a bot in another process: start it (FakeGraph.start, or `npx tsx test/support/fake-graph-server.ts`),
 * give the bot GRAPH_BASE_URL=<baseUrl> and CALENDAR_MODE=graph, and steer it over HTTP:
 * POST <origin>/_fake/throttle {share, retryAfterSeconds?, where?} (share 0 stops), GET <origin>/_fake/stats.
 */

export interface RecordedRequest {
  method: string;
  /** Path after the version segment, percent-decoded, e.g. '/users/a@b.nl/events'. */
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  at: number;
}

/** One operation: a top-level request, or one request inside a $batch. */
export interface RecordedOperation {
  method: string;
  path: string;
  inBatch: boolean;
  body: unknown;
  status: number;
}

export interface Fault {
  method?: string;
  path?: RegExp;
  /** Only operations whose JSON body contains this text (e.g. one transactionId). */
  bodyContains?: string;
  /** true: only inside a $batch; false: only top-level; absent: both. */
  inBatch?: boolean;
  status: number;
  retryAfterSeconds?: number;
  /** How many matching operations fail (default 1). */
  times?: number;
  /** Do the work, then answer with the fault: a response lost on the way back. */
  afterWork?: boolean;
}

const BatchBody = z.object({
  requests: z.array(z.object({
    id: z.string(), method: z.string(), url: z.string(),
    headers: z.record(z.string(), z.string()).optional(), body: z.unknown().optional(),
  })).min(1).max(20),
});

export class FakeGraph {
  readonly requests: RecordedRequest[] = [];
  readonly operations: RecordedOperation[] = [];
  private readonly faults: Array<Fault & { left: number }> = [];
  private readonly store: FakeEvent[] = [];
  private readonly busy: BusyBlock[] = [];
  private nextId = 1;
  private throttling: Throttle | undefined;
  private throttledCount = 0;
  private seed: number;

  private readonly server: Server;
  private url = '';

  private constructor(private readonly options: FakeGraphOptions) {
    this.seed = options.seed ?? 1;
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const reply = this.top(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
      });
    });
  }

  /** http://127.0.0.1:<port>/v1.0, as GRAPH_BASE_URL takes it. */
  get baseUrl(): string {
    return this.url;
  }

  /** The origin of the control routes (/_fake/...). */
  get controlUrl(): string {
    return this.url.replace(/\/v1\.0$/, '');
  }

  static async start(options: FakeGraphOptions = {}): Promise<FakeGraph> {
    const fake = new FakeGraph(options);
    await new Promise<void>((resolve) => fake.server.listen(options.port ?? 0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v1.0`;
    return fake;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  /** From now on, answer a share of the operations with 429 and Retry-After (share 0: stop). */
  throttle(t: Throttle): void {
    this.throttling = t.share > 0 ? t : undefined;
  }

  stats(): FakeGraphStats {
    const live = this.store.filter((e) => !e.cancelled);
    const byTransaction = new Map<unknown, number>();
    for (const e of live) byTransaction.set(e.json['transactionId'], (byTransaction.get(e.json['transactionId']) ?? 0) + 1);
    return {
      requests: this.requests.length,
      getSchedule: this.requests.filter((r) => r.path.endsWith('/calendar/getSchedule')).length,
      batches: this.requests.filter((r) => r.path === '/$batch').length,
      creates: this.operations.filter((o) => o.method === 'POST' && /\/events$/.test(o.path)).length,
      throttled: this.throttledCount,
      events: live.length,
      duplicates: [...byTransaction.values()].filter((n) => n > 1).length,
      overlaps: overlappingPairs(this.store).length,
    };
  }

  /** Pairs of live events overlapping in this mailbox's calendar (organiser or attendee), or in any organiser's. */
  overlaps(mailbox?: string): Array<{ mailbox: string; a: string; b: string }> {
    return overlappingPairs(this.store, mailbox);
  }

  fail(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  addBusy(mailbox: string, start: Date, end: Date, status = 'busy'): void {
    this.busy.push({ mailbox: mailbox.toLowerCase(), start: start.getTime(), end: end.getTime(), status });
  }

  events(mailbox?: string): FakeEvent[] {
    return this.store.filter((e) => mailbox === undefined || e.mailbox === mailbox.toLowerCase());
  }

  private top(method: string, rawUrl: string, headers: IncomingHttpHeaders, text: string): Reply {
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return error(400, 'BadRequest', 'Unable to read JSON request payload.');
    }
    const url = new URL(rawUrl, 'http://fake');
    if (url.pathname.startsWith('/_fake/')) return this.control(method, url.pathname, body);
    const versioned = /^\/v1\.0(\/.*)$/.exec(url.pathname);
    const path = decodeURIComponent(versioned?.[1] ?? url.pathname);
    this.requests.push({ method, path, headers, body, at: Date.now() });
    if (!/^Bearer \S+$/.test(headers.authorization ?? '')) {
      return error(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    }
    if (!versioned) return error(400, 'BadRequest', 'Invalid version.');
    return this.log(method, path, false, body, this.withFaults(method, path, false, body, () =>
      (method === 'POST' && path === '/$batch' ? this.batch(body) : this.route(method, path, body))));
  }

  private control(method: string, path: string, body: unknown): Reply {
    if (method === 'GET' && path === '/_fake/stats') return json(200, this.stats());
    if (method === 'POST' && path === '/_fake/throttle') {
      const t = ThrottleSchema.safeParse(body);
      if (!t.success) return error(400, 'BadRequest', 'share 0..1, retryAfterSeconds, where top|batch|both');
      this.throttle({ share: t.data.share, ...(t.data.retryAfterSeconds !== undefined ? { retryAfterSeconds: t.data.retryAfterSeconds } : {}), ...(t.data.where ? { where: t.data.where } : {}) });
      return { status: 204, headers: {} };
    }
    return error(404, 'NotFound', 'GET /_fake/stats or POST /_fake/throttle');
  }

  /** mulberry32: the same seed throttles the same operations of a run. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  private throttled(inBatch: boolean): Reply | undefined {
    const t = this.throttling;
    const where = t?.where ?? 'both';
    if (!t || (where === 'top' && inBatch) || (where === 'batch' && !inBatch) || this.random() >= t.share) return undefined;
    this.throttledCount += 1;
    return error(429, 'TooManyRequests', 'Too many requests.', t.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(t.retryAfterSeconds) });
  }

  private log(method: string, path: string, inBatch: boolean, body: unknown, reply: Reply): Reply {
    this.operations.push({ method, path, inBatch, body, status: reply.status });
    return reply;
  }

  private withFaults(method: string, path: string, inBatch: boolean, body: unknown, work: () => Reply): Reply {
    const text = JSON.stringify(body ?? null);
    const f = this.faults.find((x) => x.left > 0 && (x.method === undefined || x.method === method)
      && (x.bodyContains === undefined || text.includes(x.bodyContains))
      && (x.path === undefined || x.path.test(path)) && (x.inBatch === undefined || x.inBatch === inBatch));
    if (!f) return this.throttled(inBatch) ?? work();
    f.left -= 1;
    if (f.afterWork) work();
    const extra: Record<string, string> = f.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(f.retryAfterSeconds) };
    if (f.status === 429) return error(429, 'TooManyRequests', 'Too many requests.', extra);
    if (f.status === 403) return error(403, 'ErrorAccessDenied', 'Access is denied.', extra);
    return error(f.status, f.status === 503 ? 'ServiceUnavailable' : 'InternalServerError', 'Try again later.', extra);
  }

  private batch(body: unknown): Reply {
    const parsed = BatchBody.safeParse(body);
    if (!parsed.success) return error(400, 'BadRequest', 'Invalid batch payload.');
    const ids = new Set(parsed.data.requests.map((r) => r.id));
    if (ids.size !== parsed.data.requests.length) return error(400, 'BadRequest', 'Batch request ids must be unique.');
    const responses = parsed.data.requests.map((r) => {
      const path = decodeURIComponent(new URL(r.url.startsWith('/') ? r.url : `/${r.url}`, 'http://fake').pathname);
      if (r.body !== undefined && !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) {
        return { id: r.id, ...this.log(r.method, path, true, r.body, error(400, 'BadRequest', 'Content-Type header required.')) };
      }
      const reply = this.withFaults(r.method, path, true, r.body, () => this.route(r.method, path, r.body));
      this.log(r.method, path, true, r.body, reply);
      return { id: r.id, status: reply.status, headers: reply.headers, ...(reply.body === undefined ? {} : { body: reply.body }) };
    });
    // Graph may answer in any order: clients must correlate by id.
    return json(200, { responses: responses.reverse() });
  }

  private route(method: string, path: string, body: unknown): Reply {
    const asksSchedule = /^\/users\/([^/]+)\/calendar\/getSchedule$/i.exec(path);
    if (asksSchedule && method === 'POST') return schedule(body, this.store, this.busy, this.options.freeBusyLagMs ?? 0);
    const events = /^\/users\/([^/]+)\/events$/.exec(path);
    if (events?.[1] && method === 'POST') return this.create(events[1].toLowerCase(), body);
    const one = /^\/users\/([^/]+)\/events\/([^/]+)(\/cancel)?$/.exec(path);
    if (one?.[1] && one[2]) {
      const ev = this.store.find((e) => e.mailbox === one[1]?.toLowerCase() && e.id === one[2] && !e.cancelled);
      if (!ev) return error(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (one[3] && method === 'POST') {
        ev.cancelled = true;
        const comment = z.object({ comment: z.string().optional() }).safeParse(body);
        if (comment.success && comment.data.comment !== undefined) ev.cancelComment = comment.data.comment;
        return { status: 202, headers: {} };
      }
      if (!one[3] && method === 'PATCH') return this.patch(ev, body);
      if (!one[3] && method === 'GET') return json(200, ev.json);
    }
    return error(400, 'BadRequest', `Unsupported request: ${method} ${path}`);
  }

  private create(mailbox: string, body: unknown): Reply {
    const parsed = EventBody.safeParse(body);
    if (!parsed.success) return error(400, 'ErrorInvalidRequest', 'Invalid event.');
    const { transactionId } = parsed.data;
    const start = instant(parsed.data.start);
    const end = instant(parsed.data.end);
    if (start === undefined || end === undefined) return error(400, 'TimeZoneNotSupportedException', 'Invalid time zone.');
    if (transactionId) {
      const existing = this.store.find((e) => e.mailbox === mailbox && e.json['transactionId'] === transactionId);
      if (existing) return json(201, existing.json);
    }
    const id = `AAMkAGfake${this.nextId++}`;
    const stored: Record<string, unknown> = {
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${mailbox}')/events/$entity`,
      ...parsed.data,
      id,
      iCalUId: `040000008200E00074C5B7101A82E008${id}`,
      organizer: { emailAddress: { address: mailbox } },
      onlineMeeting: parsed.data['isOnlineMeeting'] === true ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}` } : null,
    };
    this.store.push({ id, mailbox, json: stored, cancelled: false, createdAt: Date.now() });
    return json(201, stored);
  }

  private patch(ev: FakeEvent, body: unknown): Reply {
    const parsed = z.record(z.string(), z.unknown()).safeParse(body);
    if (!parsed.success) return error(400, 'ErrorInvalidRequest', 'Invalid patch.');
    if ('transactionId' in parsed.data && parsed.data['transactionId'] !== ev.json['transactionId']) {
      return error(400, 'ErrorInvalidRequest', 'transactionId cannot be changed.');
    }
    Object.assign(ev.json, parsed.data);
    return json(200, ev.json);
  }
}
