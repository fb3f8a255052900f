import { z } from 'zod';

/**
 * The protocol's vocabulary. The Dutch words are the domain's own language
 * (see ../shared/PROTOCOL.md) and stay Dutch in code.
 */

/** The municipal ambtsdragers, former office holders included (they route like the current ones). */
export const GEMEENTE_ROLES = [
  'raadslid',
  'fractievolger',
  'fractiemedewerker',
  'wethouder',
  'burgemeester',
  'oud-raadslid',
  'oud-wethouder',
  'oud-burgemeester',
] as const;

/** Politieke ambtsdragers: the people an incident can be about. */
export const AMBTSDRAGER_ROLES = [
  ...GEMEENTE_ROLES,
  // provincie
  'commissaris-van-de-koning',
  'gedeputeerde',
  'statenlid',
  // waterschap
  'dijkgraaf',
  'dagelijks-bestuurslid',
  'algemeen-bestuurslid',
] as const;
export const AmbtsdragerRoleSchema = z.enum(AMBTSDRAGER_ROLES);
export type AmbtsdragerRole = z.infer<typeof AmbtsdragerRoleSchema>;

/** Officials who handle, are informed of, or coordinate incidents. */
export const FUNCTIONARIS_ROLES = [
  'griffier',
  'plaatsvervangend-griffier',
  'gemeentesecretaris',
  'burgemeester',
  'coordinator',
  'ambtenaar-oov',
  'provinciesecretaris',
  'statengriffier',
  'commissaris-van-de-koning',
  'minister-bzk',
  'secretaris-directeur',
  'secretaris',
  'dijkgraaf',
] as const;
export const FunctionarisRoleSchema = z.enum(FUNCTIONARIS_ROLES);
export type FunctionarisRole = z.infer<typeof FunctionarisRoleSchema>;

export type Role = AmbtsdragerRole | FunctionarisRole;
export const RoleSchema = z.union([AmbtsdragerRoleSchema, FunctionarisRoleSchema]);

export const ORGANISATIE_TYPES = ['gemeente', 'provincie', 'waterschap'] as const;
export const OrganisatieTypeSchema = z.enum(ORGANISATIE_TYPES);
export type OrganisatieType = z.infer<typeof OrganisatieTypeSchema>;

/** The five columns of the schema "Emotie of agressie?". */
export const CATEGORIES = [
  'emotioneel-eigen-situatie',
  'emotioneel-kritiek',
  'verbale-agressie',
  'bedreiging-intimidatie',
  'fysiek-geweld',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

export const MELDPLICHTEN = ['verplicht', 'aanbevolen', 'facultatief', 'niet-nodig'] as const;
export const MeldplichtSchema = z.enum(MELDPLICHTEN);
export type Meldplicht = z.infer<typeof MeldplichtSchema>;

/** The direction of the behaviour: "ik" (own situation), "jullie" (policy/body), "jij" (the person). */
export const GERICHT_OP = ['ik', 'jullie', 'jij'] as const;
export const GerichtOpSchema = z.enum(GERICHT_OP);
export type GerichtOp = z.infer<typeof GerichtOpSchema>;

/** The guided answers from which the category is derived. */
export const ClassificationAnswersSchema = z.object({
  gerichtOp: GerichtOpSchema,
  /** (non-)verbal threat, threat of violence, intimidation, sexual intimidation or stalking */
  bedreiging: z.boolean(),
  /** kicking, hitting, spitting, grabbing, vandalism, throwing objects */
  fysiekGeweld: z.boolean(),
  /** the pleger corrected himself after being addressed */
  gecorrigeerd: z.boolean(),
  /** it persists or forms a pattern */
  aanhoudend: z.boolean(),
});
export type ClassificationAnswers = z.infer<typeof ClassificationAnswersSchema>;

export const KANALEN = [
  'persoonlijk',
  'telefoon',
  'brief',
  'e-mail',
  'sociale-media',
  'vergadering',
  'thuis',
  'elders',
  /** reported from the message itself ("Melden bij Weerbaar" on a Teams message) */
  'teams-bericht',
] as const;
export const KanaalSchema = z.enum(KANALEN);
export type Kanaal = z.infer<typeof KanaalSchema>;

export const DOELWITTEN = ['ambtsdrager', 'naasten', 'eigendommen', 'huisdieren'] as const;
export const DoelwitSchema = z.enum(DOELWITTEN);
export type Doelwit = z.infer<typeof DoelwitSchema>;

export const MAATREGEL_TYPES = [
  'waarschuwing-mondeling',
  'waarschuwing-schriftelijk',
  'beperking-dienstverlening',
  'toegangsontzegging',
  'incidentgesprek',
  'melding-politie',
  'aangifte',
  'registratie-politie',
  'andere',
] as const;
export const MaatregelTypeSchema = z.enum(MAATREGEL_TYPES);
export type MaatregelType = z.infer<typeof MaatregelTypeSchema>;

export const DEADLINE_KINDS = [
  'nazorg-1',
  'nazorg-2',
  'nazorg-3',
  'incidentgesprek',
  'maatregelen',
  'politie-afspraak',
  'inspectie-szw',
  'herstelgesprek',
] as const;
export const DeadlineKindSchema = z.enum(DEADLINE_KINDS);
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;

/** ISO-8601 instant with offset, e.g. 2026-11-23T10:00:00.000Z */
export const InstantSchema = z.iso.datetime({ offset: true });
export type Instant = z.infer<typeof InstantSchema>;
