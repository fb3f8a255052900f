import { toAmsterdam, type InstantInput } from './calendar.js';
import { computeDeadlines } from './deadlines.js';
import { LIMITS, type Deadline, type Incident, type PersonRef, type TaakKind, type TaakRecord } from './incident-schema.js';
import { fmt, nl } from '../shared/i18n/nl.js';
import type { Profile, TakenConfig } from './profiles/schema.js';
import type { Category, Role } from './types.js';

export type TaakState = 'open' | TaakRecord['state'];

/** One task the protocol gives a melding, with its state. */
export interface Taak {
  id: string;
  kind: TaakKind;
  /** the party to inform (kind 'informeren') */
  partij?: Role;
  /** the role that carries it out */
  owner: Role;
  /** only where the protocol names a deadline */
  notBefore?: string;
  dueBy?: string;
  state: TaakState;
  reason?: string;
  by?: PersonRef;
  at?: string;
}

export type StrafbaarReden = keyof typeof nl.taken.strafbaarWaarom;

/**
 * What the category suggests: threats and violence are criminal offences; verbal aggression only
 * sometimes (belediging, smaad, laster), so the handler decides; emotional behaviour is allowed.
 */
export function strafbaarVolgensCategorie(category: Category): { value: boolean; reden: StrafbaarReden } {
  switch (category) {
    case 'bedreiging-intimidatie':
    case 'fysiek-geweld':
      return { value: true, reden: 'categorie-strafbaar' };
    case 'verbale-agressie':
      return { value: false, reden: 'categorie-verbaal' };
    case 'emotioneel-eigen-situatie':
    case 'emotioneel-kritiek':
      return { value: false, reden: 'categorie-emotioneel' };
  }
}

/** "Strafbaar feit vermoed": the handler's answer when given, else what the category suggests, and why. */
export function strafbaarVermoeden(incident: Pick<Incident, 'chosenCategory' | 'strafbaarVermoed'>): {
  value: boolean;
  reden: StrafbaarReden;
  keuze?: NonNullable<Incident['strafbaarVermoed']>;
} {
  const suggested = strafbaarVolgensCategorie(incident.chosenCategory);
  const keuze = incident.strafbaarVermoed;
  return keuze ? { value: keuze.value, reden: suggested.reden, keuze } : suggested;
}

const NO_TAKEN: TakenConfig = { inspectieSzw: 'behandelaar', extern: [] };

function restrictiveEndOf(incident: Incident, profile: Profile): string | undefined {
  const d = incident.decision;
  if (!d?.endDate) return undefined;
  return d.types.some((t) => profile.maatregelen.find((m) => m.type === t)?.restrictive) ? d.endDate : undefined;
}

type Open = Omit<Taak, 'state' | 'reason' | 'by' | 'at'>;

/** The tasks that follow from the melding as it stands, all open. */
function derive(incident: Incident, profile: Profile): Open[] {
  const config = profile.taken ?? NO_TAKEN;
  const handler: Role = incident.routing.handlers[0] ?? 'coordinator';
  const strafbaar = strafbaarVermoeden(incident).value;
  const injury = incident.impact?.letsel === true || incident.impact?.ziekenhuis === true;
  const restrictiveEnd = restrictiveEndOf(incident, profile);
  const deadlines = computeDeadlines({
    occurredAt: incident.occurredAt,
    injury,
    strafbaarVermoeden: strafbaar,
    ...(restrictiveEnd ? { restrictiveEnd } : {}),
    profile,
  });
  const timed = (kind: Deadline['kind']): Pick<Taak, 'dueBy' | 'notBefore'> => {
    const d = deadlines.find((x) => x.kind === kind);
    return d ? { dueBy: d.dueBy, ...(d.notBefore ? { notBefore: d.notBefore } : {}) } : {};
  };
  const tasks: Open[] = [];
  if (strafbaar) {
    const owner = profile.policeByHandler ? handler : incident.ambtsdrager.role;
    tasks.push({ id: 'politie-afspraak', kind: 'politie-afspraak', owner, ...timed('politie-afspraak') });
  }
  if (injury) {
    const owner = config.inspectieSzw === 'behandelaar' ? handler : config.inspectieSzw;
    tasks.push({ id: 'inspectie-szw', kind: 'inspectie-szw', owner, ...timed('inspectie-szw') });
  }
  // Without the victim's consent the protocol says nothing about an aangifte: no task at all.
  if (strafbaar && incident.impact?.toestemmingAangifte) {
    tasks.push({ id: 'aangifte', kind: 'aangifte', owner: handler });
    // the victim hears back how the prosecution went (Nijmegen, model protocol)
    tasks.push({ id: 'terugkoppeling-vervolging', kind: 'terugkoppeling-vervolging', owner: handler });
  }
  // online behaviour is also reported to the platform (Nijmegen), unless the melder already did
  // Disorder in a council meeting: the voorzitter decides on the aangifte of the ordeverstoring, with
  // the griffier and the coordinator; that is the organisation's decision, not the victim's aangifte.
  if (incident.kanaal === 'vergadering' && profile.vergadering) {
    const voorzitter = profile.vergadering.voorzitter;
    const owner: Role = incident.routing.vergadering?.includes(voorzitter) || incident.routing.handlers.includes(voorzitter) ? voorzitter : handler;
    tasks.push({ id: 'aangifte-ordeverstoring', kind: 'aangifte-ordeverstoring', owner });
  }
  if (incident.online && !incident.online.gemeldBijPlatform) tasks.push({ id: 'platform-melden', kind: 'platform-melden', owner: handler });
  for (const party of config.extern) {
    if (!party.bij.includes(incident.ambtsdrager.role)) continue;
    tasks.push({ id: `informeren-${party.partij}`, kind: 'informeren', partij: party.partij, owner: handler });
  }
  // Vandalism is in the column of physical violence; a threat against property damages nothing.
  if (incident.doelwitten.includes('eigendommen') && incident.chosenCategory === 'fysiek-geweld') {
    tasks.push({ id: 'schadeverhaal', kind: 'schadeverhaal', owner: handler });
  }
  // Hoor en wederhoor before a measure the profile names; it blocks nothing, but is due when the
  // measure takes effect, which the letter to the pleger records.
  if (incident.decision?.types.some((t) => profile.plegerRechten.horenVoor.includes(t))) {
    const ingang = incident.plegerBrief?.ingang;
    tasks.push({ id: 'hoor-en-wederhoor', kind: 'hoor-en-wederhoor', owner: handler, ...(ingang ? { dueBy: ingang } : {}) });
  }
  if (incident.decision && (incident.decision.types.includes('incidentgesprek') || restrictiveEnd)) {
    tasks.push({ id: 'brief-pleger', kind: 'brief-pleger', owner: handler });
  }
  if (restrictiveEnd) tasks.push({ id: 'herstelgesprek', kind: 'herstelgesprek', owner: handler, ...timed('herstelgesprek') });
  return tasks;
}

