import { toAmsterdam } from '../../domain/calendar.js';
import { computeDeadlines } from '../../domain/deadlines.js';
import { IncidentSchema, type Incident } from '../../domain/incident-schema.js';
import { formatIncidentNumber } from '../../domain/incident.js';
import { actingRoles, route } from '../../domain/route.js';
import { strafbaarVolgensCategorie } from '../../domain/tasks.js';
import { classify } from '../../domain/classify.js';
import type { FunctionarisRole } from '../../domain/types.js';
import { ConflictError } from '../../store/errors.js';
import type { Actor } from '../types.js';
import type { Services } from '../services.js';
import { countedSteps, DraftSchema, type Draft, type Step } from './draft.js';
import { meldplichtOf } from './steps/categorie.js';

export type BuildResult = { ok: true; incident: Incident } | { ok: false; missing: Step };

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

/** The handlers as people: everyone configured with one of the routing's handler roles. */
export function handlerIdsFor(services: Services, handlerRoles: readonly FunctionarisRole[]): string[] {
  return services.people.idsWithAnyRole(handlerRoles);
}

export function buildIncident(draft: Draft, actor: Actor, number: string, now: Date, services: Services): BuildResult {
  const missing = firstMissing(draft);
  if (missing) return { ok: false, missing };
  const { wie, wanneer, wat, answers, chosenCategory, pleger, impact } = draft;
  if (!wie || !wanneer || !wat || !answers || !chosenCategory || !pleger || !impact) return { ok: false, missing: 'wie' };
  const profile = services.profile;
  const routing = route(profile, wie.role, wanneer.kanaal);
  const at = now.toISOString();
  const incident: Incident = {
    id: draft.id,
    organisationId: services.orgId,
    profileId: profile.id,
    number,
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
    answers,
    derivedCategory: classify(answers, profile.reportingRule).category,
    chosenCategory,
    meldplicht: meldplichtOf(draft, services) ?? 'verplicht',
    pleger,
    ...(draft.online ? { online: draft.online } : {}),
    attachments: draft.attachments,
    impact,
    routing,
    deadlines: computeDeadlines({
      occurredAt: wanneer.occurredAt,
      injury: impact.letsel || impact.ziekenhuis,
      strafbaarVermoeden: strafbaarVolgensCategorie(chosenCategory).value,
      profile,
    }),
    handlerIds: handlerIdsFor(services, actingRoles(routing)),
  };
  return { ok: true, incident: IncidentSchema.parse(incident) };
}

/**
 * Reserves the readable number once per draft (stored in the draft with its ETag), so a
 * double click or a Teams retry reuses it. A concurrent reservation loses the ETag race and
 * takes the number the winner stored. The year is the organisation's (Amsterdam) year: a melding
 * at 00:30 on 1 January belongs to the new year, though UTC is still in the old one.
 */
export async function reserveNumber(
  services: Services,
  actor: Actor,
  draft: Draft,
  etag: string,
  now: Date,
): Promise<{ draft: Draft; etag: string } | undefined> {
  if (draft.number) return { draft, etag };
  const year = toAmsterdam(now).year;
  const seq = await services.store.counters.next(services.orgId, year);
  const withNumber = { ...draft, number: formatIncidentNumber(year, seq) };
  const drafts = services.store.drafts(DraftSchema);
  try {
    const saved = await drafts.save(services.orgId, actor.aadObjectId, withNumber, etag);
    return { draft: saved.value, etag: saved.etag };
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    const fresh = await drafts.get(services.orgId, actor.aadObjectId);
    if (!fresh?.value.number) return undefined;
    return { draft: fresh.value, etag: fresh.etag };
  }
}
