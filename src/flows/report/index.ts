import { StaleDraftError } from '../../store/draft-cache.js';
import type { HandlingDeps } from '../handling/ports.js';
import type { ActionHandler, FlowModule } from '../router.js';
import type { Services } from '../services.js';
import type { Actor, TurnInput } from '../types.js';
import { aanvullen } from './actions/aanvullen.js';
import { askCancel, confirmCancel } from './actions/annuleren.js';
import { editPart } from './actions/bewerk.js';
import { reportMessage } from './actions/bericht-melden.js';
import { addAttachments } from './actions/bijlagen.js';
import { reportContext } from './actions/context.js';
import { resume } from './actions/doorgaan.js';
import { later } from './actions/later.js';
import { submit } from './actions/indienen.js';
import { chooseFull, chooseShort, submitShort } from './actions/kort.js';
import { myReports } from './actions/mijn-meldingen.js';
import { submitStep } from './actions/stap.js';
import { start } from './actions/start.js';
import { doubt } from './actions/twijfel.js';
import { answerSafety } from './actions/veilig.js';
import { previous } from './actions/vorige.js';
import { filedMelding } from './confirmation.js';

/** A turn decided on a draft from memory that proved stale runs again on the stored draft. */
const ATTEMPTS = 3;

function onStoredDraft(handler: ActionHandler): ActionHandler {
  return async (input, actor, data) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await handler(input, actor, data);
      } catch (err) {
        if (!(err instanceof StaleDraftError) || attempt >= ATTEMPTS) throw err;
      }
    }
  };
}

/**
 * The guided melding in the personal chat: one open draft per person, saved at every step. With
 * the afhandeling's tables (`deps`) the melder can add to a short melding afterwards (Aanvullen),
 * which updates its posted cards; without them (the melding alone, in tests) that is not offered.
 */
export function reportFlow(services: Services, deps?: HandlingDeps): FlowModule {
  const ctx = reportContext(services);
  const actions: Record<string, ActionHandler> = {
    'melding.start': (input, actor) => start(ctx, input, actor, false),
    'melding.overleg': (input, actor) => start(ctx, input, actor, true),
    'melding.twijfel': (input, actor) => doubt(ctx, input, actor),
    'meldingen.mijn': (input, actor) => myReports(ctx, input, actor),
    'melding.doorgaan': (input, actor) => resume(ctx, input, actor),
    'melding.veilig': (input, actor, data) => answerSafety(ctx, input, actor, data),
    'melding.stap': (input, actor, data) => submitStep(ctx, input, actor, data),
    'melding.vorige': (input, actor, data) => previous(ctx, input, actor, data),
    'melding.bewerk': (input, actor, data) => editPart(ctx, input, actor, data),
    'melding.later': (_input, actor, data) => later(ctx, actor, data),
    'melding.annuleren': (_input, actor, data) => askCancel(ctx, actor, data),
    'melding.annuleren.bevestig': (_input, actor, data) => confirmCancel(ctx, actor, data),
    'melding.indienen': (input, actor, data) => submit(ctx, input, actor, data),
    'melding.kort.kiezen': (input, actor, data) => chooseShort(ctx, input, actor, data),
    'melding.kort.volledig': (input, actor, data) => chooseFull(ctx, input, actor, data),
    'melding.kort': (input, actor, data) => submitShort(ctx, input, actor, data),
    ...(deps ? { 'melding.aanvullen': (input: TurnInput, actor: Actor, data: unknown) => aanvullen(ctx, deps, input, actor, data) } : {}),
  };
  return {
    hasDraft: async (actor) => {
      const found = await ctx.drafts.get(ctx.org, actor.aadObjectId);
      return found !== undefined && !(await filedMelding(ctx, actor, found.value));
    },
    commands: {
      melden: (input, actor) => start(ctx, input, actor, false),
      mijnMeldingen: (input, actor) => myReports(ctx, input, actor),
      twijfel: (input, actor) => doubt(ctx, input, actor),
    },
    actions: Object.fromEntries(Object.entries(actions).map(([verb, handler]) => [verb, onStoredDraft(handler)])),
    onMessage: (input, actor) => addAttachments(ctx, input, actor),
    onMessageAction: (input, actor) => reportMessage(ctx, input, actor, deps?.conversations ?? { getPerson: () => Promise.resolve(undefined) }),
  };
}
