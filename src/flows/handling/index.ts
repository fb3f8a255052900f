import type { FlowModule } from '../router.js';
import type { Services } from '../services.js';
import { handlingActions } from './actions.js';
import { agendaActions, nazorgActions } from './agenda-actions.js';
import { failedJobsFlow, type FailedJobs } from './failed.js';
import { linkCommands } from './links.js';
import type { HandlingDeps } from './ports.js';
import { unlessSuspended } from './suspended.js';
import { onMembersAdded } from './channel-guard.js';
import { overzichtFlow } from '../overzicht/index.js';
import { rapportFlow } from '../rapport/index.js';
import { plegerFlow } from '../pleger/index.js';
import { avgFlow } from '../avg/index.js';

export { captureConversations } from './capture.js';
export { recoverOutboxEntry } from './recovery.js';
export type { HandlingAgenda, HandlingDeps, Messenger } from './ports.js';
export { agendaChanged, enqueueGesprekken } from './agenda-effects.js';
export type { FailedJobs } from './failed.js';

/**
 * The afhandeling: linking channels, the handler's decisions on the melding card, and the
 * coordinator's view of failed side effects (`mislukt`, Opnieuw proberen), and the overview of
 * open meldingen (`overzicht`, src/flows/overzicht/) and the yearly report (`rapport`, src/flows/rapport/).
 */
export function handlingFlow(services: Services, deps: HandlingDeps, jobs: FailedJobs): FlowModule {
  const failed = failedJobsFlow(services, jobs);
  const overzicht = overzichtFlow(services, deps);
  const pleger = plegerFlow(services, deps);
  const avg = avgFlow(services, deps);
  const rapport = rapportFlow(services, deps.agenda);
  return {
    actions: {
      ...unlessSuspended(services, { ...handlingActions(services, deps), ...agendaActions(services, deps), ...pleger.actions }),
      ...nazorgActions(services, deps),
      ...failed.actions,
      ...overzicht.actions,
      ...avg.actions,
      ...rapport.actions,
    },
    commands: { ...linkCommands(services, deps), ...failed.commands, ...overzicht.commands, ...rapport.commands, ...pleger.commands, ...avg.commands },
    onMembersAdded: (input) => onMembersAdded(services, input),
  };
}
