import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Request, Response } from 'botbuilder';
import type { Logger } from '../logger.js';

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
  /** per client address, per minute */
  rateLimitPerMinute?: number;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=31536000',
};

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
  const limit = options.rateLimitPerMinute ?? 600;
  let inFlight = 0;

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const client = req.socket.remoteAddress ?? '?';
    const now = Date.now();
    const hit = hits.get(client);
    if (!hit || now - hit.windowStart > 60_000) hits.set(client, { windowStart: now, count: 1 });
    else if (++hit.count > limit) {
      res.writeHead(429, { 'Retry-After': '60' }).end();
      return;
    }

    if (req.method === 'GET' && url.pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
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
          const headers: Record<string, string | string[] | undefined> = { ...req.headers };
          await options.processActivity({ body: body.body as Record<string, unknown>, headers, method: req.method }, wrapResponse(res));
        }
      } catch (err) {
        options.logger.error({ err: { name: (err as Error).name, message: (err as Error).message }, path: url.pathname }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end();
      } finally {
        inFlight--;
        if (!res.writableEnded) res.end();
        options.logger.debug({ path: url.pathname, status: res.statusCode, ms: Date.now() - started }, 'http');
      }
    })();
  });
  return { server, inFlight: () => inFlight };
}
