import { z } from 'zod';
import {
  AmbtsdragerRoleSchema,
  DeadlineKindSchema,
  FunctionarisRoleSchema,
  MaatregelTypeSchema,
  OrganisatieTypeSchema,
  RoleSchema,
  type AmbtsdragerRole,
} from '../types.js';

export const REPORTING_RULES = ['schema', 'tenzij-aanhoudend', 'altijd'] as const;
export const ReportingRuleSchema = z.enum(REPORTING_RULES);
/**
 * How a profile reads the schema's row "Melden?" for emotional behaviour and corrected verbal aggression.
 * 'schema' (Nijmegen): emotional behaviour is optional to report, recommended when it persists.
 * 'tenzij-aanhoudend' (model protocol): "niet melden, tenzij het gedrag aanhoudt": then it is reported.
 * 'altijd' (Utrecht): every form of aggression is reported, also when corrected; complaining and
 * criticism are allowed and carry no duty, and persistent emotional behaviour is grensoverschrijdend.
 */
export type ReportingRule = z.infer<typeof ReportingRuleSchema>;

/** Former office holders route like their current counterpart. */
export const OUD_COUNTERPART = {
  'oud-raadslid': 'raadslid',
  'oud-wethouder': 'wethouder',
  'oud-burgemeester': 'burgemeester',
} as const satisfies Partial<Record<AmbtsdragerRole, AmbtsdragerRole>>;

export function counterpartOf(role: AmbtsdragerRole): AmbtsdragerRole {
  return role in OUD_COUNTERPART ? OUD_COUNTERPART[role as keyof typeof OUD_COUNTERPART] : role;
}

const label = z.string().trim().min(1).max(200);
const count = z.number().int();

export const RouteEntrySchema = z.strictObject({
  /** ordered: the first is the primary handler, the others stand in */
  handlers: z.array(FunctionarisRoleSchema).min(1),
  informed: z.array(RoleSchema),
});

export const MaatregelDefSchema = z.strictObject({
  type: MaatregelTypeSchema,
  label,
  /** a restrictive measure needs an end date and is followed by a herstelgesprek */
  restrictive: z.boolean(),
  /** a written denial of access for a set time is a decision of the burgemeester */
  burgemeesterBesluit: z.boolean(),
  requiresAangifteConsent: z.boolean(),
});
export type MaatregelDef = z.infer<typeof MaatregelDefSchema>;

export const HulplijnSchema = z.strictObject({
  naam: label,
  nummer: z.string().regex(/^[0-9 ]{3,20}$/, 'alleen cijfers en spaties'),
  toelichting: label.optional(),
  /** a number for office hours only or for outside them: a card shows the one that fits the hour */
  bereikbaar: z.enum(['kantooruren', 'buiten-kantooruren']).optional(),
});
export type Hulplijn = z.infer<typeof HulplijnSchema>;

/**
 * A span counted from the anchor. Hours are elapsed hours (24 h stays 24 h across a DST change);
 * days and weeks are calendar days on the Amsterdam wall clock; working days skip weekends and
 * Dutch public holidays and may be negative (before the anchor), optionally ending at a local time.
 */
export const SpanSchema = z.union([
  z.strictObject({ hours: count.min(0) }),
  z.strictObject({ days: count.min(0) }),
  z.strictObject({ weeks: count.min(0) }),
  z.strictObject({ workingDays: count, at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional() }),
]);
export type Span = z.infer<typeof SpanSchema>;

export const DEADLINE_CONDITIONS = ['altijd', 'letsel', 'strafbaar-vermoeden', 'beperkende-maatregel'] as const;

export const DeadlineRuleSchema = z.strictObject({
  kind: DeadlineKindSchema,
  /** when the deadline applies; 'beperkende-maatregel' counts from the measure's end, all others from the incident */
  when: z.enum(DEADLINE_CONDITIONS),
  notBefore: SpanSchema.optional(),
  due: SpanSchema,
});
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

/** The protocol's tasks that differ per profile (PROTOCOL.md sections 2, 4 and 10). */
export const TakenConfigSchema = z.strictObject({
  /** who warns the Inspectie SZW: the melding's handler (Utrecht names them) or the employer's representative */
  inspectieSzw: z.union([z.literal('behandelaar'), FunctionarisRoleSchema]),
  /** parties outside the organisation the handler informs himself (the bot cannot reach them in Teams) */
  extern: z.array(z.strictObject({ partij: RoleSchema, bij: z.array(AmbtsdragerRoleSchema).min(1) })),
});
export type TakenConfig = z.infer<typeof TakenConfigSchema>;

/**
 * Fair play for the pleger (PROTOCOL.md section 3; Awb 4:8, 3:45, 6:7): which measures the pleger
 * is heard on before they take effect, and to whom an objection (bezwaar) against each measure
 * goes; a measure without an entry gets no objection clause in the letter.
 */
