import { z } from 'zod';
import {
  AmbtsdragerRoleSchema,
  CategorySchema,
  ClassificationAnswersSchema,
  DeadlineKindSchema,
  DoelwitSchema,
  FunctionarisRoleSchema,
  InstantSchema,
  KanaalSchema,
  MaatregelTypeSchema,
  MeldplichtSchema,
  RoleSchema,
} from './types.js';
import { EvidenceSchema } from './evidence-schema.js';
import { LIMITS, ShortTextSchema } from './limits.js';

export { LIMITS } from './limits.js';
const shortText = ShortTextSchema;

export const INCIDENT_STATES = [
  'concept',
  'gemeld',
  'in-behandeling',
  'maatregelen-vastgesteld',
  'afgesloten',
] as const;
export const IncidentStateSchema = z.enum(INCIDENT_STATES);
export type IncidentState = z.infer<typeof IncidentStateSchema>;
/** The states of a melding that is still open: reported and not yet closed. */
export const OPEN_STATES = ['gemeld', 'in-behandeling', 'maatregelen-vastgesteld'] as const satisfies readonly IncidentState[];

export const PersonRefSchema = z.object({
  aadObjectId: z.string().min(1).max(100),
  name: shortText.optional(),
});
export type PersonRef = z.infer<typeof PersonRefSchema>;

export const PlegerSchema = z.object({
  bekend: z.boolean(),
  naam: shortText.optional(),
  omschrijving: z.string().max(LIMITS.comment).optional(),
  organisatie: shortText.optional(),
  contact: shortText.optional(),
  voertuig: shortText.optional(),
  /** absent on a short melding until the melder adds it (Aanvullen) */
  eerderContact: z.boolean().optional(),
});
export type Pleger = z.infer<typeof PlegerSchema>;

export const OnlineSchema = z.object({
  platform: shortText.optional(),
  account: shortText.optional(),
  url: z.string().max(LIMITS.url).optional(),
  moment: InstantSchema.optional(),
  gemeldBijPlatform: z.boolean(),
});
export type Online = z.infer<typeof OnlineSchema>;

