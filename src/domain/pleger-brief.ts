import { DateTime } from 'luxon';
import { toAmsterdam, type InstantInput } from './calendar.js';
import { LIMITS, type Incident, type PersonRef, type PlegerBrief } from './incident-schema.js';
import type { MaatregelDef, Profile } from './profiles/schema.js';
import { roleLabel } from './route.js';
import type { Taak } from './tasks.js';
import { fmt, nl } from '../shared/i18n/nl.js';

const p = nl.pleger;

/** "24 november 2026": a letter spells the month out. */
export function briefDatum(instant: InstantInput): string {
  const dt = toAmsterdam(instant);
  return `${dt.day} ${p.maanden[dt.month - 1] ?? ''} ${dt.year}`;
}

/** The decided measures that restrict the pleger: the ones a letter with a besluit is written for. */
export function beperkendeMaatregelen(incident: Pick<Incident, 'decision'>, profile: Profile): MaatregelDef[] {
  const types = incident.decision?.types ?? [];
  return profile.maatregelen.filter((m) => m.restrictive && types.includes(m.type));
}

/** What the handler typed in the letter form. */
export interface BriefInput {
  feiten: string;
  gronden: string;
  /** YYYY-MM-DD, the day the measure takes effect */
  ingang: string;
  zienswijze?: string;
}

export type BriefCheck = { ok: true; brief: PlegerBrief } | { ok: false; errors: string[] };

/**
 * The handler's letter form checked against the decision: a restrictive measure must have been
 * decided, the facts and grounds written, and the measure must take effect between the day of the
 * decision and its end. Dutch messages for everything wrong.
 */
export function checkBrief(input: BriefInput, incident: Pick<Incident, 'decision'>, profile: Profile, by: PersonRef, now: InstantInput): BriefCheck {
  const decision = incident.decision;
  if (!decision || beperkendeMaatregelen(incident, profile).length === 0) return { ok: false, errors: [p.fout.geenBeperkendeMaatregel] };
  const errors: string[] = [];
  const feiten = input.feiten.trim();
  const gronden = input.gronden.trim();
  const zienswijze = input.zienswijze?.trim() ?? '';
  if (feiten === '') errors.push(p.fout.feitenNodig);
  if (gronden === '') errors.push(p.fout.grondenNodig);
  if ([feiten, gronden, zienswijze].some((t) => t.length > LIMITS.description)) errors.push(fmt(p.fout.teLang, { max: LIMITS.description }));
  const day = /^\d{4}-\d{2}-\d{2}$/.test(input.ingang.trim()) ? DateTime.fromISO(input.ingang.trim(), { zone: 'Europe/Amsterdam' }) : undefined;
  if (!day?.isValid) errors.push(p.fout.ingangNodig);
  else {
    const decided = toAmsterdam(decision.decidedAt).startOf('day');
    if (day.toMillis() < decided.toMillis()) errors.push(fmt(p.fout.ingangTeVroeg, { date: briefDatum(decided) }));
    if (decision.endDate && day.toMillis() > Date.parse(decision.endDate)) errors.push(fmt(p.fout.ingangNaEinde, { date: briefDatum(decision.endDate) }));
  }
  if (errors.length > 0 || !day) return { ok: false, errors };
  const at = toAmsterdam(now).toUTC().toISO() ?? '';
  return {
    ok: true,
    brief: { feiten, gronden, ...(zienswijze ? { zienswijze } : {}), ingang: day.startOf('day').toUTC().toISO() ?? '', by, at },
  };
}

/** One section of the letter: an optional heading and its paragraphs. */
export interface BriefBlok {
  kop?: string;
  alineas: string[];
}

/** The letter as text, ready to be laid out in a document. */
export interface Brief {
  /** the lines above the salutation: organisation, addressee, date, reference, subject */
  kop: string[];
  blokken: BriefBlok[];
  ondertekening: string[];
  /** a name a browser saves as is */
  bestandsnaam: string;
}