export const PlegerRechtenSchema = z.strictObject({
  horenVoor: z.array(MaatregelTypeSchema),
  bezwaarBij: z.partialRecord(MaatregelTypeSchema, label),
});
export type PlegerRechten = z.infer<typeof PlegerRechtenSchema>;

export const ProfileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{2,50}$/),
    name: label,
    organisatieType: OrganisatieTypeSchema,
    roles: z.array(AmbtsdragerRoleSchema).min(1),
    roleLabels: z.partialRecord(RoleSchema, label),
    routing: z.partialRecord(AmbtsdragerRoleSchema, RouteEntrySchema),
    coordinatorLabel: label,
    reportingRule: ReportingRuleSchema,
    /**
     * Informed roles of the routing that hear of a melding only with the melder's consent ("andere
     * politieke ambtsdragers worden met instemming van het slachtoffer op de hoogte gebracht"); the
     * routing's other informed roles are informed as the protocol prescribes.
     */
    informedWithConsent: z.array(RoleSchema),
    maatregelen: z.array(MaatregelDefSchema).min(1),
    nazorgGivers: z.partialRecord(AmbtsdragerRoleSchema, z.array(FunctionarisRoleSchema).min(1)),
    /** whom an ambtsdrager in doubt may consult; empty: the handlers of his role */
    doubtContacts: z.array(FunctionarisRoleSchema),
    hulplijnen: z.array(HulplijnSchema).min(1),
    deadlines: z.array(DeadlineRuleSchema),
    /** the handler (not the ambtsdrager) makes the police appointment and files the aangifte */
    policeByHandler: z.boolean(),
    /** Utrecht: heavier forms or recidive call for an incidentgesprek, not only a written warning */
    incidentgesprekBijZwaarOfRecidive: z.boolean(),
    /** absent: the handler warns the Inspectie SZW and informs nobody outside */
    taken: TakenConfigSchema.optional(),
    /**
     * Whether the coordinator is informed of every melding ('altijd': Nijmegen, the model protocol)
     * or only when a handler calls them in ('op-verzoek': Utrecht's provincial coördinator VPT
     * advises and supports on request). Absent: 'altijd'.
     */
    coordinatorInformed: z.enum(['altijd', 'op-verzoek']).optional(),
    /**
     * Disorder in a council meeting: the voorzitter decides on the aangifte of the ordeverstoring
     * together with these roles and the coordinator (Nijmegen 5; model protocol). Absent: no such rule.
     */
    vergadering: z.strictObject({ voorzitter: FunctionarisRoleSchema, samenMet: z.array(FunctionarisRoleSchema) }).optional(),
    /** the smallest count the yearly report shows (smaller ones are hidden so nobody can be recognised); absent: 5 */
    rapportDrempel: z.number().int().min(2).max(50).optional(),
    plegerRechten: PlegerRechtenSchema,
  })
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };
    p.roles.forEach((role, i) => {
      const base = counterpartOf(role);
      if (!p.routing[role] && !p.routing[base]) issue(['roles', i], `geen routering voor rol "${role}"`);
      if (!p.nazorgGivers[role] && !p.nazorgGivers[base]) issue(['roles', i], `geen nazorg voor rol "${role}"`);
    });
    if (new Set(p.roles).size !== p.roles.length) issue(['roles'], 'een rol staat er dubbel in');
    for (const key of Object.keys(p.routing)) {
      if (!p.roles.some((r) => r === key || counterpartOf(r) === key)) issue(['routing', key], `rol "${key}" is onbekend in dit profiel`);
    }
    const types = p.maatregelen.map((m) => m.type);
    if (new Set(types).size !== types.length) issue(['maatregelen'], 'een maatregel staat er dubbel in');
    const kinds = p.deadlines.map((d) => d.kind);
    if (new Set(kinds).size !== kinds.length) issue(['deadlines'], 'een termijn staat er dubbel in');
    const used = new Set<string>([
      ...p.roles,
      ...Object.values(p.routing).flatMap((e) => [...e.handlers, ...e.informed]),
      ...Object.values(p.nazorgGivers).flat(),
      ...p.doubtContacts,
      ...(p.taken?.extern.map((e) => e.partij) ?? []),
      ...(p.taken && p.taken.inspectieSzw !== 'behandelaar' ? [p.taken.inspectieSzw] : []),
      ...(p.vergadering ? [p.vergadering.voorzitter, ...p.vergadering.samenMet] : []),
    ]);
    for (const role of used) {
      if (!(role in p.roleLabels)) issue(['roleLabels', role], `geen label voor rol "${role}"`);
    }
  });
export type Profile = z.infer<typeof ProfileSchema>;
