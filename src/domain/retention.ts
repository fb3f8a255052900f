import type { Gewist, Incident, PersonRef } from './incident-schema.js';
import type { Profile } from './profiles/schema.js';

/** What an erased melding holds where a person's id or a required text was: no one, nothing. */
export const GEWIST = 'gewist';

/** The profile's term (bewaartermijnJaren), else 5 years after closing: see the profile schema for where that comes from. */
export const DEFAULT_RETENTION_YEARS = 5;

export function retentionYears(profile: Pick<Profile, 'bewaartermijnJaren'>): number {
  return profile.bewaartermijnJaren ?? DEFAULT_RETENTION_YEARS;
}

/** The moment a closed melding's personal data goes; undefined while it is open (an open melding is never erased by its term). */
export function erasableFrom(incident: Incident, years: number): Date | undefined {
  if (incident.state !== 'afgesloten' || incident.closedAt === undefined) return undefined;
  const at = new Date(incident.closedAt);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return at;
}

export function isPastRetention(incident: Incident, years: number, now: Date): boolean {
  const from = erasableFrom(incident, years);
  return incident.gewist === undefined && from !== undefined && from.getTime() <= now.getTime();
}

const nobody: PersonRef = { aadObjectId: GEWIST };

/**
 * The melding without its personal data, in place, so everything that reads a melding keeps
 * working and the report keeps counting it. Stays: the number, the dates (the report counts by
 * month and measures the deadlines), category, the role of the ambtsdrager, channel, the protocol's
 * answers, meldplicht, statuses, the routing's roles, the maatregel kinds and their end date,
 * the tasks' states, the evaluation's choices, the deadlines. Goes: every person's id and name
 * (melder, ambtsdrager, handlers, who decided), the description, place, the pleger's details
 * (only "known" and "earlier contact" stay), the online evidence, the attachments, every free text
 * of the handlers (toelichting, reasons, the evaluation's texts), and the health answers (letsel,
 * ziekenhuis, steun: shown as "no" from now on, which `gewist` tells apart from a real no).
 */
export function redact(incident: Incident, gewist: Gewist): Incident {
  const { decision, evaluatie, strafbaarVermoed, coordinatorIngeschakeld, online, taken } = incident;
  return {
    id: incident.id,
    organisationId: incident.organisationId,
    profileId: incident.profileId,
    number: incident.number,
    state: incident.state,
    overleg: incident.overleg,
    createdAt: incident.createdAt,
    reportedAt: incident.reportedAt,
    occurredAt: incident.occurredAt,
    occurredLongAgo: incident.occurredLongAgo,
    melder: nobody,
    ambtsdrager: { ...nobody, role: incident.ambtsdrager.role },
    namens: incident.namens,
    kanaal: incident.kanaal,
    locatie: '',
    description: GEWIST,
    doelwitten: incident.doelwitten,
    answers: incident.answers,
    derivedCategory: incident.derivedCategory,
    chosenCategory: incident.chosenCategory,
    meldplicht: incident.meldplicht,
    pleger: { bekend: incident.pleger.bekend, eerderContact: incident.pleger.eerderContact },
    ...(online ? { online: { gemeldBijPlatform: online.gemeldBijPlatform } } : {}),
    attachments: [],
    ...(incident.impact
      ? {
          impact: {
            letsel: false,
            ziekenhuis: false,
            steunNodig: false,
            toestemmingAangifte: incident.impact.toestemmingAangifte,
            toestemmingInformeren: incident.impact.toestemmingInformeren,
            nazorgGewenst: incident.impact.nazorgGewenst,
          },
        }
      : {}),
    ...(incident.categorieVastgesteld ? { categorieVastgesteld: { value: incident.categorieVastgesteld.value, by: nobody, at: incident.categorieVastgesteld.at } } : {}),
    routing: incident.routing,
    ...(coordinatorIngeschakeld ? { coordinatorIngeschakeld: { by: nobody, at: coordinatorIngeschakeld.at } } : {}),
    deadlines: incident.deadlines,
    handlerIds: [],
    ...(decision
      ? {
          decision: {
            types: decision.types,
            ...(decision.endDate !== undefined ? { endDate: decision.endDate } : {}),
            ...(decision.besproken !== undefined ? { besproken: decision.besproken } : {}),
            decidedBy: nobody,
            decidedAt: decision.decidedAt,
          },
        }
      : {}),
    ...(incident.closedAt !== undefined ? { closedAt: incident.closedAt } : {}),
    ...(taken
      ? { taken: taken.map((t) => ({ id: t.id, kind: t.kind, ...(t.partij ? { partij: t.partij } : {}), state: t.state, by: nobody, at: t.at })) }
      : {}),
    ...(strafbaarVermoed ? { strafbaarVermoed: { value: strafbaarVermoed.value, by: nobody, at: strafbaarVermoed.at } } : {}),
    ...(evaluatie
      ? { evaluatie: { ernst: evaluatie.ernst, herhalingsrisico: evaluatie.herhalingsrisico, trend: evaluatie.trend, oorzaak: '', verbeteringen: '', by: nobody, at: evaluatie.at } }
      : {}),
    gewist,
  };
}
