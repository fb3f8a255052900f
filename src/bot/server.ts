import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { loggableError, type Logger } from '../logger.js';
import type { HttpRoute } from '../shared/http-route.js';
import { requestSpan } from '../telemetry.js';
import { ActivitySchema, type WireActivity } from './activity.js';
import { TokenBucket, WindowLimiter } from './limits.js';

/** Request bodies above this are refused (413) before botbuilder sees them. */
const MAX_BODY_BYTES = 512 * 1024;

/** What a turn answers over HTTP (an invoke's response; 200 without a body otherwise). */
export interface TurnResponse {
  status: number;
  body?: unknown;
}

export type Authentication =
  | { ok: true; run(): Promise<TurnResponse> }
  /** 401: the caller's token is not valid (reason: a fixed code); 503: the keys to check it could not be had */
  | { ok: false; status: 401 | 503; reason: string };

/** Checks the request's Bot Framework token (the Authorization header, '' when absent) for this activity. */
export type Authenticate = (activity: WireActivity, authorization: string) => Promise<Authentication>;

export interface BotServerOptions {
  logger: Logger;
  /** POST /api/messages: authenticates the request, and runs its turn once it is let through */
  authenticate: Authenticate;
  routes?: HttpRoute[];
  /** without JWT validation (local): refuse every caller that is not on this machine */
  loopbackOnly?: boolean;
  /** turns per person (Entra object id, else channel account id) per minute, counted after authentication */
  rateLimitPerMinute?: number;
  /** requests that fail authentication, all callers together, per minute; beyond it: 429 */
  unauthenticatedPerMinute?: number;
  /** the clock of both limits (tests) */
  now?: () => number;
  /** the body of GET /healthz; default `{ status: 'ok' }` */
  health?: () => Health;
}

/**
 * What /healthz says. Always with HTTP 200 while the process can answer: App Service takes an
 * instance that answers otherwise out of rotation and replaces it, which cures nothing that a
 * missing people file or a setting causes; monitoring reads `status` instead.
 */
export interface Health {
  status: string;
  [detail: string]: string;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=31536000',
};

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.'));
}

function readBody(req: IncomingMessage): Promise<{ ok: true; body: unknown } | { ok: false; status: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES && !done) {
        done = true;
        resolve({ ok: false, status: 413 });
        req.resume();
        return;
      }
      if (!done) chunks.push(c);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      if (size === 0) return resolve({ ok: true, body: undefined });
      try {
        resolve({ ok: true, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        resolve({ ok: false, status: 400 });
      }
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, status: 400 });
      done = true;
    });
  });
}

function send(res: ServerResponse, { status, body }: TurnResponse): void {
  if (body === undefined || body === null) {
    res.writeHead(status).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' }).end(text);
}

function authorizationOf(req: IncomingMessage): string {
  const header = req.headers.authorization;
  return typeof header === 'string' ? header : '';
}

export function createBotServer(options: BotServerOptions): { server: Server; inFlight(): number } {
  const now = options.now ?? Date.now;
  /**
   * Keyed by the sender, not the address: in Azure every request comes through the Bot
   * Connector, so one address carries the whole organisation. Counted only after the token
   * checked out, so the sender is the one the connector vouches for, not one a stranger typed.
   */
  const perPerson = new WindowLimiter(options.rateLimitPerMinute ?? 120, 60_000, now);
  /** Strangers cannot be told apart: one cap for all of them, so a flood is answered 429 and logs a line a second at most. */
  const unauthenticated = new TokenBucket(options.unauthenticatedPerMinute ?? 60, now);
  let capped = false;
  let inFlight = 0;

  const messages = async (req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> => {
    const shape = ActivitySchema.safeParse(body);
    if (!shape.success) {
      res.writeHead(400).end();
      return;
    }
    const activity = shape.data;
    const auth = await options.authenticate(activity, authorizationOf(req));
    if (!auth.ok) {
      if (!unauthenticated.take()) {
        if (!capped) options.logger.warn({ status: 429, perMinute: options.unauthenticatedPerMinute ?? 60 }, 'unauthenticated requests capped');
        capped = true;
        res.writeHead(429, { 'Retry-After': String(unauthenticated.retryAfterSeconds()) }).end();
        return;
      }
      capped = false;
      options.logger.warn({ status: auth.status, reason: auth.reason }, 'request not authenticated');
      res.writeHead(auth.status, auth.status === 503 ? { 'Retry-After': '30' } : {}).end();
      return;
    }
    if (perPerson.overLimit(activity.from.aadObjectId ?? activity.from.id)) {
      res.writeHead(429, { 'Retry-After': '60' }).end();
      return;
    }
    send(res, await auth.run());
  };

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://localhost');

    if (options.loopbackOnly && !isLoopback(req.socket.remoteAddress)) {
      res.writeHead(403).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(options.health?.() ?? { status: 'ok' }));
      return;
    }
    const route = (options.routes ?? []).find(
      (r) => r.method === req.method && (r.path.endsWith('/') ? url.pathname.startsWith(r.path) : url.pathname === r.path),
    );
    if (!(req.method === 'POST' && url.pathname === '/api/messages') && !route) {
      res.writeHead(404).end();
      return;
    }
    inFlight++;
    // the route, not the path: a calendar feed's path is its access token
    const routePath = route?.path ?? '/api/messages';
    const span = requestSpan(req.method ?? 'POST', routePath);
    void (async () => {
      const started = Date.now();
      try {
        const body = await readBody(req);
        if (!body.ok) {
          res.writeHead(body.status).end();
          return;
        }
        if (route) await route.handle(req, res, body.body);
        else await messages(req, res, body.body);
      } catch (err) {
        span.fail(err);
        options.logger.error({ err: loggableError(err), path: routePath }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end();
      } finally {
        inFlight--;
        if (!res.writableEnded) res.end();
        span.end(res.statusCode);
        options.logger.debug({ path: routePath, status: res.statusCode, ms: Date.now() - started }, 'http');
      }
    })();
  });
  return { server, inFlight: () => inFlight };
}
