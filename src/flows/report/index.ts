import { nazorgReceiverId } from '../../agenda/people.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { categoryTexts } from '../../domain/classify.js';
import { deadlineStatus } from '../../domain/deadlines.js';
import { formatDutch, formatDutchDate } from '../../domain/format.js';
import type { Incident } from '../../domain/incident-schema.js';
import { doubtContactsFor, roleLabel } from '../../domain/route.js';
import { CATEGORIES, type AmbtsdragerRole, type FunctionarisRole } from '../../domain/types.js';
import { LIMITS } from '../../domain/incident-schema.js';
import { renderCard } from '../../cards/render.js';
import { fmt, nl } from '../../i18n/nl.js';
import { AlreadyExistsError, ConflictError } from '../../store/errors.js';
import type { Versioned } from '../../store/ports.js';
import { enqueueNewMelding } from '../handling/effects.js';
import { messageCard, personalOnly, refuse, show } from '../common.js';
import type { FlowModule } from '../router.js';
import type { Services } from '../services.js';
import type { Actor, CardJson, TurnInput, TurnResult } from '../types.js';
import { countedSteps, DraftSchema, newDraft, nextStep, previousStep, StepSchema, type Draft, type Step } from './draft.js';
import { readFields } from './fields.js';
import { FORM_STEPS, knownRole, type StepContext } from './steps.js';
import { buildIncident, firstMissing, reserveNumber } from './submit.js';
import { cancelCard, stepCard, unsafeCard } from './view.js';

const m = nl.melding;
const DraftRefSchema = z.object({ draftId: z.uuid() }).loose();
const StepRefSchema = DraftRefSchema.extend({ step: StepSchema });
const SafetySchema = DraftRefSchema.extend({ veilig: z.enum(['ja', 'nee']) });
const EditSchema = DraftRefSchema.extend({ part: StepSchema });

