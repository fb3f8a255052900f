import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { Config } from '../config.js';

export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

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