export const AttachmentSchema = z.object({
  name: shortText,
  contentType: shortText,
  /** where the file is kept (a URL in the conversation's storage, or a local blob reference) */
  ref: z.string().max(LIMITS.url),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const ImpactSchema = z.object({
  letsel: z.boolean(),
  ziekenhuis: z.boolean(),
  steunNodig: z.boolean(),
  toestemmingAangifte: z.boolean(),
  toestemmingInformeren: z.boolean(),
  nazorgGewenst: z.boolean(),
  /** the melder asks for the first nazorg conversation as soon as possible, inside the agenda's minimum notice */
  nazorgZoSnel: z.boolean().optional(),
});
export type Impact = z.infer<typeof ImpactSchema>;

export const DeadlineSchema = z.object({
  kind: DeadlineKindSchema,
  /** earliest moment (only nazorg-3: 4 weeks after the incident) */
  notBefore: InstantSchema.optional(),
  dueBy: InstantSchema,
});
export type Deadline = z.infer<typeof DeadlineSchema>;

export const RoutingSchema = z.object({
  handlers: z.array(FunctionarisRoleSchema).min(1),
  /** informed as the protocol prescribes: a notice without content */
  informed: z.array(RoleSchema),
  /** informed (a notice without content) only when the melder consented to informing others */
  informedWithConsent: z.array(RoleSchema).default([]),
  /**
   * whether the coordinator is informed (gets the card): always, unless the profile calls the
   * coordinator in on request only, and then from the moment a handler did
   */
  coordinator: z.boolean(),
  /**
   * a melding from a council meeting: the roles that decide on the aangifte of the ordeverstoring
   * with the handlers (the voorzitter, the griffier); they act on the melding like its handlers
   */
  vergadering: z.array(FunctionarisRoleSchema).optional(),
  nazorgGivers: z.array(FunctionarisRoleSchema),
});
export type Routing = z.infer<typeof RoutingSchema>;

export const MaatregelDecisionSchema = z.object({
  types: z.array(MaatregelTypeSchema).min(1),
  comment: z.string().max(LIMITS.comment).optional(),
  /** end of a restrictive measure (beperking-dienstverlening, toegangsontzegging) */
  endDate: InstantSchema.optional(),
  /**
   * whether the maatregelen were discussed with the betrokkene (Utrecht, Nijmegen: chosen "in overleg");
   * not required, an urgent measure may come first; absent on decisions stored before it was asked
   */
  besproken: z.boolean().optional(),
  decidedBy: PersonRefSchema,
  decidedAt: InstantSchema,
});
export type MaatregelDecision = z.infer<typeof MaatregelDecisionSchema>;

export const TAAK_KINDS = [
  'politie-afspraak',
  'inspectie-szw',
  'aangifte',
  'informeren',
  'schadeverhaal',
  'brief-pleger',
  'herstelgesprek',
  'platform-melden',
  'terugkoppeling-vervolging',
  'aangifte-ordeverstoring',
  'hoor-en-wederhoor',
] as const;
export const TaakKindSchema = z.enum(TAAK_KINDS);
export type TaakKind = z.infer<typeof TaakKindSchema>;

export const ERNST = ['licht', 'ernstig', 'zeer-ernstig'] as const;
export const HERHALINGSRISICO = ['laag', 'midden', 'hoog'] as const;
export const TREND = ['ja', 'nee', 'onbekend'] as const;

/**
 * The protocol's evaluation questions: how serious and how likely to happen again
 * (risicotaxatie), why it happened (oorzaakanalyse), whether it happens more often (trendanalyse),
 * which improvements (verbeteraanbevelingen). The report counts the choices, never the texts.
 */
export const EvaluatieSchema = z.object({
  ernst: z.enum(ERNST),
  herhalingsrisico: z.enum(HERHALINGSRISICO),
  trend: z.enum(TREND),
  oorzaak: z.string().max(LIMITS.comment),
  verbeteringen: z.string().max(LIMITS.comment),
  by: PersonRefSchema,
  at: InstantSchema,
});
export type Evaluatie = z.infer<typeof EvaluatieSchema>;

/** A protocol task the handler ticked off; a task without a record is open. */
export const TaakRecordSchema = z.object({
  /** the task's id within the melding, e.g. 'aangifte' or 'informeren-commissaris-van-de-koning' */
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  kind: TaakKindSchema,
  partij: RoleSchema.optional(),
  state: z.enum(['gedaan', 'niet-nodig']),
  /** why the task is not needed (required for niet-nodig) */
  reason: z.string().max(LIMITS.comment).optional(),
  by: PersonRefSchema,
  at: InstantSchema,
});
export type TaakRecord = z.infer<typeof TaakRecordSchema>;

/** The handler's own answer to "strafbaar feit vermoed", overriding what the category suggests. */
export const StrafbaarKeuzeSchema = z.object({ value: z.boolean(), by: PersonRefSchema, at: InstantSchema });
export type StrafbaarKeuze = z.infer<typeof StrafbaarKeuzeSchema>;

/**
 * What the handler wrote for the letter to the pleger: the facts as the pleger may read them, the
 * grounds, the pleger's response when heard, and when the measure takes effect. Kept so the letter
 * can be made again and the pleger's inzage shows what was written to them.
 */
export const PlegerBriefSchema = z.object({
  feiten: z.string().min(1).max(LIMITS.description),
  gronden: z.string().min(1).max(LIMITS.description),
  zienswijze: z.string().max(LIMITS.description).optional(),
  ingang: InstantSchema,
  by: PersonRefSchema,
  at: InstantSchema,
});
export type PlegerBrief = z.infer<typeof PlegerBriefSchema>;

/**
 * The mark of an erased melding: when, why (the retention term, or a request the coordinator
 * carried out), and the moments of its booked conversations, kept without who took part so the
 * report can still tell whether the deadlines were met.
 */
export const GewistSchema = z.object({
  at: InstantSchema,
  reden: z.enum(['bewaartermijn', 'verzoek']),
  afspraken: z.array(z.object({ kind: z.string().regex(/^[a-z0-9-]{1,30}$/), start: InstantSchema, geannuleerd: z.boolean() })).max(20),
});
export type Gewist = z.infer<typeof GewistSchema>;

/** A stored melding. The store adds the ETag; nothing here comes from a card unvalidated. */
export const IncidentSchema = z.object({
  id: z.uuid(),
  organisationId: z.string().min(1).max(100),
  profileId: z.string().min(1).max(50),
  /** readable number per organisation and year, e.g. 2026-0042 */
  number: z.string().regex(/^\d{4}-\d{4,}$/),
  state: IncidentStateSchema,
  overleg: z.boolean(),
  createdAt: InstantSchema,
  reportedAt: InstantSchema,
  occurredAt: InstantSchema,
  occurredLongAgo: z.boolean(),
  melder: PersonRefSchema,
  /** the ambtsdrager the incident is about; differs from melder when reported "namens" */
  ambtsdrager: PersonRefSchema.extend({ role: AmbtsdragerRoleSchema }),
  namens: z.boolean(),
  kanaal: KanaalSchema,
  locatie: shortText,
  description: z.string().min(1).max(LIMITS.description),
  /** empty on a short melding until the melder adds it (domain/aanvulling.ts) */
  doelwitten: z.array(DoelwitSchema).max(10),
  /** absent on a short melding until the melder answers the classification questions */
  answers: ClassificationAnswersSchema.optional(),
  derivedCategory: CategorySchema.optional(),
  /** on a short melding the category proposed from its description, until the melder or a handler settles it */
  chosenCategory: CategorySchema,
  /** a handler's choice of category (a short melding's proposal, or the melder's choice overruled) */
  categorieVastgesteld: z.object({ value: CategorySchema, by: PersonRefSchema, at: InstantSchema }).optional(),
  meldplicht: MeldplichtSchema,
  pleger: PlegerSchema,
  online: OnlineSchema.optional(),
  attachments: z.array(AttachmentSchema).max(LIMITS.attachments),
  /** absent on a short melding until the melder answers: unknown, so no consent and no nazorg wish is assumed */
  impact: ImpactSchema.optional(),
  routing: RoutingSchema,
  /** who called in the coordinator, where the profile informs them only on request */
  coordinatorIngeschakeld: z.object({ by: PersonRefSchema, at: InstantSchema }).optional(),
  deadlines: z.array(DeadlineSchema),
  handlerIds: z.array(z.string()),
  decision: MaatregelDecisionSchema.optional(),
  closedAt: InstantSchema.optional(),
  /** absent on meldingen stored before the protocol's tasks existed: all their tasks are open */
  taken: z.array(TaakRecordSchema).max(50).optional(),
  strafbaarVermoed: StrafbaarKeuzeSchema.optional(),
  /** the evaluation after closing (Nijmegen 4.1, Utrecht 5): once, by a handler or the coordinator */
  evaluatie: EvaluatieSchema.optional(),
  /** the handler's reason for Afwijzen, which the protocol asks for and the history shows */
  rejectionReason: z.string().min(1).max(LIMITS.comment).optional(),
  /** the latest letter to the pleger the handler made (src/domain/pleger-brief.ts) */
  plegerBrief: PlegerBriefSchema.optional(),
  /** its personal data erased (AVG): see src/domain/retention.ts for what stays */
  gewist: GewistSchema.optional(),
  /** the Teams message this melding was reported from, kept as evidence */
  evidence: EvidenceSchema.optional(),
});
export type Incident = z.infer<typeof IncidentSchema>;
