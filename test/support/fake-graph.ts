import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * A local stand-in for the Microsoft Graph endpoints the calendar uses, answering
 * as Graph does (JSON bodies, $batch envelopes, 429 with Retry-After, 503,
 * transactionId dedup, getSchedule) and recording every request it receives.
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

export interface FakeEvent {
  id: string;
  mailbox: string;
  json: Record<string, unknown>;
  cancelled: boolean;
  cancelComment?: string;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const EventBody = z.looseObject({
  subject: z.string(),
  start: DateTimeTimeZone,
  end: DateTimeTimeZone,
  transactionId: z.string().optional(),
  attendees: z.array(z.object({ emailAddress: z.object({ address: z.string(), name: z.string().optional() }), type: z.string().optional() })).optional(),
});
const ScheduleBody = z.object({
  schedules: z.array(z.string()).min(1),
  startTime: DateTimeTimeZone,
  endTime: DateTimeTimeZone,
  availabilityViewInterval: z.number().int().min(5).max(1440).optional(),
});
const BatchBody = z.object({
  requests: z.array(z.object({
    id: z.string(), method: z.string(), url: z.string(),
    headers: z.record(z.string(), z.string()).optional(), body: z.unknown().optional(),
  })).min(1).max(20),
});

const ZONES: Record<string, string> = { 'UTC': 'utc', 'W. Europe Standard Time': 'Europe/Amsterdam', 'Europe/Amsterdam': 'Europe/Amsterdam' };

function instant(v: z.infer<typeof DateTimeTimeZone>): number | undefined {
  const zone = ZONES[v.timeZone];
  if (!zone) return undefined;
  const d = DateTime.fromISO(v.dateTime, { zone });
  return d.isValid ? d.toMillis() : undefined;
}

function graphUtc(ms: number): { dateTime: string; timeZone: string } {
  return { dateTime: new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.0000000'), timeZone: 'UTC' };
}

function error(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: { error: { code, message } } };
}

function json(status: number, body: unknown): Reply {
  return { status, headers: { 'Content-Type': 'application/json' }, body };
}

export class FakeGraph {
  readonly requests: RecordedRequest[] = [];
  readonly operations: RecordedOperation[] = [];
  private readonly faults: Array<Fault & { left: number }> = [];
  private readonly store: FakeEvent[] = [];
  private readonly busy: Array<{ mailbox: string; start: number; end: number; status: string }> = [];
  private nextId = 1;

  private readonly server: Server;
  private url = '';

  private constructor() {
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

  static async start(): Promise<FakeGraph> {
    const fake = new FakeGraph();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v1.0`;
    return fake;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
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

  private log(method: string, path: string, inBatch: boolean, body: unknown, reply: Reply): Reply {
    this.operations.push({ method, path, inBatch, body, status: reply.status });
    return reply;
  }

  private withFaults(method: string, path: string, inBatch: boolean, body: unknown, work: () => Reply): Reply {
    const text = JSON.stringify(body ?? null);
    const f = this.faults.find((x) => x.left > 0 && (x.method === undefined || x.method === method)
      && (x.bodyContains === undefined || text.includes(x.bodyContains))
      && (x.path === undefined || x.path.test(path)) && (x.inBatch === undefined || x.inBatch === inBatch));
    if (!f) return work();
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
    const schedule = /^\/users\/([^/]+)\/calendar\/getSchedule$/i.exec(path);
    if (schedule && method === 'POST') return this.getSchedule(body);
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
    this.store.push({ id, mailbox, json: stored, cancelled: false });
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

  private spanOf(e: FakeEvent): { start: number; end: number } | undefined {
    const parsed = EventBody.safeParse(e.json);
    if (!parsed.success) return undefined;
    const start = instant(parsed.data.start);
    const end = instant(parsed.data.end);
    return start === undefined || end === undefined ? undefined : { start, end };
  }

  private getSchedule(body: unknown): Reply {
    const parsed = ScheduleBody.safeParse(body);
    if (!parsed.success) return error(400, 'ErrorInvalidRequest', 'Invalid getSchedule request.');
    const from = instant(parsed.data.startTime);
    const to = instant(parsed.data.endTime);
    if (from === undefined || to === undefined || to <= from) return error(400, 'ErrorInvalidRequest', 'Invalid time window.');
    const step = (parsed.data.availabilityViewInterval ?? 30) * 60_000;
    const value = parsed.data.schedules.map((scheduleId) => {
      const who = scheduleId.toLowerCase();
      const items: Array<{ start: number; end: number; status: string; isPrivate: boolean }> = [];
      for (const b of this.busy) if (b.mailbox === who) items.push({ ...b, isPrivate: false });
      for (const e of this.store) {
        const attendees = EventBody.safeParse(e.json).data?.attendees ?? [];
        const mine = e.mailbox === who || attendees.some((a) => a.emailAddress.address.toLowerCase() === who);
        const span = this.spanOf(e);
        if (mine && !e.cancelled && span) items.push({ ...span, status: 'busy', isPrivate: e.json['sensitivity'] === 'private' });
      }
      const inside = items.filter((i) => i.start < to && i.end > from).sort((a, b) => a.start - b.start);
      let view = '';
      for (let t = from; t < to; t += step) {
        view += inside.some((i) => i.start < t + step && i.end > t && i.status !== 'free') ? '2' : '0';
      }
      return {
        scheduleId,
        availabilityView: view,
        scheduleItems: inside.map((i) => ({ isPrivate: i.isPrivate, status: i.status, start: graphUtc(i.start), end: graphUtc(i.end) })),
        workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'W. Europe Standard Time' } },
      };
    });
    return json(200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value });
  }
}
