import { toAmsterdam } from '../../domain/calendar.js';
import { meldingTermijnen } from '../../domain/aanvulling.js';
import { IncidentSchema } from '../../domain/incident-schema.js';
import { actingRoles, route } from '../../domain/route.js';
import { classify, meldplichtFor, proposeCategory } from '../../domain/classify.js';
import type { FunctionarisRole } from '../../domain/types.js';
import type { UnnumberedIncident } from '../../store/ports.js';
import type { Actor } from '../types.js';
import type { Services } from '../services.js';
import { countedSteps, type Draft, type Step } from './draft.js';
import { meldplichtOf } from './steps/categorie.js';

/** The melding without its number: the store gives it one when it stores it (CounterRepository.file). */
export type BuildResult = { ok: true; incident: UnnumberedIncident } | { ok: false; missing: Step };

const UnnumberedSchema = IncidentSchema.omit({ number: true });

/** The first part the draft still lacks, in step order. */
export function firstMissing(draft: Draft): Step | undefined {
  const has: Partial<Record<Step, boolean>> = {
    wie: !!draft.wie,
    wanneer: !!draft.wanneer,
    wat: !!draft.wat,
    classificatie: !!draft.answers,
    categorie: !!draft.chosenCategory,
    pleger: !!draft.pleger,
    online: !!draft.online,
    impact: !!draft.impact,
  };
  return countedSteps(draft).find((s) => s !== 'samenvatting' && !has[s]);
}

/**
 * The year of a melding's number: the organisation's (Amsterdam) year, so a melding at 00:30 on
 * 1 January belongs to the new year, though UTC is still in the old one.
 */
export function numberYear(now: Date): number {
  return toAmsterdam(now).year;
}

/** The handlers as people: everyone configured with one of the routing's handler roles. */
export function handlerIdsFor(services: Services, handlerRoles: readonly FunctionarisRole[]): string[] {
  return services.people.idsWithAnyRole(handlerRoles);
}

/** The parts the short path files with: who, when and where, what; the rest is added later. */
const KORT_NODIG = ['wie', 'wanneer', 'wat'] as const;

/**
 * The melding a draft becomes: the long path's with every answer, the short path's (a draft on
 * step `kort`) without the classification, pleger details, online and impact answers, and with
 * the category proposed from its description (domain/aanvulling.ts says what it lacks).
 */
export function buildIncident(draft: Draft, actor: Actor, now: Date, services: Services): BuildResult {
  const kort = draft.step === 'kort';
  const missing = kort ? KORT_NODIG.find((s) => !draft[s]) : firstMissing(draft);
  if (missing) return { ok: false, missing };
  const { wie, wanneer, wat, answers, chosenCategory, pleger, impact } = draft;
  if (!wie || !wanneer || !wat || !pleger) return { ok: false, missing: 'wie' };
  if (!kort && (!answers || !chosenCategory || !impact)) return { ok: false, missing: 'classificatie' };
  const profile = services.profile;
  const category = kort || !chosenCategory ? proposeCategory(wat.description).category : chosenCategory;
  const routing = route(profile, wie.role, wanneer.kanaal);
  const at = now.toISOString();
  const incident: UnnumberedIncident = {
    id: draft.id,
    organisationId: services.orgId,
    profileId: profile.id,
    state: 'gemeld',
    overleg: draft.overleg,
    createdAt: at,
    reportedAt: at,
    occurredAt: wanneer.occurredAt,
    occurredLongAgo: wanneer.longAgo,
    melder: { aadObjectId: actor.aadObjectId, name: draft.melderName },
    // Reported "namens": the ambtsdrager is known by name only; the id marks that, and never matches a person.
    ambtsdrager: wie.namens
      ? { aadObjectId: `namens:${draft.id}`, name: wie.ambtsdragerName ?? '', role: wie.role }
      : { aadObjectId: actor.aadObjectId, name: draft.melderName, role: wie.role },
    namens: wie.namens,
    kanaal: wanneer.kanaal,
    locatie: wanneer.locatie,
    description: wat.description,
    doelwitten: wat.doelwitten,
    ...(!kort && answers ? { answers, derivedCategory: classify(answers, profile.reportingRule).category } : {}),
    chosenCategory: category,
    // unknown answers of a short melding: not corrected, not persistent, as a melding in a hurry is read
    meldplicht: (kort ? undefined : meldplichtOf(draft, services)) ?? meldplichtFor(category, { gecorrigeerd: false, aanhoudend: false }, profile.reportingRule),
    pleger,
    ...(draft.online ? { online: draft.online } : {}),
    ...(draft.evidence ? { evidence: draft.evidence } : {}),
    attachments: draft.attachments,
    ...(!kort && impact ? { impact } : {}),
    routing,
    deadlines: meldingTermijnen({ occurredAt: wanneer.occurredAt, ...(!kort && impact ? { impact } : {}), chosenCategory: category, deadlines: [] }, profile),
    handlerIds: handlerIdsFor(services, actingRoles(routing)),
  };
  return { ok: true, incident: UnnumberedSchema.parse(incident) };
}
