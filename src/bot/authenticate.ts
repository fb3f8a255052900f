import { AsyncLocalStorage } from 'node:async_hooks';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { errorCode } from '../logger.js';
import { toSdkActivity } from './activity.js';
import type { AuthenticateRequestResult, WeerbaarAdapter } from './adapter.js';
import type { Authenticate, Authentication } from './server.js';

/** botbuilder's reasons, as fixed codes: its messages quote token claims, which are the caller's words. */
const REASONS: [RegExp, string][] = [
  [/Skill Claims|skill Tokens/i, 'skill-token'],
  [/^Unauthorized Access\. Request is not authorized/, 'no-token'],
  [/No valid identity/, 'not-a-channel-token'],
  [/Signing Key could not be retrieved/, 'unknown-signing-key'],
  [/token has expired/, 'expired'],
  [/Invalid AppId/, 'wrong-audience'],
  [/Issuer Claim/, 'wrong-issuer'],
  [/ServiceUrl claim/, 'service-url-mismatch'],
  [/endorsement/, 'not-endorsed'],
  [/signing algorithm/, 'algorithm-not-allowed'],
];
/** jsonwebtoken's own errors, thrown through botbuilder unwrapped */
const JWT_ERRORS: Record<string, string> = { JsonWebTokenError: 'invalid-token', NotBeforeError: 'not-yet-valid', TokenExpiredError: 'expired' };

const StatusErrorSchema = z.object({ statusCode: z.number(), message: z.string() });

function rejection(err: unknown): Extract<Authentication, { ok: false }> {
  const status = StatusErrorSchema.safeParse(err);
  if (status.success && status.data.statusCode < 500) {
    const reason = REASONS.find(([pattern]) => pattern.test(status.data.message))?.[1] ?? 'rejected';
    return { ok: false, status: 401, reason };
  }
  const jwtReason = err instanceof Error && Object.hasOwn(JWT_ERRORS, err.name) ? JWT_ERRORS[err.name] : undefined;
  if (jwtReason) return { ok: false, status: 401, reason: jwtReason };
  // the signing keys could not be fetched (or another fault on our side): not the caller's doing
  return { ok: false, status: 503, reason: status.success ? `keys-unavailable-${status.data.statusCode}` : errorCode(err) };
}

const quiet = new AsyncLocalStorage<true>();
let consoleFiltered = false;

/**
 * botbuilder's token check writes to console.error by itself (an expired token's stack, the
 * signing key after a bad signature): stderr noise a stranger can cause at will. Silenced for
 * the check only (other requests in flight keep their console); the request's one log line says
 * what failed.
 */
function withoutSdkConsole<T>(check: () => Promise<T>): Promise<T> {
  if (!consoleFiltered) {
    consoleFiltered = true;
    const write = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      if (!quiet.getStore()) write(...args);
    };
  }
  return quiet.run(true, check);
}

/** The server's authentication port on the adapter: the SDK's check, then the turn on its result. */
export function authenticator(adapter: WeerbaarAdapter, logic: (context: TurnContext) => Promise<void>): Authenticate {
  return async (wire, authorization) => {
    const activity = toSdkActivity(wire);
    let auth: AuthenticateRequestResult;
    try {
      auth = await withoutSdkConsole(() => adapter.authenticate(activity, authorization));
    } catch (err) {
      return rejection(err);
    }
    return {
      ok: true,
      async run() {
        const response = await adapter.runAuthenticated(auth, activity, logic);
        return { status: response?.status ?? 200, body: response?.body };
      },
    };
  };
}
