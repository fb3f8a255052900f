import type { FlowModule } from '../router.js';
import type { Services } from '../services.js';
import { handlingActions } from './actions.js';
import { linkCommands } from './links.js';
import type { HandlingDeps } from './ports.js';

export { captureConversations } from './capture.js';
export { recoverMeldingen } from './recovery.js';
export type { HandlingDeps, Messenger } from './ports.js';

/** The afhandeling: linking channels, and the handler's decisions on the melding card. */
export function handlingFlow(services: Services, deps: HandlingDeps): FlowModule {
  return { actions: handlingActions(services, deps), commands: linkCommands(services, deps) };
}
