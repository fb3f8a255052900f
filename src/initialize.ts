import { readFileSync } from 'node:fs';
import type { Config } from './config.js';
import { applyOverrides, getProfile, type Profile } from './domain/profiles/index.js';
import { createAdapter, botAppId } from './bot/adapter.js';
import { createApplication } from './bot/app.js';
import { createBotServer } from './bot/server.js';
import { createRouter } from './flows/router.js';
import type { Services } from './flows/services.js';
import { createLogger, type Logger } from './logger.js';
import { PeopleDirectory } from './people/directory.js';

export function loadProfile(config: Config): Profile {
  const base = getProfile(config.profileId);
  if (!config.profileOverridesFile) return base;
  return applyOverrides(base, readFileSync(config.profileOverridesFile, 'utf8'));
}

export interface Weerbaar {
  services: Services;
  handle: ReturnType<typeof createRouter>;
  server: ReturnType<typeof createBotServer>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Assembles everything from a config. index.ts only calls this and listens. */
export async function initialize(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<Weerbaar> {
  const services: Services = {
    config,
    profile: loadProfile(config),
    people: PeopleDirectory.fromFile(config.peopleFile),
    logger,
  };
  const handle = createRouter(services, []);
  const adapter = createAdapter(config);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: { name: error.name, message: error.message }, activityType: context.activity.type }, 'unhandled turn error');
  };
  const app = createApplication(adapter, botAppId(config), handle, logger);
  const server = createBotServer({
    logger,
    processActivity: (req, res) => adapter.process(req, res, (ctx) => app.run(ctx).then(() => undefined)),
  });
  return {
    services,
    handle,
    server,
    async start() {},
    async stop() {},
  };
}
