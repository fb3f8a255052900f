import type { z } from 'zod';
import type { Incident } from '../../domain/incident-schema.js';
import { nl } from '../../shared/i18n/nl.js';
import type { Versioned } from '../../store/ports.js';
import { refuse, show } from '../common.js';
import type { Services } from '../services.js';
import type { Actor, TurnInput, TurnResult } from '../types.js';
import { gewistCard } from '../avg/card.js';
import { isHandler, isInformedCoordinator, mayEvaluate } from './access.js';
import { channelRef } from './links.js';
import type { HandlingDeps } from './ports.js';
import { refreshTeamsUserIds } from './refresh.js';
import { mayOpenFor } from './pleger-signal.js';
import { meldingCard, viewContext, type FormValues } from './view.js';

/** Who may act on a melding, and what the others see instead. */
export interface Gate {
  /** checked on the server by Entra object id, never from the card */
  allowed(incident: Incident, actor: Actor): boolean;
  refused(incident: Incident, actor: Actor, input: TurnInput): Promise<TurnResult>;
}

/** One click on a melding's card, as the router hands it over. */
export interface ActionRequest {
  verb: string;
  input: TurnInput;
  actor: Actor;
  raw: unknown;
  /** a refusal is audited unless the action only shows something */
  auditRefusal?: boolean;
}

export type Loaded<T> = { ok: true; found: Versioned<Incident>; data: T } | { ok: false; answer: TurnResult };

export type Audit = (incident: Incident, outcome: string, subject?: string) => Promise<void>;

/** The audit trail of one click: each call appends what it came to for a melding. */
export function auditor(services: Services, verb: string, actor: Actor, now: Date): Audit {
  return (incident, outcome, subject) =>
    services.store.audit.append({
      orgId: services.orgId,
      incidentId: incident.id,
      actorId: actor.aadObjectId,
      verb,
      outcome,
      at: now.toISOString(),
      ...(subject !== undefined ? { subject } : {}),
    });
}

/** Parses the card's data and loads the melding it names from the store (the card's own copy is never trusted). */
export async function load<T extends { incidentId: string }>(services: Services, schema: z.ZodType<T>, raw: unknown): Promise<Loaded<T>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, answer: refuse(nl.errors.invalidPayload) };
  const found = await services.store.incidents.get(services.orgId, parsed.data.incidentId);
  if (!found) return { ok: false, answer: refuse(nl.afhandeling.onbekend) };
  // an erased melding takes no more decisions (they would bring names and texts back): it only shows that it was erased
  const erased = gewistCard(found.value, services.profile);
  if (erased) return { ok: false, answer: show(erased) };
  return { ok: true, found, data: parsed.data };
}

/**
 * Loads the melding and checks the actor: the melding, or the answer to give instead. A refusal
 * is audited before it is shown, so a card that lists the history lists the refusal too.
 */
export async function admit<T extends { incidentId: string }>(
  services: Services,
  gate: Gate,
  schema: z.ZodType<T>,
  request: ActionRequest,
): Promise<Loaded<T>> {
  const { verb, input, actor } = request;
  const loaded = await load(services, schema, request.raw);
  if (!loaded.ok) return loaded;
  const incident = loaded.found.value;
  if (gate.allowed(incident, actor)) return loaded;
  services.logger.warn({ actor: actor.aadObjectId, incident: incident.id, verb }, 'not allowed; refused');
  if (request.auditRefusal ?? true) await auditor(services, verb, actor, input.now)(incident, 'geweigerd');
  return { ok: false, answer: await gate.refused(incident, actor, input) };
}

export type RenderMelding = (
  incident: Incident,
  actor: Actor,
  now: Date,
  extra?: { banner?: string; errors?: string[]; form?: FormValues },
) => Promise<TurnResult>;

/** Shows the melding card to whoever may see it, and nothing of it to anyone else. */
export type ViewMelding = (incident: Incident, actor: Actor, input: TurnInput, extra?: { banner?: string }) => Promise<TurnResult>;

/**
 * The handlers' gate on the melding card, and the card as each person sees it (the handler view
 * for a handler). Someone else sees the card only where they could read it anyway: the
 * coordinator once informed of it, or a reader of a channel the melding was posted in, clicking there. Anyone else
 * (a forged id in a 1:1 chat, say) learns nothing of the melding.
 */
export function handlerAccess(services: Services, deps: HandlingDeps): Gate & { render: RenderMelding; view: ViewMelding } {
  const render: RenderMelding = async (incident, actor, now, extra = {}) => {
    const ctx = await viewContext(services, incident, now, deps.agenda, mayOpenFor(services, deps.posts, { kind: 'persoon', aadObjectId: actor.aadObjectId }));
    const handler = isHandler(services, incident, actor.aadObjectId);
    const evaluator = mayEvaluate(services, incident, actor.aadObjectId);
    const coordinator = services.people.hasRole(actor.aadObjectId, 'coordinator');
    return show(meldingCard(incident, ctx, { handler, evaluator, coordinator, ...extra, refreshUserIds: await refreshTeamsUserIds(services, deps, incident) }));
  };
  const mayView = async (incident: Incident, actor: Actor, input: TurnInput): Promise<boolean> => {
    if (isHandler(services, incident, actor.aadObjectId)) return true;
    if (isInformedCoordinator(services, incident, actor.aadObjectId)) return true;
    if (input.conversation.kind !== 'channel') return false;
    const here = channelRef(input.conversation.ref).conversation.id;
    return (await deps.posts.list(services.orgId, incident.id)).some((p) => p.target.kind === 'channel' && channelRef(p.conversationRef).conversation.id === here);
  };
  const view: ViewMelding = async (incident, actor, input, extra = {}) => {
    if (await mayView(incident, actor, input)) return render(incident, actor, input.now, extra);
    services.logger.warn({ actor: actor.aadObjectId, incident: incident.id }, 'melding not shown: not a reader');
    return refuse(nl.afhandeling.geenInzage);
  };
  return {
    allowed: (incident, actor) => isHandler(services, incident, actor.aadObjectId),
    refused: (incident, actor, input) => view(incident, actor, input, { banner: nl.afhandeling.weigering }),
    render,
    view,
  };
}
