import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';

/**
 * Telemetry to Application Insights, only when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 *
 * A small client of the ingestion endpoint instead of the SDK: the SDK's auto-collection would
 * record outgoing URLs (a mailbox address in a Graph call, row keys in a storage call), and the
 * only thing sent here is one request record per HTTP call to the bot (route, status, duration)
 * and the type of an exception. Never a body, a query string or a path beyond the route.
 */
export interface Telemetry {
  /** Sends what is buffered; never throws, gives up after the timeout. */
  flush(): Promise<void>;
  /** Flushes and stops the timer; later records are dropped. */
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  /** how often the buffer is sent */
  intervalMs?: number;
  /** the longest one send may take */
  timeoutMs?: number;
}

const ConnectionStringSchema = z.object({
  instrumentationkey: z.guid(),
  ingestionendpoint: z.url().default('https://dc.services.visualstudio.com/'),
});

/** `Key=Value;Key=Value` as Application Insights shows it in the portal. */
export function parseConnectionString(text: string): { iKey: string; trackUrl: string } {
  const pairs = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.includes('='))
    .map((p) => [p.slice(0, p.indexOf('=')).toLowerCase(), p.slice(p.indexOf('=') + 1)]);
  const parsed = ConnectionStringSchema.safeParse(Object.fromEntries(pairs));
  if (!parsed.success) throw new Error('APPLICATIONINSIGHTS_CONNECTION_STRING: InstrumentationKey of IngestionEndpoint ongeldig');
  return { iKey: parsed.data.instrumentationkey, trackUrl: new URL('v2.1/track', parsed.data.ingestionendpoint.replace(/\/?$/, '/')).href };
}

/** Application Insights' duration format: d.hh:mm:ss.fff */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const days = Math.floor(total / 86_400_000);
  const time = `${pad(Math.floor(total / 3_600_000) % 24)}:${pad(Math.floor(total / 60_000) % 60)}:${pad(Math.floor(total / 1000) % 60)}.${pad(total % 1000, 3)}`;
  return days > 0 ? `${days}.${time}` : time;
}

type Envelope = Record<string, unknown>;
let active: ((envelope: (iKey: string, tags: Record<string, string>) => Envelope) => void) | undefined;

export function startTelemetry(connectionString: string | undefined, options: TelemetryOptions = {}): Telemetry | undefined {
  if (!connectionString) return undefined;
  const { iKey, trackUrl } = parseConnectionString(connectionString);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const baseTags = { 'ai.cloud.role': 'weerbaar', 'ai.cloud.roleInstance': hostname(), 'ai.internal.sdkVersion': 'weerbaar:1' };
  let buffer: Envelope[] = [];
  let sending: Promise<void> = Promise.resolve();

  const send = async (batch: Envelope[]): Promise<void> => {
    try {
      await fetch(trackUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      // telemetry must never take the bot down; a lost batch is acceptable
    }
  };
  const flush = (): Promise<void> => {
    if (buffer.length > 0) {
      const batch = buffer;
      buffer = [];
      sending = sending.then(() => send(batch));
    }
    return sending;
  };
  const timer = setInterval(() => void flush(), options.intervalMs ?? 5_000);
  timer.unref();
  const sink = (make: (iKey: string, tags: Record<string, string>) => Envelope) => {
    buffer.push(make(iKey, baseTags));
    if (buffer.length >= 100) void flush();
  };
  active = sink;
  return {
    flush,
    async shutdown() {
      clearInterval(timer);
      if (active === sink) active = undefined;
      await flush();
    },
  };
}

export interface RequestSpan {
  end(status: number): void;
  fail(err: unknown): void;
}

const NOOP: RequestSpan = { end: () => undefined, fail: () => undefined };

/**
 * One request record for one HTTP call. `route` is the route's template (`/api/messages`,
 * `/calendar/`), never the requested path: a calendar feed's path is its access token.
 * Without telemetry this is a no-op.
 */
export function requestSpan(method: string, route: string): RequestSpan {
  const sink = active;
  if (!sink) return NOOP;
  const started = Date.now();
  const id = randomBytes(8).toString('hex');
  const name = `${method} ${route}`;
  const tags = (base: Record<string, string>) => ({ ...base, 'ai.operation.id': id, 'ai.operation.name': name });
  return {
    end(status) {
      sink((iKey, base) => ({
        name: 'Microsoft.ApplicationInsights.Request',
        time: new Date(started).toISOString(),
        iKey,
        tags: tags(base),
        data: {
          baseType: 'RequestData',
          baseData: { ver: 2, id, name, url: route, duration: formatDuration(Date.now() - started), responseCode: String(status), success: status < 500 },
        },
      }));
    },
    fail(err) {
      // the type only: a message may quote a mailbox address or a row key
      const typeName = err instanceof Error ? err.name : 'Error';
      sink((iKey, base) => ({
        name: 'Microsoft.ApplicationInsights.Exception',
        time: new Date().toISOString(),
        iKey,
        tags: tags(base),
        data: { baseType: 'ExceptionData', baseData: { ver: 2, severityLevel: 3, exceptions: [{ typeName, message: typeName, hasFullStack: false }] } },
      }));
    },
  };
}
