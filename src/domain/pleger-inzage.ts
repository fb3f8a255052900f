import { toAmsterdam, type InstantInput } from './calendar.js';
import type { Incident } from './incident-schema.js';
import type { Profile } from './profiles/schema.js';
import { meldingTaken } from './tasks.js';
import { nl } from '../shared/i18n/nl.js';

/** One melding as the pleger may see it. */
export interface InzageMelding {
  nummer: string;
  /** when the incident happened (ISO) */
  datum: string;
  soort: string;
  kanaal: string;
  status: string;
  /** what the melding records about the pleger: their own details */
  overU: { naam?: string; omschrijving?: string; organisatie?: string; contact?: string; voertuig?: string };
  /** the pleger's own online account, when the incident was online */
  online?: { platform?: string; account?: string };
  maatregelen: string[];
  /** the period of a restrictive measure (ISO), as decided and as the letter set its start */
  periode?: { van?: string; tot: string };
  /** when the pleger was heard (ISO), when the hearing task was ticked off as done */
  gehoord?: string;
  /** what the organisation wrote to the pleger in its letter */
  brief?: { feiten: string; gronden: string; zienswijze?: string };
}

/** What the organisation holds about one pleger, for their AVG inzage. */
export interface Inzage {
  organisatie: string;
  /** the name the request was made under */
  naam: string;
  gemaakt: string;
  meldingen: InzageMelding[];
}

function present(entries: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) if (v?.trim()) out[k] = v.trim();
  return out;
}

/**
 * The export of an inzage request. Left out, to protect the melder and others (AVG 15(4)): who
 * reported (name, Entra id, role), the melder's own account of what happened, the place, the
 * evidence, the impact and health, the consents, the routing and everyone who handled it, the
 * handler's internal notes (the decision's toelichting, a rejection's reason, task reasons) and the
 * evaluation. What the organisation wrote to the pleger in its letter is theirs to see.
 */
export function plegerInzage(incidents: readonly Incident[], profile: Profile, organisatie: string, naam: string, now: InstantInput): Inzage {
  const labels = new Map(profile.maatregelen.map((m) => [m.type, m.label]));
  const meldingen = [...incidents]
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))
    .map((i): InzageMelding => {
      const d = i.decision;
      const hoor = meldingTaken(i, profile).find((t) => t.kind === 'hoor-en-wederhoor');
      const online = i.online ? present({ platform: i.online.platform, account: i.online.account }) : {};
      return {
        nummer: i.number,
        datum: i.occurredAt,
        soort: nl.category.label[i.chosenCategory],
        kanaal: nl.melding.wanneer.kanalen[i.kanaal],
        status: nl.incident.status[i.state],
        overU: present({ naam: i.pleger.naam, omschrijving: i.pleger.omschrijving, organisatie: i.pleger.organisatie, contact: i.pleger.contact, voertuig: i.pleger.voertuig }),
        ...(Object.keys(online).length > 0 ? { online } : {}),
        maatregelen: (d?.types ?? []).map((t) => labels.get(t) ?? nl.maatregel[t]),
        ...(d?.endDate ? { periode: { ...(i.plegerBrief ? { van: i.plegerBrief.ingang } : {}), tot: d.endDate } } : {}),
        ...(hoor?.state === 'gedaan' && hoor.at ? { gehoord: hoor.at } : {}),
        ...(i.plegerBrief
          ? { brief: { feiten: i.plegerBrief.feiten, gronden: i.plegerBrief.gronden, ...(i.plegerBrief.zienswijze ? { zienswijze: i.plegerBrief.zienswijze } : {}) } }
          : {}),
      };
    });
  return { organisatie, naam, gemaakt: toAmsterdam(now).toUTC().toISO() ?? '', meldingen };
}
