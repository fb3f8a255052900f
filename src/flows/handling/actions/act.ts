import type { ChangeEvent, TransitionError, TransitionResult } from '../../../domain/incident.js';
import type { Incident } from '../../../domain/incident-schema.js';
import { nl } from '../../../shared/i18n/nl.js';
import type { ActionHandler } from '../../router.js';
import type { Services } from '../../services.js';
import type { Actor, TurnInput } from '../../types.js';
import { admit, auditor, handlerAccess, type Gate, type RenderMelding, type ViewMelding } from '../admit.js';
import { carryOut } from '../carry-out.js';
import { DecisionDataSchema, formOf, type DecisionData } from '../decision-input.js';
import type { HandlingDeps } from '../ports.js';
import { storeChange } from '../store-change.js';

const a = nl.afhandeling;

/** What a handler's decision on the melding card comes to: the changed melding and what follows from it, or why not. */
export type Mutation =
  /** subject: what within the melding it was about (a task id), kept in the audit trail */
  | { ok: true; incident: Incident; events: readonly ChangeEvent[]; banner: string; subject?: string }
  | { ok: false; outcome: 'niet-toegestaan' }
  | { ok: false; outcome: 'ongeldig'; errors: string[] };

export type Mutate = (incident: Incident, data: DecisionData, input: TurnInput, actor: Actor) => Mutation;

/** What the afhandeling's actions share: the handlers' gate and card, and the way one decision is carried through. */
export interface HandlingContext {
  services: Services;
  access: Gate & { render: RenderMelding; view: ViewMelding };
  /**
   * One decision: admit, decide, store with the ETag, audit, update the posted cards, carry out
   * what follows, show the card. keepClickedCard: the clicked card is not updated by the job.
   * retryOnConflict: a change that does not exclude another (a task ticked while another handler
   * ticked another) is decided once more on the stored melding when it lost the ETag race.
   * gate: who may do this, when it is not only the melding's handlers.
   */
  act(verb: string, mutate: Mutate, options?: { keepClickedCard?: boolean; retryOnConflict?: boolean; gate?: Gate }): ActionHandler;
}

/** One action of the melding card: its verb, and its handler built from the shared context. */
export interface HandlingAction {
  verb: string;
  build(ctx: HandlingContext, verb: string): ActionHandler;
}

export function handlingContext(services: Services, deps: HandlingDeps): HandlingContext {
  const access = handlerAccess(services, deps);
  const { render } = access;
  const act: HandlingContext['act'] = (verb, mutate, options = {}) => async (input, actor, raw) => {
    const admitted = await admit(services, options.gate ?? access, DecisionDataSchema, { verb, input, actor, raw });
    if (!admitted.ok) return admitted.answer;
    const { data } = admitted;
    const audit = auditor(services, verb, actor, input.now);
    const stored = await storeChange(
      services,
      deps,
      admitted.found,
      async (incident) => {
        const result = mutate(incident, data, input, actor);
        if (result.ok) return result;
        await audit(incident, result.outcome);
        const shown = result.outcome === 'niet-toegestaan' ? { banner: a.alBesloten } : { errors: result.errors, form: formOf(data) };
        return { answer: await render(incident, actor, input.now, shown) };
      },
      {
        audit,
        clicked: options.keepClickedCard ? input.conversation.ref.conversation.id.split(';')[0] : undefined,
        retry: options.retryOnConflict === true,
        // another handler (or a second click) won the ETag race: theirs is the decision
        lost: async (incident, fresh) => {
          await audit(incident, 'conflict');
          return render(fresh?.value ?? incident, actor, input.now, { banner: a.alBesloten });
        },
      },
    );
    if ('answer' in stored) return stored.answer;
    const { saved, change } = stored;
    await carryOut(services, deps, saved.value, change.events);
    services.logger.info({ actor: actor.aadObjectId, incident: saved.value.id, verb, state: saved.value.state }, 'afhandeling');
    return render(saved.value, actor, input.now, { banner: change.banner });
  };
  return { services, access, act };
}

/** A change the domain refused, as the card shows it. */
export function refused(error: TransitionError): Mutation {
  switch (error.code) {
    case 'invalid-event':
      return { ok: false, outcome: 'ongeldig', errors: [error.message] };
    case 'invalid-handover':
      return { ok: false, outcome: 'ongeldig', errors: [a.form.kiesBehandelaar] };
    case 'illegal-transition':
    case 'handover-closed':
      return { ok: false, outcome: 'niet-toegestaan' };
  }
}

/** The domain's answer to a decision, with the banner the card shows when it went through. */
export function mutation(t: TransitionResult, banner: string): Mutation {
  return t.ok ? { ok: true, incident: t.incident, events: t.events, banner } : refused(t.error);
}
