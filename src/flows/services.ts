import type { Config } from '../config.js';
import type { Profile } from '../domain/profiles/index.js';
import type { Logger } from '../logger.js';
import type { PeopleDirectory } from '../people/directory.js';
import type { EffectQueue } from '../shared/jobs.js';
import type { Downloads } from '../store/downloads.js';
import type { PlegerElders } from '../store/pleger-elders.js';
import type { Store } from '../store/ports.js';

/** What a flow may use. Assembled once in src/initialize.ts; tests build their own. */
export interface Services {
  config: Config;
  profile: Profile;
  people: PeopleDirectory;
  logger: Logger;
  store: Store;
  effects: EffectQueue;
  /** files for one person, through a signed link that expires */
  downloads: Downloads;
  /** the organisation this deployment serves: the partition of everything stored */
  orgId: string;
  /** the pleger signal across the deployment's organisations, when this one and others consented; a count-only port */
  plegerElders?: PlegerElders | undefined;
}
