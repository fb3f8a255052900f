import type { Config } from '../config.js';
import type { Profile } from '../domain/profiles/index.js';
import type { Logger } from '../logger.js';
import type { PeopleDirectory } from '../people/directory.js';
import type { EffectQueue } from '../shared/jobs.js';
import type { IncidentRepository } from '../store/ports.js';

/**
 * What the agenda uses of the deployment's services, and no more. The flows' Services satisfy it
 * as they are, so the agenda is given them without importing the flows above it.
 */
export interface AgendaServices {
  config: Config;
  profile: Profile;
  people: PeopleDirectory;
  logger: Logger;
  store: { incidents: Pick<IncidentRepository, 'get'> };
  effects: EffectQueue;
  orgId: string;
}
