import { pino, type Logger } from 'pino';

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
