import type { Incident, IncidentState } from '../../domain/incident-schema.js';
import { transition } from '../../domain/incident.js';
import { validateDecision } from '../../domain/measures.js';
import { roleLabel } from '../../domain/route.js';
import { fmt, nl } from '../../i18n/nl.js';
import { ConflictError } from '../../store/errors.js';
import { refuse, show } from '../common.js';
import type { ActionHandler } from '../router.js';
import type { Services } from '../services.js';
import type { Actor, TurnInput, TurnResult } from '../types.js';
import { isHandler, peopleWithRole } from './access.js';
import { handlerTeamsUserIds } from './refresh.js';
import { DecisionDataSchema, formOf, parseDecision, parseHandover, type DecisionData } from './decision-input.js';
import { enqueueGesprekken } from './agenda-effects.js';
import { enqueueChange, enqueuePost } from './effects.js';
import type { HandlingDeps } from './ports.js';
import { meldingCard, viewContext, type FormValues } from './view.js';

const a = nl.afhandeling;

type Mutation =
  | { ok: true; incident: Incident; banner: string; after?: (saved: Incident) => Promise<void> }
  | { ok: false; outcome: 'ongeldig' | 'niet-toegestaan'; errors: string[] };

type Mutate = (incident: Incident, data: DecisionData, input: TurnInput, actor: Actor) => Mutation;

/** The Teams user ids of the handlers we have seen, for the card's refresh (handler view). */

