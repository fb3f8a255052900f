/**
 * What an HTTP failure says, read the same way for every remote service (Table Storage, Teams,
 * Graph). A module of its own below store, calendar and bot, so that each may import it.
 */

/**
 * The HTTP status of a failed call. Duck-typed, not `instanceof RestError`: the table, queue and
 * Bot Framework SDKs each bring their own copy of the error class.
 */
export function statusOf(e: unknown): number | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const status: unknown = (e as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * A Retry-After header in milliseconds: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); a
 * date in the past is 0. Anything else (a negative or fractional number, garbage) gives no hint,
 * so the caller keeps its own backoff. The date must name its day or month: V8's Date.parse
 * also reads "-5" or "1.5" as a date in 2001.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const v = value?.trim() ?? '';
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
