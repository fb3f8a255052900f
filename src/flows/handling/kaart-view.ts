import { deadlineMet, deadlineWords, TAAK_DEADLINE_KINDS, type DeadlineProgress } from '../../domain/deadlines.js';
import { formatDutch, formatDutchDate } from '../../domain/format.js';
import type { Incident } from '../../domain/incident-schema.js';
import { roleLabel } from '../../domain/route.js';
import { meldingTaken } from '../../domain/tasks.js';
import type { MaatregelType } from '../../domain/types.js';
import { literal } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { Services } from '../services.js';
import type { AgendaView } from './agenda-view.js';
import { dueText, openTaskItems, type TodoItem } from './taken-view.js';

const a = nl.afhandeling;
const yesNo = (b: boolean): string => (b ? nl.common.yes : nl.common.no);

/**
 * The deadlines the card shows: the nazorg ones only when the melder wants nazorg; a task's
 * deadline is shown with the task, which knows whether the protocol gives it at all.
 */
export function shownDeadlines(incident: Incident): Incident['deadlines'] {
  return incident.deadlines
    .filter((d) => incident.impact?.nazorgGewenst || !d.kind.startsWith('nazorg'))
    .filter((d) => !TAAK_DEADLINE_KINDS.includes(d.kind));
}

/** One deadline as the overview shows it at `now`: what is due, when and its state in words, and its colour. */
export function deadlineLine(d: Incident['deadlines'][number], now: Date): { title: string; value: string; color: string } {
  const due = dueText(d, now);
  const words = deadlineWords(d, now).text;
  return { title: fmt(nl.melding.deadlineLabel[d.kind], { from: d.notBefore ? formatDutchDate(d.notBefore) : '' }), value: `${formatDutch(d.dueBy)} (${words})`, color: due.color };
}

/** What can meet a melding's deadlines besides the melding itself (the reminders build the same). */
export function deadlineProgress(incident: Incident, services: Services, bookings: { items: DeadlineProgress['bookings'] } | undefined): DeadlineProgress {
  return { bookings: bookings?.items ?? [], tasks: meldingTaken(incident, services.profile) };
}

/** The deadlines still to be met, as the reminders see them. */
export function openDeadlines(incident: Incident, progress: DeadlineProgress): Incident['deadlines'] {
  if (incident.state === 'afgesloten' || incident.state === 'concept') return [];
  return shownDeadlines(incident).filter((d) => !deadlineMet(incident, d.kind, progress));
}

/** A task whose deadline is met (a herstelgesprek booked) stays to be ticked off, but is no longer due. */
export function taskDue(incident: Incident, progress: DeadlineProgress): (taakId: string) => boolean {
  return (taakId) => !TAAK_DEADLINE_KINDS.some((k) => k === taakId && deadlineMet(incident, k, progress));
}

/** What needs doing now and by when, soonest first: the open deadlines and the open tasks. */
export function todoItems(
  incident: Incident,
  services: Services,
  now: Date,
  view: { agenda: AgendaView | undefined; proposals: readonly MaatregelType[] },
  canAct: boolean,
): TodoItem[] {
  const voorstel = view.proposals.length > 0 ? fmt(a.kaart.voorstelKort, { maatregelen: view.proposals.map((m) => nl.maatregel[m]).join(', ') }) : '';
  const progress = deadlineProgress(incident, services, view.agenda?.bookings);
  const deadlines: TodoItem[] = openDeadlines(incident, progress).map((d) => {
    const due = dueText(d, now);
    return {
      dueBy: d.dueBy,
      todoTitel: a.termijn[d.kind],
      // the proposal with the decision it is for: what the handler weighs first, at a glance
      todoWie: d.kind === 'maatregelen' ? voorstel : '',
      todoWanneer: due.text,
      todoKleur: due.color,
      taakId: '',
      taakActies: false,
      gedaanTitel: '',
      nietNodigTitel: '',
      bevestigTitel: '',
      redenLabel: '',
      taakRedenId: '',
    };
  });
  const tasks = incident.state === 'afgesloten' ? [] : openTaskItems(incident, services, now, canAct, taskDue(incident, progress));
  const at = (x: TodoItem): number => (x.dueBy ? Date.parse(x.dueBy) : Number.POSITIVE_INFINITY);
  return [...deadlines, ...tasks].sort((x, y) => at(x) - at(y));
}