/**
 * The protocol's tasks of a melding under its profile, each with its recorded state. A task that
 * no longer follows from the melding (the handler changed "strafbaar feit vermoed") stays on the
 * list once it was ticked off, so what was done is never lost.
 */
export function meldingTaken(incident: Incident, profile: Profile): Taak[] {
  const records = new Map((incident.taken ?? []).map((r) => [r.id, r]));
  const handler: Role = incident.routing.handlers[0] ?? 'coordinator';
  const tasks: Taak[] = derive(incident, profile).map((t) => {
    const r = records.get(t.id);
    records.delete(t.id);
    return r ? { ...t, ...recordFields(r) } : { ...t, state: 'open' };
  });
  for (const r of records.values()) {
    tasks.push({ id: r.id, kind: r.kind, ...(r.partij ? { partij: r.partij } : {}), owner: handler, ...recordFields(r) });
  }
  return tasks;
}

function recordFields(r: TaakRecord): Pick<Taak, 'state' | 'reason' | 'by' | 'at'> {
  return { state: r.state, ...(r.reason !== undefined ? { reason: r.reason } : {}), by: r.by, at: r.at };
}

export type TaakUpdate = { id: string; state: 'gedaan' } | { id: string; state: 'niet-nodig'; reason: string };

export type TaakResult = { ok: true; incident: Incident } | { ok: false; message: string };

function iso(now: InstantInput): string {
  return toAmsterdam(now).toUTC().toISO() ?? '';
}

/** Ticks a task off: only an open task of this melding, "niet nodig" only with a reason. The incident passed in is not changed. */
export function recordTaak(incident: Incident, profile: Profile, update: TaakUpdate, by: PersonRef, now: InstantInput): TaakResult {
  const t = nl.taken;
  const task = meldingTaken(incident, profile).find((x) => x.id === update.id);
  if (!task) return { ok: false, message: t.onbekend };
  if (task.state !== 'open') return { ok: false, message: t.alAfgehandeld };
  const record: TaakRecord = { id: task.id, kind: task.kind, ...(task.partij ? { partij: task.partij } : {}), state: update.state, by, at: iso(now) };
  if (update.state === 'niet-nodig') {
    const reason = update.reason.trim();
    if (reason === '') return { ok: false, message: t.redenNodig };
    if (reason.length > LIMITS.comment) return { ok: false, message: fmt(t.redenTeLang, { max: LIMITS.comment }) };
    record.reason = reason;
  }
  return { ok: true, incident: { ...incident, taken: [...(incident.taken ?? []), record] } };
}

/**
 * Undoes a tick (a mis-click, or a task that turned out not to be done): the task is open again.
 * The audit trail keeps that it was ticked and reopened.
 */
export function reopenTaak(incident: Incident, id: string): TaakResult {
  const taken = incident.taken ?? [];
  if (!taken.some((r) => r.id === id)) return { ok: false, message: nl.taken.alOpen };
  return { ok: true, incident: { ...incident, taken: taken.filter((r) => r.id !== id) } };
}

/**
 * The handler's answer to "strafbaar feit vermoed". The stored deadlines follow it, so whatever
 * reads them (reminders) sees the police appointment only when a strafbaar feit is suspected.
 */
export function setStrafbaarVermoed(incident: Incident, profile: Profile, value: boolean, by: PersonRef, now: InstantInput): TaakResult {
  if (strafbaarVermoeden(incident).value === value) return { ok: false, message: nl.taken.geenWijziging };
  const police = computeDeadlines({ occurredAt: incident.occurredAt, injury: false, strafbaarVermoeden: true, profile }).find(
    (d) => d.kind === 'politie-afspraak',
  );
  const others = incident.deadlines.filter((d) => d.kind !== 'politie-afspraak');
  const deadlines = value && police ? [...others, police] : others;
  return { ok: true, incident: { ...incident, deadlines, strafbaarVermoed: { value, by, at: iso(now) } } };
}
