import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Request, Response } from 'botbuilder';
import { z } from 'zod';
import { loggableError, type Logger } from '../logger.js';
import { requestSpan } from '../telemetry.js';

/** Request bodies above this are refused (413) before botbuilder sees them. */
const MAX_BODY_BYTES = 512 * 1024;

export interface HttpRoute {
  method: 'GET' | 'POST';
  /** exact path, or a prefix ending in '/' */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void>;
}

export interface BotServerOptions {
  logger: Logger;
  /** POST /api/messages */
  processActivity(req: Request, res: Response): Promise<void>;
  routes?: HttpRoute[];
  /** without JWT validation (local): refuse every caller that is not on this machine */
  loopbackOnly?: boolean;
  /** turns per person (Entra object id, else channel account id) per minute */
  rateLimitPerMinute?: number;
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

/** The least an activity must carry for botbuilder to handle it; anything less is a 400, not a 500. */
const ActivityShapeSchema = z
  .object({
    type: z.string().min(1).max(100),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().min(1).max(2000),
    conversation: z.object({ id: z.string().min(1).max(1000) }).loose(),
    from: z.object({ id: z.string().min(1).max(500), aadObjectId: z.string().max(100).optional() }).loose(),
    recipient: z.object({ id: z.string().min(1).max(500) }).loose(),
  })
  .loose();

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

/** botbuilder's minimal Response over node's ServerResponse. */
function wrapResponse(res: ServerResponse): Response {
  let status = 200;
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body?: unknown) {
      if (res.headersSent) return this;
      if (body === undefined || body === null) {
        res.writeHead(status).end();
      } else {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' }).end(text);
      }
      return this;
    },
    end() {
      if (!res.headersSent) res.writeHead(status);
      if (!res.writableEnded) res.end();
      return this;
    },
  };
}

export function createBotServer(options: BotServerOptions): { server: Server; inFlight(): number } {
  const hits = new Map<string, { windowStart: number; count: number }>();
  const limit = options.rateLimitPerMinute ?? 120;
  let inFlight = 0;

  /**
   * Keyed by the sender, not the address: in Azure every request comes through the Bot
   * Connector, so one address carries the whole organisation.
   */
  const overLimit = (key: string): boolean => {
    const now = Date.now();
    const hit = hits.get(key);
    if (!hit || now - hit.windowStart > 60_000) {
      if (hits.size > 10_000) hits.clear();
      hits.set(key, { windowStart: now, count: 1 });
      return false;
    }
    return ++hit.count > limit;
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
        else {
          const shape = ActivityShapeSchema.safeParse(body.body);
          if (!shape.success) {
            res.writeHead(400).end();
            return;
          }
          if (overLimit(shape.data.from.aadObjectId ?? shape.data.from.id)) {
            res.writeHead(429, { 'Retry-After': '60' }).end();
            return;
          }
          const headers: Record<string, string | string[] | undefined> = { ...req.headers };
          await options.processActivity({ body: body.body as Record<string, unknown>, headers, method: req.method }, wrapResponse(res));
        }
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
