import type { TokenCredential } from '@azure/identity';
import {
  Client, HTTPMessageHandler, ResponseType, type AuthenticationProvider, type Context, type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { CalendarErrorCode } from '../shared/error-codes.js';
import { CalendarError } from './port.js';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * The token's audience is the cloud's own Graph (graph.microsoft.us, microsoftgraph.chinacloudapi.cn, ...);
 * a local fake over http accepts any token, so it is asked for the global one.
 */
export function scopeFor(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.protocol === 'https:' ? `${url.origin}/.default` : GRAPH_SCOPE;
}

export interface GraphReply {
  status: number;
  headers: Headers;
  body: unknown;
}

/** An auth provider over any @azure/identity credential (managed identity, client secret, ...). */
export function credentialAuthProvider(credential: TokenCredential, scope = GRAPH_SCOPE): AuthenticationProvider {
  return {
    async getAccessToken(): Promise<string> {
      const token = await credential.getToken(scope);
      if (!token) throw new CalendarError('forbidden', 'no access token for Microsoft Graph');
      return token.token;
    },
  };
}

/**
 * Adds the bearer token to every request. The library's own AuthenticationHandler
 * only does so for https Graph hosts, which would leave a local test server
 * unauthenticated; this chain only ever talks to the configured baseUrl.
 */
class BearerHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly auth: AuthenticationProvider) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    let token: string;
    try {
      token = await this.auth.getAccessToken();
    } catch (err) {
      // A credential that cannot work here (no managed identity, no secret) is a configuration
      // fault for a person, not an outage to retry: answer it as Graph would answer no token.
      if (!(err instanceof Error) || err.name !== 'CredentialUnavailableError') throw err;
      context.response = new Response(JSON.stringify({ error: { code: 'CredentialUnavailable' } }), {
        status: 401, headers: { 'Content-Type': 'application/json' },
      });
      return;
    }
    const headers = new Headers(context.options?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    context.options = { ...context.options, headers };
    if (!this.next) throw new Error('BearerHandler needs a next middleware');
    await this.next.execute(context);
  }
}

/**
 * A Graph client without the library's RetryHandler and RedirectHandler: retries
 * are ours (GraphCalendar), so they are counted once, honour Retry-After inside
 * $batch responses too, and tests can run them with an injected sleep.
 */
export function createGraphClient(credential: TokenCredential, baseUrl: string): Client {
  // the client joins host, version and path: the configured URL's last segment is its version
  const url = new URL(baseUrl.replace(/\/+$/, ''));
  const segments = url.pathname.split('/');
  const version = segments.pop() ?? '';
  return Client.initWithMiddleware({
    baseUrl: `${url.origin}${segments.join('/')}`,
    defaultVersion: version,
    middleware: [new BearerHandler(credentialAuthProvider(credential, scopeFor(baseUrl))), new HTTPMessageHandler()],
  });
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One request, answered as a status (0 for a network failure) rather than thrown. */
export async function send(
  client: Client, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, headers: Record<string, string> = {},
): Promise<GraphReply> {
  try {
    const request = client.api(path).headers(headers).responseType(ResponseType.RAW);
    const res: unknown = method === 'GET' ? await request.get()
      : method === 'PATCH' ? await request.patch(body)
      : await request.post(body);
    if (!(res instanceof Response)) return { status: 0, headers: new Headers(), body: undefined };
    return { status: res.status, headers: res.headers, body: await readBody(res) };
  } catch {
    return { status: 0, headers: new Headers(), body: undefined };
  }
}

export function isTransient(status: number): boolean {
  return status === 0 || status === 429 || (status >= 500 && status !== 501);
}

export function codeFor(status: number): CalendarErrorCode {
  if (status === 429) return 'throttled';
  if (status === 0 || status >= 500) return 'unavailable';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  return 'invalid';
}

/** The error carries Graph's error code, never a path or message (they can hold addresses). */
export function errorFor(operation: string, status: number, body: unknown, retryAfterMs?: number): CalendarError {
  let graphCode = '';
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const err = body.error;
    if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') graphCode = ` ${err.code}`;
  }
  return new CalendarError(codeFor(status), `Graph ${operation} failed: ${status}${graphCode}`, retryAfterMs, status);
}
