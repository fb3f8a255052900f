import { z } from 'zod';
import { SCHRIFTELIJK } from '../../domain/aanvulling.js';
import {
  AttachmentSchema,
  ImpactSchema,
  LIMITS,
  OnlineSchema,
  PlegerSchema,
} from '../../domain/incident-schema.js';
import { EvidenceSchema } from '../../domain/evidence-schema.js';
import {
  AmbtsdragerRoleSchema,
  CategorySchema,
  ClassificationAnswersSchema,
  DoelwitSchema,
  InstantSchema,
  KanaalSchema,
} from '../../domain/types.js';

/**
 * The steps of the guided melding, in order. `veiligheid` comes first and is not counted; `kort` is
 * the short path's one card (what, when, where, who), filed from there without the other steps.
 */
export const STEPS = ['veiligheid', 'kort', 'wie', 'wanneer', 'wat', 'classificatie', 'categorie', 'pleger', 'online', 'impact', 'samenvatting'] as const;
export const StepSchema = z.enum(STEPS);
export type Step = z.infer<typeof StepSchema>;

export const DraftSchema = z.object({
  /** also the id of the incident it becomes: a retried Melden finds the incident, never makes a second */
  id: z.uuid(),
  step: StepSchema,
  overleg: z.boolean(),
  safe: z.boolean(),
  /** set when a part is edited from the summary: Volgende returns there */
  returnToSummary: z.boolean(),
  startedAt: InstantSchema,
  updatedAt: InstantSchema,
  melderName: z.string().max(LIMITS.shortText),
  wie: z
    .object({
      namens: z.boolean(),
      role: AmbtsdragerRoleSchema,
      ambtsdragerName: z.string().max(LIMITS.shortText).optional(),
    })
    .optional(),
  wanneer: z
    .object({ occurredAt: InstantSchema, longAgo: z.boolean(), kanaal: KanaalSchema, locatie: z.string().max(LIMITS.shortText) })
    .optional(),
  wat: z.object({ description: z.string().max(LIMITS.description), doelwitten: z.array(DoelwitSchema).min(1) }).optional(),
  answers: ClassificationAnswersSchema.optional(),
  chosenCategory: CategorySchema.optional(),
  pleger: PlegerSchema.optional(),
  online: OnlineSchema.optional(),
  attachments: z.array(AttachmentSchema).max(LIMITS.attachments),
  impact: ImpactSchema.optional(),
  /** the Teams message the melding was started from ("Melden bij Weerbaar"), kept as evidence */
  evidence: EvidenceSchema.optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

export function newDraft(id: string, melderName: string, now: Date, overleg: boolean): Draft {
  const at = now.toISOString();
  return {
    id,
    step: 'veiligheid',
    overleg,
    safe: false,
    returnToSummary: false,
    startedAt: at,
    updatedAt: at,
    melderName: melderName.slice(0, LIMITS.shortText),
    attachments: [],
  };
}

export function needsOnlineStep(draft: Draft): boolean {
  return draft.wanneer !== undefined && SCHRIFTELIJK.includes(draft.wanneer.kanaal);
}

/** The counted steps for this draft (the online step only for written or online incidents). */
export function countedSteps(draft: Draft): Step[] {
  return STEPS.filter((s) => s !== 'veiligheid' && s !== 'kort' && (s !== 'online' || needsOnlineStep(draft)));
}

export function nextStep(draft: Draft, from: Step): Step {
  if (draft.returnToSummary && from !== 'classificatie') return 'samenvatting';
  const steps: Step[] = ['veiligheid', ...countedSteps(draft)];
  const i = steps.indexOf(from);
  return steps[Math.min(i + 1, steps.length - 1)] ?? 'samenvatting';
}

export function previousStep(draft: Draft, from: Step): Step {
  const steps = countedSteps(draft);
  const i = steps.indexOf(from);
  return i > 0 ? (steps[i - 1] ?? 'wie') : 'wie';
}
