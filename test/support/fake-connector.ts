import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Teams connector service. */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  /** 'post' to a conversation, 'create' a conversation, 'update' an activity */
  kind: 'post' | 'create' | 'update';
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
}

/** A member as the Bot Connector lists it. */
export interface RosterEntry {
  id: string;
  name: string;
  aadObjectId?: string;
}

/** A scripted failure for the next matching calls. */
export interface Failure {
  status: number;
  retryAfterSeconds?: number;
  kind?: ConnectorCall['kind'];
  /** Teams carried the call out (it is recorded, the card shows) and still answered with the status */
  accepted?: boolean;
}

/**
 * A stand-in for the Teams connector service (the activity's serviceUrl), on node:http and
 * port 0: records POST /v3/conversations/{id}/activities(/{replyToId}), POST /v3/conversations and
 * PUT /v3/conversations/{id}/activities/{activityId}, and answers 429/503 when scripted.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** requests this fake does not know (answered 404) */
  readonly unmatched: string[] = [];
  /** refused calls, in order */
  readonly refused: { kind: ConnectorCall['kind']; status: number }[] = [];
  /**
   * Rosters by conversation id (a channel id or a team id), served by
   * GET /v3/conversations/{id}/pagedmembers in pages of `rosterPageSize`, with a continuation token.
   */
  readonly rosters = new Map<string, RosterEntry[]>();
  rosterPageSize = 2;
  /** conversation ids whose roster answers 403, as Teams does once the bot was removed */
  readonly rosterForbidden = new Set<string>();
  /** statuses the next roster reads answer with, in order */
  readonly rosterFailures: number[] = [];
  /** conversation ids of every roster page read, in order */
  readonly rosterReads: string[] = [];
  private readonly failures: Failure[] = [];
  private throttle: { untilMs: number; retryAfterSeconds: number } | undefined;
  /** how long a post, create or update takes to be answered (a slow Teams) */
  latencyMs = 0;
  private server: Server | undefined;
  private seq = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** Every post, create and update answers 429 with this Retry-After until `untilMs` (epoch ms), as Teams under throttling. */
  throttleUntil(untilMs: number, retryAfterSeconds = 0): void {
    this.throttle = { untilMs, retryAfterSeconds };
  }

  /** The next calls (of this kind, or any) fail with these statuses, in order. */
  failNext(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  /** Drops the failures not used yet. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  posts(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.kind !== 'update' && (conversationId === undefined || c.conversationId === conversationId));
  }

  updates(activityId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === 'update' && (activityId === undefined || c.activityId === activityId));
  }

  /** Waits until `predicate` holds for the recorded calls (the worker runs on its own). */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > until) throw new Error(`connector: condition not met; calls: ${JSON.stringify(this.calls.map((c) => [c.kind, c.conversationId]))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const paged = /^\/v3\/conversations\/(.+)\/pagedmembers$/.exec(path);
    if (req.method === 'GET' && paged) return this.roster(paged[1] ?? '', new URL(req.url ?? '/', 'http://x').searchParams, res);
    const update = /^\/v3\/conversations\/(.+)\/activities\/([^/]+)$/.exec(path);
    const post = /^\/v3\/conversations\/(.+)\/activities\/?$/.exec(path);
    let call: ConnectorCall | undefined;
    if (req.method === 'PUT' && update) call = { method: 'PUT', kind: 'update', conversationId: update[1] ?? '', activityId: update[2] ?? '', body };
    // a reply in a conversation: POST .../activities/{replyToId}
    else if (req.method === 'POST' && update) call = { method: 'POST', kind: 'post', conversationId: update[1] ?? '', body };
    else if (req.method === 'POST' && post) call = { method: 'POST', kind: 'post', conversationId: post[1] ?? '', body };
    else if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) call = { method: 'POST', kind: 'create', conversationId: '', body };
    if (!call) {
      this.unmatched.push(`${req.method ?? ""} ${path}`);
      res.writeHead(404).end();
      return;
    }
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (this.throttle && Date.now() < this.throttle.untilMs) {
      this.refused.push({ kind: call.kind, status: 429 });
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(this.throttle.retryAfterSeconds) }).end('{}');
      return;
    }
    const i = this.failures.findIndex((f) => f.kind === undefined || f.kind === call.kind);
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      if (f?.accepted) {
        this.refused.push({ kind: call.kind, status: f.status });
        this.seq += 1;
        this.calls.push({ ...call, ...(call.kind === 'post' ? { activityId: `act-${this.seq}` } : {}) });
        res.writeHead(f.status, { 'Content-Type': 'application/json' }).end('{}');
        return;
      }
      if (f) {
        this.refused.push({ kind: call.kind, status: f.status });
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (f.retryAfterSeconds !== undefined) headers['Retry-After'] = String(f.retryAfterSeconds);
        res.writeHead(f.status, headers).end(JSON.stringify({ error: { code: 'Throttled', message: 'scripted' } }));
        return;
      }
    }
    this.seq += 1;
    if (call.kind === 'create') {
      const id = `a:created-${this.seq}`;
      call.conversationId = id;
      this.calls.push(call);
      const activity = body['activity'] ? `act-${this.seq}` : undefined;
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, ...(activity ? { activityId: activity } : {}) }));
      return;
    }
    const activityId = call.kind === 'update' ? (call.activityId ?? '') : `act-${this.seq}`;
    if (call.kind === 'post') call.activityId = activityId;
    this.calls.push(call);
    res.writeHead(call.kind === 'update' ? 200 : 201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: activityId }));
  }

  private roster(conversationId: string, query: URLSearchParams, res: ServerResponse): void {
    this.rosterReads.push(conversationId);
    const failure = this.rosterFailures.shift();
    if (failure !== undefined) {
      res.writeHead(failure, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'ServiceError' } }));
      return;
    }
    if (this.rosterForbidden.has(conversationId)) {
      res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'BotNotInConversationRoster' } }));
      return;
    }
    const members = this.rosters.get(conversationId) ?? [];
    const start = Number(query.get('continuationToken') ?? '0');
    const page = members.slice(start, start + this.rosterPageSize);
    const next = start + this.rosterPageSize < members.length ? String(start + this.rosterPageSize) : undefined;
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ members: page.map((m) => ({ ...m, userRole: 'user', tenantId: 'tenant-1' })), ...(next ? { continuationToken: next } : {}) }));
  }
}