export function handlingActions(services: Services, deps: HandlingDeps): Record<string, ActionHandler> {
  const org = services.orgId;

  const audit = (incident: Incident, actor: Actor, verb: string, outcome: string, now: Date) =>
    services.store.audit.append({ orgId: org, incidentId: incident.id, actorId: actor.aadObjectId, verb, outcome, at: now.toISOString() });

  const render = async (
    incident: Incident,
    actor: Actor,
    now: Date,
    extra: { banner?: string; errors?: string[]; form?: FormValues } = {},
  ): Promise<TurnResult> => {
    const ctx = await viewContext(services, incident, now, deps.agenda);
    const handler = isHandler(services, incident, actor.aadObjectId);
    return show(meldingCard(incident, ctx, { handler, ...extra, refreshUserIds: await handlerTeamsUserIds(services, deps, incident) }));
  };

  const act =
    (verb: string, mutate: Mutate): ActionHandler =>
    async (input, actor, raw) => {
      const parsed = DecisionDataSchema.safeParse(raw);
      if (!parsed.success) return refuse(nl.errors.invalidPayload);
      const found = await services.store.incidents.get(org, parsed.data.incidentId);
      if (!found) return refuse(a.onbekend);
      const incident = found.value;
      if (!isHandler(services, incident, actor.aadObjectId)) {
        services.logger.warn({ actor: actor.aadObjectId, incident: incident.id, verb }, 'non-handler refused');
        await audit(incident, actor, verb, 'geweigerd', input.now);
        return render(incident, actor, input.now, { banner: a.weigering });
      }
      const result = mutate(incident, parsed.data, input, actor);
      if (!result.ok) {
        await audit(incident, actor, verb, result.outcome, input.now);
        return result.outcome === 'niet-toegestaan'
          ? render(incident, actor, input.now, { banner: a.alBesloten })
          : render(incident, actor, input.now, { errors: result.errors, form: formOf(parsed.data) });
      }
      let saved;
      try {
        saved = await services.store.incidents.update(result.incident, found.etag);
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        // Another handler (or a second click) won the ETag race: theirs is the decision.
        await audit(incident, actor, verb, 'conflict', input.now);
        const fresh = await services.store.incidents.get(org, incident.id);
        return render(fresh?.value ?? incident, actor, input.now, { banner: a.alBesloten });
      }
      await audit(saved.value, actor, verb, 'ok', input.now);
      await result.after?.(saved.value);
      // Behandelen only moves the melding to "in behandeling": updating the card the handler just
      // opened would replace her form (clients without per-user refresh show the shared view).
      const clicked = verb === 'afhandeling.openen' ? input.conversation.ref.conversation.id.split(';')[0] : undefined;
      await enqueueChange(services, deps, saved.value, saved.etag, incident.state, clicked);
      services.logger.info({ actor: actor.aadObjectId, incident: incident.id, verb, state: saved.value.state }, 'afhandeling');
      return render(saved.value, actor, input.now, { banner: result.banner });
    };

  const illegal = (message: string): Mutation => ({ ok: false, outcome: 'niet-toegestaan', errors: [message] });

  const vaststellen: Mutate = (incident, data, input, actor) => {
    const parsed = parseDecision(data);
    if (!parsed.ok) return { ok: false, outcome: 'ongeldig', errors: parsed.errors };
    const decision = { types: parsed.types, ...(parsed.comment ? { comment: parsed.comment } : {}), ...(parsed.endDate ? { endDate: parsed.endDate } : {}) };
    const errors = validateDecision(decision, incident, services.profile, input.now);
    if (errors.length > 0) return { ok: false, outcome: 'ongeldig', errors };
    const t = transition(incident, { type: 'vaststellen', decision: { ...decision, decidedBy: { aadObjectId: actor.aadObjectId, name: actor.name.slice(0, 200) } } }, input.now);
    if (!t.ok) return illegal(t.error.message);
    return { ok: true, incident: t.incident, banner: a.vastgesteld, after: (saved) => enqueueGesprekken(services, deps, saved) };
  };

  const afwijzen: Mutate = (incident, data, input) => {
    const reason = data.reden?.trim() ?? '';
    if (reason === '') return { ok: false, outcome: 'ongeldig', errors: [a.form.redenNodig] };
    const t = transition(incident, { type: 'afwijzen', reason }, input.now);
    if (!t.ok) return t.error.code === 'illegal-transition' ? illegal(t.error.message) : { ok: false, outcome: 'ongeldig', errors: [t.error.message] };
    return { ok: true, incident: t.incident, banner: a.afgewezen };
  };

  const afsluiten: Mutate = (incident, _data, input) => {
    const t = transition(incident, { type: 'sluiten' }, input.now);
    return t.ok ? { ok: true, incident: t.incident, banner: a.afgesloten } : illegal(t.error.message);
  };

  /** Only to another handler role of this melding's own routing, and only while it is open. */
  const overdragen: Mutate = (incident, data) => {
    const open: readonly IncidentState[] = ['gemeld', 'in-behandeling'];
    if (!open.includes(incident.state)) return illegal(a.alBesloten);
    const role = parseHandover(data);
    const primary = incident.routing.handlers[0];
    if (!role.success || role.data === primary || !incident.routing.handlers.includes(role.data)) {
      return { ok: false, outcome: 'ongeldig', errors: [a.form.kiesBehandelaar] };
    }
    const target = role.data;
    const handlerIds = peopleWithRole(services, target);
    if (handlerIds.length === 0) return { ok: false, outcome: 'ongeldig', errors: [a.form.kiesBehandelaar] };
    const next: Incident = {
      ...incident,
      routing: { ...incident.routing, handlers: [target, ...incident.routing.handlers.filter((r) => r !== target)] },
      handlerIds,
    };
    return {
      ok: true,
      incident: next,
      banner: fmt(a.overgedragen, { role: roleLabel(services.profile, target) }),
      after: (saved) => enqueuePost(services, saved.id, { kind: 'channel', role: target }),
    };
  };

  const openen: ActionHandler = async (input, actor, raw) => {
    const parsed = DecisionDataSchema.safeParse(raw);
    if (!parsed.success) return refuse(nl.errors.invalidPayload);
    const found = await services.store.incidents.get(org, parsed.data.incidentId);
    if (!found) return refuse(a.onbekend);
    if (found.value.state === 'gemeld' && isHandler(services, found.value, actor.aadObjectId)) {
      return act('afhandeling.openen', (incident, _d, inp) => {
        const t = transition(incident, { type: 'startBehandeling' }, inp.now);
        return t.ok ? { ok: true, incident: t.incident, banner: '' } : illegal(t.error.message);
      })(input, actor, raw);
    }
    if (!isHandler(services, found.value, actor.aadObjectId)) {
      await audit(found.value, actor, 'afhandeling.openen', 'geweigerd', input.now);
      return render(found.value, actor, input.now, { banner: a.weigering });
    }
    return render(found.value, actor, input.now);
  };

  /** Universal Actions' refresh: each person gets their own view; nothing changes. */
  const vernieuwen: ActionHandler = async (input, actor, raw) => {
    const parsed = DecisionDataSchema.safeParse(raw);
    if (!parsed.success) return refuse(nl.errors.invalidPayload);
    const found = await services.store.incidents.get(org, parsed.data.incidentId);
    return found ? render(found.value, actor, input.now) : refuse(a.onbekend);
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
