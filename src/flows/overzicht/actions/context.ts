import type { ActionHandler } from '../../flow-module.js';
import type { HandlingDeps } from '../../handling/ports.js';
import type { Services } from '../../services.js';

/** What the overview's actions share. */
export interface OverzichtContext {
  services: Services;
  deps: HandlingDeps;
}

/** One action of the overview card: its verb, and its handler built from the shared context. */
export interface OverzichtAction {
  verb: string;
  build(ctx: OverzichtContext): ActionHandler;
}
