import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { Config } from '../config.js';
import { errorCode } from '../logger.js';
import { toSdkActivity } from './activity.js';
import type { Authenticate, Authentication } from './server.js';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * TeamsAdapter with its two halves of process() apart: the SDK's own token check, and the turn on
 * an already authenticated request. The server authenticates first and rate-limits on what the
 * token vouches for; the turn then runs on that result, so the token is not validated twice.
 */
export class WeerbaarAdapter extends TeamsAdapter {
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * The CloudAdapter (JWT checked on every request) for the configured identity.
 * Without an app id (local, Agents Playground) authentication is disabled, as
 * botbuilder does for an empty app id; with one, a request without a valid token gets 401.
 * `sdkOptions` adds botbuilder authentication settings (a national cloud's endpoints; tests point
 * the signing keys at their own).
 */
export function createAdapter(config: Config, sdkOptions: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {}): WeerbaarAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    ...(config.bot.auth === 'anonymous'
      ? {}
      : config.bot.auth === 'managed-identity'
        ? { MicrosoftAppId: config.bot.appId, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: config.bot.tenantId }
        : {
            MicrosoftAppId: config.bot.appId,
            MicrosoftAppPassword: config.bot.password,
            MicrosoftAppType: config.bot.type,
            ...(config.bot.tenantId ? { MicrosoftAppTenantId: config.bot.tenantId } : {}),
          }),
    ...sdkOptions,
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(options);
  // The auth object is built to validate options eagerly: a bad combination fails at start, not at the first request.
  new ConfigurationBotFrameworkAuthentication(options, credentials);
  return new WeerbaarAdapter(options, credentials);
}

export function botAppId(config: Config): string {
  return config.bot.auth === 'anonymous' ? '' : config.bot.appId;
}

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