/** The guided melding in the personal chat: one open draft per person, saved at every step. */
export function reportFlow(services: Services): FlowModule {
  const drafts = services.store.drafts(DraftSchema);
  const org = services.orgId;
  const ctxOf = (input: TurnInput, actor: Actor): StepContext => ({ services, actor, now: input.now });

  const save = async (actor: Actor, draft: Draft, etag: string | undefined, now: Date) =>
    drafts.save(org, actor.aadObjectId, { ...draft, updatedAt: now.toISOString() }, etag);

  type Loaded = { ok: true; draft: Draft; etag: string } | { ok: false; result: TurnResult };
  /** The actor's own draft, and only if the card names it: another id is refused, nothing changes. */
  const loadOwn = async (actor: Actor, draftId: string | undefined): Promise<Loaded> => {
    const found = await drafts.get(org, actor.aadObjectId);
    if (!found) return { ok: false, result: refuse(nl.errors.draftGone) };
    if (draftId !== undefined && found.value.id !== draftId) {
      services.logger.warn({ actor: actor.aadObjectId }, 'draft id mismatch refused');
      return { ok: false, result: refuse(nl.errors.notYourDraft) };
    }
    return { ok: true, draft: found.value, etag: found.etag };
  };

  /** "griffier (Sanne Jansen)": the role as the profile names it, with who holds it here. */
  const roleWithNames = (role: FunctionarisRole): string => {
    const label = roleLabel(services.profile, role);
    const names = services.people.withRole(role).map((x) => x.name);
    return names.length > 0 ? `${label} (${names.join(', ')})` : label;
  };

  const start = async (input: TurnInput, actor: Actor, overleg: boolean): Promise<TurnResult> => {
    const blocked = personalOnly(input);
    if (blocked) return blocked;
    const existing = await drafts.get(org, actor.aadObjectId);
    if (existing) return show(stepCard(existing.value, existing.value.step, ctxOf(input, actor), { banner: nl.welcome.resumeNote }));
    const draft = newDraft(randomUUID(), actor.name, input.now, overleg);
    await save(actor, draft, undefined, input.now);
    services.logger.info({ actor: actor.aadObjectId, draft: draft.id, overleg }, 'draft started');
    return show(stepCard(draft, 'veiligheid', ctxOf(input, actor)));
  };

  /** Moves the draft to `step` and shows it; a concurrent change (another device) shows the fresh state. */
  const goTo = async (input: TurnInput, actor: Actor, draft: Draft, etag: string, step: Step): Promise<TurnResult> => {
    const moved = { ...draft, step, ...(step === 'samenvatting' ? { returnToSummary: false } : {}) };
    try {
      const saved = await save(actor, moved, etag, input.now);
      return show(stepCard(saved.value, step, ctxOf(input, actor)));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const fresh = await drafts.get(org, actor.aadObjectId);
      if (!fresh) return refuse(nl.errors.draftGone);
      return show(stepCard(fresh.value, fresh.value.step, ctxOf(input, actor), { banner: nl.errors.conflict }));
    }
  };

  const stale = (input: TurnInput, actor: Actor, draft: Draft): TurnResult =>
    show(stepCard(draft, draft.step, ctxOf(input, actor), { banner: nl.errors.staleStep }));

  const confirmation = (incident: Incident, now: Date): CardJson => {
    const p = services.profile;
    const handlers = incident.routing.handlers.map(roleWithNames);
    const deadlines = incident.deadlines
      .filter((d) => d.kind !== 'herstelgesprek')
      .filter((d) => incident.impact.nazorgGewenst || !d.kind.startsWith('nazorg'))
      .map((d) => {
        const overdue = deadlineStatus(d, now).state === 'overdue';
        const label = fmt(m.deadlineLabel[d.kind], { from: d.notBefore ? formatDutchDate(d.notBefore) : '' });
        return { label, value: `${formatDutch(d.dueBy)}${overdue ? ` ${m.bevestiging.overdue}` : ''}` };
      });
    return renderCard('melding-bevestiging', {
      numberText: fmt(m.bevestiging.number, { number: incident.number }),
      handlerText: fmt(m.bevestiging.handler, { handlers: handlers.join(' of ') }),
      coordinatorText: fmt(m.bevestiging.coordinator, { coordinator: p.coordinatorLabel }),
      deadlines,
      nazorgDeclined: !incident.impact.nazorgGewenst,
      hulplijnen: p.hulplijnen,
    });
  };

  const submit = async (input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> => {
    const ref = DraftRefSchema.safeParse(data);
    if (!ref.success) return refuse(nl.errors.invalidPayload);
    const found = await drafts.get(org, actor.aadObjectId);
    if (!found || found.value.id !== ref.data.draftId) {
      // Melden pressed twice, or Teams retried: the melding already exists under the draft's id.
      const done = await services.store.incidents.get(org, ref.data.draftId);
      if (done && done.value.melder.aadObjectId === actor.aadObjectId) return show(confirmation(done.value, input.now));
      return found ? refuse(nl.errors.notYourDraft) : refuse(nl.errors.draftGone);
    }
    let draft = found.value;
    if (draft.step !== 'samenvatting') return stale(input, actor, draft);
    const missing = firstMissing(draft);
    if (missing) return goTo(input, actor, draft, found.etag, missing);
    const reserved = await reserveNumber(services, actor, draft, found.etag, input.now);
    if (!reserved) {
      // The other click won the race and already finished: show its melding.
      const done = await services.store.incidents.get(org, draft.id);
      return done ? show(confirmation(done.value, input.now)) : stale(input, actor, draft);
    }
    draft = reserved.draft;
    const built = buildIncident(draft, actor, draft.number ?? '', input.now, services);
    if (!built.ok) return goTo(input, actor, draft, reserved.etag, built.missing);
    let stored: Versioned<Incident> | undefined;
    try {
      stored = await services.store.incidents.create(built.incident);
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
      stored = await services.store.incidents.get(org, built.incident.id);
    }
    const incident = stored?.value ?? built.incident;
    await enqueueNewMelding(services, incident);
    await services.store.audit.append({
      orgId: org, incidentId: incident.id, actorId: actor.aadObjectId, verb: 'melding.indienen', outcome: 'ok', at: input.now.toISOString(),
    });
    await drafts.delete(org, actor.aadObjectId);
    services.logger.info({ actor: actor.aadObjectId, incident: incident.id, number: incident.number }, 'melding stored');
    return show(confirmation(incident, input.now));
  };

  const myReports = async (input: TurnInput, actor: Actor): Promise<TurnResult> => {
    const blocked = personalOnly(input);
    if (blocked) return blocked;
    const list = await services.store.incidents.listByMelder(org, actor.aadObjectId);
    const items = list.map(({ value: i }) => ({
      title: fmt(m.mijn.item, { number: i.number, date: formatDutchDate(i.occurredAt), status: nl.incident.status[i.state] }),
      detail: categoryTexts(i.chosenCategory, services.profile.reportingRule).label,
      incidentId: i.id,
      // their own nazorg card; a melding "namens" someone else is that person's nazorg
      nazorg: i.impact.nazorgGewenst && nazorgReceiverId(services.people, i).toLowerCase() === actor.aadObjectId.toLowerCase(),
    }));
    return show(renderCard('mijn-meldingen', { items }));
  };

  const doubt = async (input: TurnInput, actor: Actor): Promise<TurnResult> => {
    const p = services.profile;
    const role: AmbtsdragerRole = knownRole(ctxOf(input, actor)) ?? p.roles[0] ?? 'raadslid';
    const contacts = doubtContactsFor(p, role).map(roleWithNames);
    return show(
      renderCard('twijfel', {
        categories: CATEGORIES.map((c) => categoryTexts(c, p.reportingRule)),
        twijfel: nl.twijfel,
        contactsText: fmt(m.twijfel.contacts, { contacts: contacts.join(', ') }),
      }),
    );
  };

  return {
    hasDraft: async (actor) => (await drafts.get(org, actor.aadObjectId)) !== undefined,
    commands: {
      melden: (input, actor) => start(input, actor, false),
      'mijn meldingen': (input, actor) => myReports(input, actor),
      twijfel: (input, actor) => doubt(input, actor),
    },
    actions: {
      'melding.start': (input, actor) => start(input, actor, false),
      'melding.overleg': (input, actor) => start(input, actor, true),
      'melding.twijfel': (input, actor) => doubt(input, actor),
      'meldingen.mijn': (input, actor) => myReports(input, actor),
      'melding.doorgaan': async (input, actor) => {
        const blocked = personalOnly(input);
        if (blocked) return blocked;
        const found = await drafts.get(org, actor.aadObjectId);
        if (!found) return start(input, actor, false);
        return show(stepCard(found.value, found.value.step, ctxOf(input, actor)));
      },
      'melding.veilig': async (input, actor, data) => {
        const parsed = SafetySchema.safeParse(data);
        if (!parsed.success) return refuse(nl.errors.invalidPayload);
        const loaded = await loadOwn(actor, parsed.data.draftId);
        if (!loaded.ok) return loaded.result;
        if (parsed.data.veilig === 'nee') return show(unsafeCard(loaded.draft, services.profile.hulplijnen));
        if (loaded.draft.step !== 'veiligheid') return stale(input, actor, loaded.draft);
        return goTo(input, actor, { ...loaded.draft, safe: true }, loaded.etag, 'wie');
      },
      'melding.stap': async (input, actor, data) => {
        const parsed = StepRefSchema.safeParse(data);
        if (!parsed.success) return refuse(nl.errors.invalidPayload);
        const loaded = await loadOwn(actor, parsed.data.draftId);
        if (!loaded.ok) return loaded.result;
        const { draft, etag } = loaded;
        const step = parsed.data.step;
        const def = FORM_STEPS[step];
        if (draft.step !== step || !def) return stale(input, actor, draft);
        const ctx = ctxOf(input, actor);
        const read = readFields(def.fields(draft, ctx), data);
        if (Object.keys(read.errors).length > 0) return show(stepCard(draft, step, ctx, read));
        const applied = def.apply(draft, read.values, ctx);
        if (!applied.ok) return show(stepCard(draft, step, ctx, { values: read.values, errors: applied.errors }));
        return goTo(input, actor, applied.draft, etag, nextStep(applied.draft, step));
      },
      'melding.vorige': async (input, actor, data) => {
        const parsed = StepRefSchema.safeParse(data);
        if (!parsed.success) return refuse(nl.errors.invalidPayload);
        const loaded = await loadOwn(actor, parsed.data.draftId);
        if (!loaded.ok) return loaded.result;
        if (loaded.draft.step !== parsed.data.step) return stale(input, actor, loaded.draft);
        return goTo(input, actor, loaded.draft, loaded.etag, previousStep(loaded.draft, parsed.data.step));
      },
      'melding.bewerk': async (input, actor, data) => {
        const parsed = EditSchema.safeParse(data);
        if (!parsed.success) return refuse(nl.errors.invalidPayload);
        const loaded = await loadOwn(actor, parsed.data.draftId);
        if (!loaded.ok) return loaded.result;
        const part = parsed.data.part;
        if (loaded.draft.step !== 'samenvatting' || !countedSteps(loaded.draft).includes(part) || part === 'samenvatting') {
          return stale(input, actor, loaded.draft);
        }
        return goTo(input, actor, { ...loaded.draft, returnToSummary: true }, loaded.etag, part);
      },
      'melding.annuleren': async (_input, actor, data) => {
        const parsed = DraftRefSchema.safeParse(data);
        if (!parsed.success) return refuse(nl.errors.invalidPayload);
        const loaded = await loadOwn(actor, parsed.data.draftId);
        if (!loaded.ok) return loaded.result;
        return show(cancelCard(loaded.draft));
      },
      'melding.annuleren.bevestig': async (_input, actor, data) => {
        const parsed = DraftRefSchema.safeParse(data);
        if (!parsed.success) return refuse(nl.errors.invalidPayload);
        const loaded = await loadOwn(actor, parsed.data.draftId);
        if (!loaded.ok) return loaded.result;
        await drafts.delete(org, actor.aadObjectId);
        services.logger.info({ actor: actor.aadObjectId, draft: loaded.draft.id }, 'draft cancelled');
        return show(messageCard(m.annuleren.done, { style: 'good' }));
      },
      'melding.indienen': (input, actor, data) => submit(input, actor, data),
    },
    onMessage: async (input, actor) => {
      if (input.event.kind !== 'message' || input.event.attachments.length === 0) return undefined;
      if (input.conversation.kind !== 'personal') return undefined;
      const found = await drafts.get(org, actor.aadObjectId);
      if (!found) return { replies: [{ type: 'text', text: m.attachmentNoDraft }] };
      const room = LIMITS.attachments - found.value.attachments.length;
      const added = input.event.attachments.slice(0, Math.max(0, room));
      if (added.length === 0) return { replies: [{ type: 'text', text: fmt(m.attachmentTooMany, { max: LIMITS.attachments }) }] };
      const saved = await save(actor, { ...found.value, attachments: [...found.value.attachments, ...added] }, found.etag, input.now);
      return {
        replies: [
          ...added.map((a) => ({ type: 'text' as const, text: fmt(m.attachmentSaved, { name: a.name }) })),
          { type: 'card' as const, card: stepCard(saved.value, saved.value.step, ctxOf(input, actor)) },
        ],
      };
    },
  };
}