function personName(services: Services, person: { aadObjectId: string; name?: string | undefined }): string {
  return literal(person.name ?? services.people.get(person.aadObjectId)?.name ?? '');
}

/** The top of the card: who (both people when reported namens), what, when. */
export function topLines(incident: Incident, services: Services): { kop: string; wie: string; wanneer: string } {
  const role = roleLabel(services.profile, incident.ambtsdrager.role);
  const name = personName(services, incident.ambtsdrager);
  const wie = incident.namens
    ? fmt(a.kaart.wieNamens, { name, role, melder: personName(services, incident.melder) })
    : name
      ? fmt(a.kaart.wie, { name, role })
      : role;
  return {
    kop: fmt(a.kaart.kop, { number: incident.number, category: nl.category.label[incident.chosenCategory] }),
    wie: wie.charAt(0).toUpperCase() + wie.slice(1),
    wanneer: fmt(a.kaart.wanneer, {
      date: formatDutch(incident.occurredAt),
      lang: incident.occurredLongAgo ? a.kaart.lang : '',
      reported: formatDutch(incident.reportedAt),
    }),
  };
}

function plegerText(incident: Incident, plegerCount: number): string {
  const p = incident.pleger;
  const parts = [p.naam, p.omschrijving, p.organisatie, p.contact, p.voertuig].filter((x): x is string => !!x?.trim());
  const base = literal(parts.length > 0 ? parts.join(' · ') : a.kaart.plegerOnbekend);
  const notes = [
    ...(p.eerderContact ? [a.kaart.plegerEerder.toLowerCase()] : []),
    ...(plegerCount > 1 ? [fmt(a.kaart.herhaald, { count: plegerCount })] : []),
  ];
  return notes.length > 0 ? `${base} (${notes.join('; ')})` : base;
}

function evidence(incident: Incident): string {
  const lines = incident.attachments.map((x) => literal(x.name));
  const o = incident.online;
  if (o) {
    const online = fmt(a.kaart.online, { platform: o.platform ?? '', account: o.account ?? '', url: o.url ?? '' }).trim();
    lines.push(literal(o.gemeldBijPlatform ? `${online} (${a.kaart.gemeldBijPlatform})` : online));
  }
  return lines.length > 0 ? lines.join('; ') : a.kaart.geenBewijs;
}

/** "What happened" as label and value, one line each: compact on a phone, the label read first. */
export function detailLines(incident: Incident, plegerCount: number): { label: string; value: string }[] {
  const i = incident.impact;
  // a short melding not yet aangevuld: unknown is not "no" (its aanvulling section says what is missing)
  const impact = !i
    ? []
    : [
        { label: a.kaart.gevolgen, value: fmt(a.kaart.gevolgenRegel, { letsel: yesNo(i.letsel), ziekenhuis: yesNo(i.ziekenhuis), steun: yesNo(i.steunNodig) }) },
        {
          label: a.kaart.toestemming,
          value: fmt(a.kaart.toestemmingRegel, { aangifte: yesNo(i.toestemmingAangifte), informeren: yesNo(i.toestemmingInformeren) }),
        },
      ];
  return [
    { label: a.kaart.waar, value: literal(`${incident.locatie} · ${nl.melding.wanneer.kanalen[incident.kanaal]}`) },
    { label: a.kaart.doelwitten, value: incident.doelwitten.map((d) => nl.melding.wat.doelwit[d]).join(', ') },
    { label: a.kaart.pleger, value: plegerText(incident, plegerCount) },
    { label: a.kaart.bewijs, value: evidence(incident) },
    { label: a.kaart.meldplicht, value: nl.meldplicht[incident.meldplicht] },
    ...impact,
  ];
}

/** The box "Steun gevraagd", with the name of who asked. */
export function steunText(incident: Incident, services: Services): string {
  if (!incident.impact?.steunNodig) return '';
  const name = personName(services, incident.ambtsdrager) || roleLabel(services.profile, incident.ambtsdrager.role);
  return fmt(a.kaart.steun, { name });
}
