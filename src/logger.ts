import { pino, type Logger } from 'pino';
import { statusOf } from './shared/http.js';

/**
 * Structured logs: ids, verbs and timings only. Never pass incident content or
 * personal data (names, descriptions, e-mail addresses) to the logger.
 */
export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'weerbaar' },
    redact: { paths: ['*.text', '*.description', '*.name', '*.email', 'activity', 'card'], remove: true },
  });
}

/**
 * A short code to store and log for a failure. Never the message: a message from a remote
 * service may quote what was sent, and that can be personal data.
 */
export function errorCode(e: unknown): string {
  let code = 'unknown';
  if (typeof e === 'object' && e !== null) {
    const c = (e as { code?: unknown }).code;
    const status = statusOf(e);
    if (typeof c === 'string' && c !== '') code = c;
    else if (status !== undefined) code = `http-${status}`;
    else if (e instanceof Error) code = e.name;
  }
  return code.replace(/[^\w.:-]/g, '_').slice(0, 100);
}

/** What a log line may hold of an error: its type, its code and where it happened (the stack without its message line). */
export function loggableError(e: unknown): { type: string; code: string; at?: string } {
  const type = e instanceof Error ? e.name : typeof e;
  const at = e instanceof Error ? e.stack?.split('\n').slice(1, 6).map((l) => l.trim()).join(' | ') : undefined;
  return { type, code: errorCode(e), ...(at ? { at } : {}) };
}