export interface BriefContext {
  profile: Profile;
  /** the organisation's name, as the letter is signed */
  organisatie: string;
  /** the hearing task of the melding, when the profile asks for one */
  hoorTaak?: Taak | undefined;
  now: InstantInput;
}

/**
 * The letter to the pleger from the decision and what the handler wrote for it. It carries only
 * what is meant for the pleger: the handler's facts and grounds, the measures with their period,
 * the ambtsdrager's role (never their name or anything of the melding itself: not the melder's
 * description, the place, the evidence, the impact or the consents), and the objection clause.
 */
export function plegerBrief(incident: Incident, brief: PlegerBrief, ctx: BriefContext): Brief {
  const { profile, organisatie } = ctx;
  const b = p.brief;
  const measures = beperkendeMaatregelen(incident, profile);
  const decision = incident.decision;
  const naam = incident.pleger.bekend ? incident.pleger.naam?.trim() : undefined;
  const onderwerp = measures.map((m) => m.label).join(', ');
  const kop = [
    organisatie,
    b.vertrouwelijk,
    '',
    fmt(b.aan, { naam: naam || b.onbekendeNaam }),
    b.adresInvullen,
    '',
    fmt(b.datum, { date: briefDatum(ctx.now) }),
    fmt(b.kenmerk, { nummer: incident.number }),
    fmt(b.onderwerp, { onderwerp }),
  ];
  const besluit: string[] = measures.map((m) => `• ${m.label}`);
  if (decision?.endDate) besluit.push(fmt(b.periode, { van: briefDatum(brief.ingang), tot: briefDatum(decision.endDate) }));
  if (measures.some((m) => m.burgemeesterBesluit)) besluit.push(b.burgemeester);
  if (measures.some((m) => m.type === 'toegangsontzegging')) besluit.push(b.overtreding);
  const gehoord: string[] = [];
  if (ctx.hoorTaak?.state === 'gedaan' && ctx.hoorTaak.at) gehoord.push(fmt(b.gehoordOp, { date: briefDatum(ctx.hoorTaak.at) }));
  if (brief.zienswijze) gehoord.push(brief.zienswijze);
  const bezwaarBij = [...new Set(measures.flatMap((m) => profile.plegerRechten.bezwaarBij[m.type] ?? []))];
  const bezwaar = bezwaarBij.length === 0
    ? []
    : [fmt(b.bezwaar, { bij: bezwaarBij.join(' of ') }), fmt(b.bezwaarInhoud, { nummer: incident.number }), b.bezwaarGaatDoor];
  const blokken: BriefBlok[] = [
    { alineas: [naam ? fmt(b.aanhef, { naam }) : b.aanhefOnbekend] },
    { alineas: [fmt(b.inleiding, { date: briefDatum(incident.occurredAt), role: roleLabel(profile, incident.ambtsdrager.role), organisatie })] },
    { kop: b.feitenKop, alineas: [brief.feiten] },
    { kop: b.besluitKop, alineas: besluit },
    { kop: b.grondenKop, alineas: [brief.gronden] },
    ...(gehoord.length > 0 ? [{ kop: b.gehoordKop, alineas: gehoord }] : []),
    ...(bezwaar.length > 0 ? [{ kop: b.bezwaarKop, alineas: bezwaar }] : []),
    { kop: b.gegevensKop, alineas: [b.gegevens] },
  ];
  const handler = incident.routing.handlers[0];
  const ondertekening = measures.some((m) => m.burgemeesterBesluit)
    ? [b.groet, '', fmt(b.namensBurgemeester, { organisatie })]
    : [b.groet, '', fmt(b.namens, { organisatie }), ...(handler ? [fmt(b.functie, { role: roleLabel(profile, handler) })] : [])];
  return { kop, blokken, ondertekening, bestandsnaam: `brief-pleger-${incident.number}.docx` };
}
