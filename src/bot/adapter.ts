import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config.js';

/**
 * The CloudAdapter (JWT checked on every request) for the configured identity.
 * Without an app id (local, Agents Playground) authentication is disabled, as
 * botbuilder does for an empty app id; with one, a request without a valid token gets 401.
 */
export function createAdapter(config: Config): TeamsAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions =
    config.bot.auth === 'anonymous'
      ? {}
      : config.bot.auth === 'managed-identity'
        ? { MicrosoftAppId: config.bot.appId, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: config.bot.tenantId }
        : {
            MicrosoftAppId: config.bot.appId,
            MicrosoftAppPassword: config.bot.password,
            MicrosoftAppType: config.bot.type,
            ...(config.bot.tenantId ? { MicrosoftAppTenantId: config.bot.tenantId } : {}),
          };
  const credentials = new ConfigurationServiceClientCredentialFactory(options);
  // The auth object is built to validate options eagerly: a bad combination fails at start, not at the first request.
  new ConfigurationBotFrameworkAuthentication(options, credentials);
  return new TeamsAdapter(options, credentials);
}

export function botAppId(config: Config): string {
  return config.bot.auth === 'anonymous' ? '' : config.bot.appId;
}
