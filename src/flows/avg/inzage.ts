import { z } from 'zod';
import type { Bookings } from '../../agenda/index.js';
import type { Incident } from '../../domain/incident-schema.js';
import { roleLabel } from '../../domain/route.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { AuditEntry } from '../../store/schemas.js';
import type { HandlingDeps } from '../handling/ports.js';
import type { Services } from '../services.js';

const w = nl.avg.inzage.wie;

/**
 * Everything Weerbaar keeps about one melder's own meldingen, as the melder may see it (AVG art. 15).
 *
 * Left out, by choice: the free texts of handlers and the coordinator (the toelichting of a
 * decision, why a task was not needed, why a melding was rejected, the evaluation's texts and
 * choices, the handler's "strafbaar" judgement), and who among them did what by name or account.
 * Those are notes for internal deliberation that may hold other people's data (the pleger's, a
 * colleague's); art. 15(4) AVG lets the organisation weigh them, so the melder asks the
 * coordinator for them instead of getting them unweighed from a bot. Also left out: the other
 * participants of a booked conversation and the pleger's address if the handler invited them.
 * What the melder typed themselves (the pleger as they described it included) is in full.
 */
export interface Inzage {
  gemaakt: string;
  naam: string;
  meldingen: InzageMelding[];
  concept: unknown;
  nietOpgenomen: string;
}

export interface InzageMelding {
  nummer: string;
  status: string;
  gemeldOp: string;
  gebeurdOp: string;
  langGeleden: boolean;
  namens: boolean;
  rol: string;
  kanaal: string;
  locatie: string;
  omschrijving: string;
  gerichtOp: string[];
  categorie: string;
  meldplicht: string;
  pleger: Incident['pleger'];
  online: Incident['online'] | null;
  bijlagen: string[];
  gevolgen: Incident['impact'];
  maatregelen: { soorten: string[]; einddatum: string | null; besprokenMetU: boolean | null; vastgesteldOp: string } | null;
  taken: { taak: string; status: string; op: string }[];
  afgeslotenOp: string | null;
  geevalueerdOp: string | null;
  afspraken: { gesprek: string; begin: string; eind: string; status: string; locatie: string | null; online: boolean }[];
  logboek: { wanneer: string; wie: string; wat: string; uitkomst: string }[];
}

/** A draft of any shape the melding flow keeps: all of it is the melder's own typing. */
const AnyDraftSchema = z.looseObject({ id: z.string() });

function who(services: Services, incident: Incident, melderId: string, actorId: string): string {
  const id = actorId.toLowerCase();
  if (id === melderId.toLowerCase()) return w.u;
  if (actorId === 'system') return w.systeem;
  if (incident.handlerIds.some((h) => h.toLowerCase() === id)) return w.behandelaar;
  if (services.people.hasRole(actorId, 'coordinator')) return fmt(w.coordinator, { coordinator: services.profile.coordinatorLabel });
  return w.ander;
}

const VERBS: Readonly<Record<string, string>> = {
  ...nl.afhandeling.verbs, ...nl.agenda.verbs, ...nl.taken.verbs, 'afhandeling.evalueren': nl.evaluatie.verb, ...nl.avg.verbs,
};
const OUTCOMES: Readonly<Record<string, string>> = nl.afhandeling.outcomes;

function logboek(services: Services, incident: Incident, melderId: string, history: AuditEntry[]): InzageMelding['logboek'] {
  return history.map((h) => ({
    wanneer: h.at,
    wie: who(services, incident, melderId, h.actorId),
    wat: VERBS[h.verb] ?? h.verb,
    uitkomst: OUTCOMES[h.outcome] ?? h.outcome,
  }));
}

function afspraken(bookings: Bookings | undefined): InzageMelding['afspraken'] {
  return (bookings?.items ?? []).map((i) => ({
    gesprek: nl.agenda.kaart.label[i.kind],
    begin: i.start,
    eind: i.end,
    status: nl.agenda.kaart.statussen[i.status],
    locatie: i.location ?? null,
    online: i.online,
  }));
}

export function inzageMelding(services: Services, incident: Incident, melderId: string, history: AuditEntry[], bookings: Bookings | undefined): InzageMelding {
  const p = services.profile;
  const d = incident.decision;
  const labels = new Map(p.maatregelen.map((m) => [m.type, m.label]));
  return {
    nummer: incident.number,
    status: nl.incident.status[incident.state],
    gemeldOp: incident.reportedAt,
    gebeurdOp: incident.occurredAt,
    langGeleden: incident.occurredLongAgo,
    namens: incident.namens,
    rol: roleLabel(p, incident.ambtsdrager.role),
    kanaal: nl.melding.wanneer.kanalen[incident.kanaal],
    locatie: incident.locatie,
    omschrijving: incident.description,
    gerichtOp: incident.doelwitten.map((x) => nl.melding.wat.doelwit[x]),
    categorie: nl.category.label[incident.chosenCategory],
    meldplicht: nl.meldplicht[incident.meldplicht],
    pleger: incident.pleger,
    online: incident.online ?? null,
    bijlagen: incident.attachments.map((x) => x.name),
    gevolgen: incident.impact,
    maatregelen: d
      ? { soorten: d.types.map((t) => labels.get(t) ?? nl.maatregel[t]), einddatum: d.endDate ?? null, besprokenMetU: d.besproken ?? null, vastgesteldOp: d.decidedAt }
      : null,
    taken: (incident.taken ?? []).map((t) => ({ taak: nl.taken.kind[t.kind], status: t.state, op: t.at })),
    afgeslotenOp: incident.closedAt ?? null,
    geevalueerdOp: incident.evaluatie?.at ?? null,
    afspraken: afspraken(bookings),
    logboek: logboek(services, incident, melderId, history),
  };
}

/** The melder's own meldingen by their Entra object id (never another's), with their history, bookings and open draft. */
export async function collectInzage(services: Services, deps: Pick<HandlingDeps, 'agenda'>, melder: { aadObjectId: string; name: string }, now: Date): Promise<Inzage> {
  const own = (await services.store.incidents.listByMelder(services.orgId, melder.aadObjectId))
    .map((r) => r.value)
    // the index column is a filter; the document decides
    .filter((i) => i.melder.aadObjectId.toLowerCase() === melder.aadObjectId.toLowerCase() && !i.gewist);
  const meldingen = await Promise.all(own.map(async (incident) => {
    const [history, bookings] = await Promise.all([
      services.store.audit.list(services.orgId, incident.id),
      deps.agenda?.bookingsFor(incident.id),
    ]);
    return inzageMelding(services, incident, melder.aadObjectId, history, bookings);
  }));
  const draft = await services.store.drafts(AnyDraftSchema).get(services.orgId, melder.aadObjectId);
  return {
    gemaakt: now.toISOString(),
    naam: melder.name,
    meldingen,
    concept: draft?.value ?? null,
    nietOpgenomen: fmt(nl.avg.inzage.document.notities, { coordinator: services.profile.coordinatorLabel }),
  };
}
