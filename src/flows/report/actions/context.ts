import { z } from 'zod';
import type { FunctionarisRole } from '../../../domain/types.js';
import { nl } from '../../../shared/i18n/nl.js';
import { ConflictError } from '../../../store/errors.js';
import { CachedDraftRepository } from '../../../store/draft-cache.js';
import type { Versioned } from '../../../store/ports.js';
import { refuse, show } from '../../common.js';
import type { Services } from '../../services.js';
import type { Actor, CardJson, TurnInput, TurnResult } from '../../types.js';
import { DraftSchema, StepSchema, type Draft, type Step } from '../draft.js';
import { roleWithNames } from '../lezers.js';
import type { StepContext } from '../steps/form-step.js';
import { stepCard } from '../view.js';

/** Every card of the melding names its draft; the step cards also the step they show. */
export const DraftRefSchema = z.object({ draftId: z.uuid() }).loose();
export const StepRefSchema = DraftRefSchema.extend({ step: StepSchema });

export type Loaded = { ok: true; draft: Draft; etag: string } | { ok: false; result: TurnResult };

/** What every action of the melding shares: the person's draft and the ways to move it. */
export interface ReportContext {
  services: Services;
  org: string;
  /** `get` reads the store; `recent` may answer from memory (the draft this instance wrote last). */
  drafts: CachedDraftRepository<Draft>;
  stepContext(input: TurnInput, actor: Actor): StepContext;
  save(actor: Actor, draft: Draft, etag: string | undefined, now: Date): Promise<Versioned<Draft>>;
  /**
   * The actor's own draft, and only if the card names it: another id is refused, nothing changes.
   * From memory when this instance wrote it last (StaleDraftError later if that copy was stale).
   */
  loadOwn(actor: Actor, draftId: string | undefined): Promise<Loaded>;
  /** Moves the draft to `step` and shows it; a concurrent change (another device) shows the fresh state. */
  goTo(input: TurnInput, actor: Actor, draft: Draft, etag: string, step: Step): Promise<TurnResult>;
  /** The draft where it really is, for a card clicked after the draft moved on (StaleDraftError if from memory). */
  stale(input: TurnInput, actor: Actor, draft: Draft): TurnResult;
  /** "griffier (Sanne Jansen)": the role as the profile names it, with who holds it here. */
  roleWithNames(role: FunctionarisRole): string;
}

/**
 * Resolves once the work queued so far has run: a storage request started just before is then
 * written to its socket (the SDK's pipeline runs in promise callbacks, before any immediate).
 */
const writeUnderway = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function reportContext(services: Services): ReportContext {
  const drafts = new CachedDraftRepository(services.store.drafts(DraftSchema));
  const org = services.orgId;
  const stepContext = (input: TurnInput, actor: Actor): StepContext => ({ services, actor, now: input.now });

  const save = async (actor: Actor, draft: Draft, etag: string | undefined, now: Date) =>
    drafts.save(org, actor.aadObjectId, { ...draft, updatedAt: now.toISOString() }, etag);

  return {
    services,
    org,
    drafts,
    stepContext,
    save,
    async loadOwn(actor, draftId) {
      const found = await drafts.recent(org, actor.aadObjectId);
      if (!found) return { ok: false, result: refuse(nl.errors.draftGone) };
      if (draftId !== undefined && found.value.id !== draftId) {
        drafts.assertStored(org, actor.aadObjectId, found.value);
        services.logger.warn({ actor: actor.aadObjectId }, 'draft id mismatch refused');
        return { ok: false, result: refuse(nl.errors.notYourDraft) };
      }
      return { ok: true, draft: found.value, etag: found.etag };
    },
    async goTo(input, actor, draft, etag, step) {
      const moved = { ...draft, step, ...(step === 'samenvatting' ? { returnToSummary: false } : {}) };
      // settled at once: a write refused before any I/O (validation, size) must not reject unheard
      // while the card is drawn, which Node would treat as an unhandled rejection and stop on
      const saving = save(actor, moved, etag, input.now).then(
        () => undefined,
        (err: unknown) => ({ err }),
      );
      // The next card is drawn while the write is with the storage service (another process), and
      // shown only once the write is durable; a write that fails throws the card away.
      let card: CardJson | undefined;
      let drawError: unknown;
      try {
        await writeUnderway();
        card = stepCard(moved, step, stepContext(input, actor));
      } catch (err) {
        drawError = err;
      }
      const failed = await saving;
      if (failed) {
        if (!(failed.err instanceof ConflictError)) throw failed.err;
        const fresh = await drafts.get(org, actor.aadObjectId);
        if (!fresh) return refuse(nl.errors.draftGone);
        return show(stepCard(fresh.value, fresh.value.step, stepContext(input, actor), { banner: nl.errors.conflict }));
      }
      if (!card) throw drawError;
      return show(card);
    },
    stale(input, actor, draft) {
      drafts.assertStored(org, actor.aadObjectId, draft);
      return show(stepCard(draft, draft.step, stepContext(input, actor), { banner: nl.errors.staleStep }));
    },
    roleWithNames: (role) => roleWithNames(services, role),
  };
}
