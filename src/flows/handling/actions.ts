import type { Incident } from '../../domain/incident-schema.js';
import { transition, type ChangeEvent, type TransitionError, type TransitionResult } from '../../domain/incident.js';
import { validateDecision } from '../../domain/measures.js';
import { roleLabel } from '../../domain/route.js';
import { fmt, nl } from '../../i18n/nl.js';
import { ConflictError } from '../../store/errors.js';
import type { ActionHandler } from '../router.js';
import type { Services } from '../services.js';
import type { Actor, TurnInput } from '../types.js';
import { peopleWithRole } from './access.js';
import { admit, auditor, handlerAccess, load } from './admit.js';
import { carryOut } from './carry-out.js';
import { DecisionDataSchema, formOf, parseDecision, parseHandover, type DecisionData } from './decision-input.js';
import { enqueueChange } from './effects.js';
import type { HandlingDeps } from './ports.js';

const a = nl.afhandeling;

type Mutation =
  | { ok: true; incident: Incident; events: readonly ChangeEvent[]; banner: string }
  | { ok: false; outcome: 'niet-toegestaan' }
  | { ok: false; outcome: 'ongeldig'; errors: string[] };

type Mutate = (incident: Incident, data: DecisionData, input: TurnInput, actor: Actor) => Mutation;

export function handlingActions(services: Services, deps: HandlingDeps): Record<string, ActionHandler> {
  const access = handlerAccess(services, deps);
  const { render } = access;

  const act =
    (verb: string, mutate: Mutate): ActionHandler =>
    async (input, actor, raw) => {
      const admitted = await admit(services, access, DecisionDataSchema, { verb, input, actor, raw });
      if (!admitted.ok) return admitted.answer;
      const { found, data } = admitted;
      const incident = found.value;
      const audit = auditor(services, verb, actor, input.now);
      const result = mutate(incident, data, input, actor);
      if (!result.ok) {
        await audit(incident, result.outcome);
        return result.outcome === 'niet-toegestaan'
          ? render(incident, actor, input.now, { banner: a.alBesloten })
          : render(incident, actor, input.now, { errors: result.errors, form: formOf(data) });
      }
      let saved;
      try {
        saved = await services.store.incidents.update(result.incident, found.etag);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        // Another handler (or a second click) won the ETag race: theirs is the decision.
        await audit(incident, 'conflict');
        const fresh = await services.store.incidents.get(services.orgId, incident.id);
        return render(fresh?.value ?? incident, actor, input.now, { banner: a.alBesloten });
      }
      await audit(saved.value, 'ok');
      // Behandelen only moves the melding to "in behandeling": updating the card the handler just
      // opened would replace her form (clients without per-user refresh show the shared view).
      const clicked = verb === 'afhandeling.openen' ? input.conversation.ref.conversation.id.split(';')[0] : undefined;
      await enqueueChange(services, deps, saved.value, saved.etag, clicked);
      await carryOut(services, deps, saved.value, result.events);
      services.logger.info({ actor: actor.aadObjectId, incident: incident.id, verb, state: saved.value.state }, 'afhandeling');
      return render(saved.value, actor, input.now, { banner: result.banner });
    };

  /** A change the domain refused, as the card shows it. */
  const refused = (error: TransitionError): Mutation => {
    switch (error.code) {
      case 'invalid-event':
        return { ok: false, outcome: 'ongeldig', errors: [error.message] };
      case 'invalid-handover':
        return { ok: false, outcome: 'ongeldig', errors: [a.form.kiesBehandelaar] };
      case 'illegal-transition':
      case 'handover-closed':
        return { ok: false, outcome: 'niet-toegestaan' };
    }
  };
  const mutation = (t: TransitionResult, banner: string): Mutation =>
    t.ok ? { ok: true, incident: t.incident, events: t.events, banner } : refused(t.error);

  const vaststellen: Mutate = (incident, data, input, actor) => {
    const parsed = parseDecision(data);
    if (!parsed.ok) return { ok: false, outcome: 'ongeldig', errors: parsed.errors };
    const decision = { types: parsed.types, ...(parsed.comment ? { comment: parsed.comment } : {}), ...(parsed.endDate ? { endDate: parsed.endDate } : {}) };
    const errors = validateDecision(decision, incident, services.profile, input.now);
    if (errors.length > 0) return { ok: false, outcome: 'ongeldig', errors };
    const decidedBy = { aadObjectId: actor.aadObjectId, name: actor.name.slice(0, 200) };
    return mutation(transition(incident, { type: 'vaststellen', decision: { ...decision, decidedBy } }, input.now, services.profile), a.vastgesteld);
  };

  const afwijzen: Mutate = (incident, data, input) => {
    const reason = data.reden?.trim() ?? '';
    if (reason === '') return { ok: false, outcome: 'ongeldig', errors: [a.form.redenNodig] };
    return mutation(transition(incident, { type: 'afwijzen', reason }, input.now, services.profile), a.afgewezen);
  };

  const afsluiten: Mutate = (incident, _data, input) => mutation(transition(incident, { type: 'sluiten' }, input.now, services.profile), a.afgesloten);

  /** The domain decides whether the role may take the melding over. */
  const overdragen: Mutate = (incident, data, input) => {
    const role = parseHandover(data);
    const handlerIds = role.success ? peopleWithRole(services, role.data) : [];
    const banner = role.success ? fmt(a.overgedragen, { role: roleLabel(services.profile, role.data) }) : '';
    return mutation(transition(incident, { type: 'overdragen', to: data.overdragenAan ?? '', handlerIds }, input.now, services.profile), banner);
  };

  const behandelen = act('afhandeling.openen', (incident, _d, input) =>
    mutation(transition(incident, { type: 'startBehandeling' }, input.now, services.profile), ''),
  );

  const openen: ActionHandler = async (input, actor, raw) => {
    const admitted = await admit(services, access, DecisionDataSchema, { verb: 'afhandeling.openen', input, actor, raw });
    if (!admitted.ok) return admitted.answer;
    return admitted.found.value.state === 'gemeld' ? behandelen(input, actor, raw) : render(admitted.found.value, actor, input.now);
  };

  /** Universal Actions' refresh: each person gets their own view; nothing changes. */
  const vernieuwen: ActionHandler = async (input, actor, raw) => {
    const loaded = await load(services, DecisionDataSchema, raw);
    return loaded.ok ? render(loaded.found.value, actor, input.now) : loaded.answer;
  };

  return {
    'afhandeling.openen': openen,
    'afhandeling.vernieuwen': vernieuwen,
    'afhandeling.vaststellen': act('afhandeling.vaststellen', vaststellen),
    'afhandeling.afwijzen': act('afhandeling.afwijzen', afwijzen),
    'afhandeling.afsluiten': act('afhandeling.afsluiten', afsluiten),
    'afhandeling.overdragen': act('afhandeling.overdragen', overdragen),
  };
}
