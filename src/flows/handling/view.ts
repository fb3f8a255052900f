import { deadlineStatus } from '../../domain/deadlines.js';
import { formatDutch, formatDutchDate } from '../../domain/format.js';
import { canTransition, handoverTargets } from '../../domain/incident.js';
import { TAAK_KINDS, type Incident } from '../../domain/incident-schema.js';
import { activeToegangsontzegging, proposeMaatregelen } from '../../domain/measures.js';
import { roleLabel } from '../../domain/route.js';
import { meldingTaken, TAAK_DEADLINE_KINDS } from '../../domain/tasks.js';
import { literal, renderCard } from '../../cards/render.js';
import { evidenceLines } from '../bericht/view.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { AuditEntry } from '../../store/schemas.js';
import { plegerKeyOf } from '../../store/pleger-key.js';
import type { Services } from '../services.js';
import type { CardJson } from '../types.js';
import { agendaCardData, agendaView, type AgendaView } from './agenda-view.js';
import type { HandlingAgenda } from './ports.js';
import { evaluatieCardData, trendCijfers } from './evaluatie-view.js';
import { takenCardData, taskTitle } from './taken-view.js';

const a = nl.afhandeling;
const yesNo = (b: boolean): string => (b ? nl.common.yes : nl.common.no);

/** What the handler typed on the card, shown back when a decision is refused. */
export interface FormValues {
  maatregelen?: string;
  toelichting?: string;
  einddatum?: string;
  reden?: string;
  overdragenAan?: string;
  besproken?: string;
}

export interface ViewOptions {
  /** the handler's own view: the maatregelen form and the decision actions */
  handler: boolean;
  banner?: string;
  errors?: string[];
  form?: FormValues;
  /** Teams user ids (29:...) that get the handler view through Universal Actions' refresh */
  refreshUserIds?: string[];
}

export interface ViewContext {
  services: Services;
  now: Date;
  history: AuditEntry[];
  /** how many stored meldingen name this pleger (this one included) */
  plegerCount: number;
  /** the end of a toegangsontzegging against this pleger, decided on another melding, that still runs */
  toegangOntzegdTot?: string | undefined;
  /** the booked moments; absent when rendered without the agenda */
  agenda?: AgendaView | undefined;
  /** the figures beside the evaluation's trend question, while a closed melding waits for its evaluation */
  trend?: string | undefined;
}

export async function viewContext(services: Services, incident: Incident, now: Date, agenda?: HandlingAgenda): Promise<ViewContext> {
  const key = plegerKeyOf(incident.pleger);
  const evaluating = incident.state === 'afgesloten' && !incident.evaluatie;
  const [history, samePleger, bookings, trend] = await Promise.all([
    services.store.audit.list(services.orgId, incident.id),
    key ? services.store.incidents.listByPlegerKey(services.orgId, key) : Promise.resolve([]),
    agendaView(agenda, incident),
    evaluating ? trendCijfers(services, incident, now) : Promise.resolve(undefined),
  ]);
  const others = samePleger.map((r) => r.value).filter((o) => o.id !== incident.id);
  return { services, now, history, plegerCount: others.length + 1, toegangOntzegdTot: activeToegangsontzegging(others, now), agenda: bookings, trend };
}

/**
 * The deadlines the card shows: the nazorg ones only when the melder wants nazorg; a task's
 * deadline is shown with the task, which knows whether the protocol gives it at all.
 */
export function shownDeadlines(incident: Incident): Incident['deadlines'] {
  return incident.deadlines
    .filter((d) => incident.impact.nazorgGewenst || !d.kind.startsWith('nazorg'))
    .filter((d) => !TAAK_DEADLINE_KINDS.includes(d.kind));
}

/** One deadline as the card shows it at `now`: what is due, when, how long is left, and its colour. */
export function deadlineLine(d: Incident['deadlines'][number], now: Date): { title: string; value: string; color: string } {
  const s = deadlineStatus(d, now);
  const left = s.notYet
    ? a.kaart.nogNiet
    : s.state === 'overdue'
      ? fmt(a.kaart.verlopen, { hours: Math.abs(Math.round(s.hoursLeft)) })
      : fmt(a.kaart.resterend, { hours: Math.round(s.hoursLeft) });
  const label = fmt(nl.melding.deadlineLabel[d.kind], { from: d.notBefore ? formatDutchDate(d.notBefore) : '' });
  const color = s.state === 'overdue' ? 'Attention' : s.state === 'due-soon' ? 'Warning' : 'Default';
  return { title: label, value: `${formatDutch(d.dueBy)} (${left})`, color };
}

function deadlineLines(incident: Incident, now: Date): { title: string; value: string; color: string }[] {
  return shownDeadlines(incident).map((d) => deadlineLine(d, now));
}

function plegerText(incident: Incident): string {
  const p = incident.pleger;
  const parts = [p.naam, p.omschrijving, p.organisatie, p.contact, p.voertuig].filter((x): x is string => !!x?.trim());
  const base = parts.length > 0 ? parts.join(' · ') : a.kaart.plegerOnbekend;
  return literal(p.eerderContact ? `${base} (${a.kaart.plegerEerder.toLowerCase()})` : base);
}

function evidence(incident: Incident): string[] {
  const lines = incident.attachments.map((x) => literal(x.name));
  const o = incident.online;
  if (o) {
    const online = fmt(a.kaart.online, { platform: o.platform ?? '', account: o.account ?? '', url: o.url ?? '' }).trim();
    lines.push(literal(o.gemeldBijPlatform ? `${online} (${a.kaart.gemeldBijPlatform})` : online));
  }
  return lines.length > 0 ? lines : [a.kaart.geenBewijs];
}

function personName(services: Services, id: string): string {
  if (id === 'system') return a.systeem;
  return services.people.get(id)?.name ?? id.slice(0, 8);
}

function historyLines(ctx: ViewContext, incident: Incident): string[] {
  const verbs: Record<string, string> = { ...a.verbs, ...nl.agenda.verbs, ...nl.taken.verbs, 'afhandeling.evalueren': nl.evaluatie.verb };
  const outcomes: Record<string, string> = a.outcomes;
  const reason = incident.rejectionReason;
  return ctx.history.map((h) => {
    const regel = fmt(a.kaart.geschiedenisRegel, {
      date: formatDutch(h.at),
      who: personName(ctx.services, h.actorId),
      verb: verbs[h.verb] ?? h.verb,
      outcome: outcomes[h.outcome] ?? h.outcome,
    });
    // Only one Afwijzen can succeed: it closes the melding.
    if (reason && h.verb === 'afhandeling.afwijzen' && h.outcome === 'ok') return fmt(a.kaart.geschiedenisReden, { regel, reden: literal(reason) });
    const taak = h.subject ? taakName(ctx, incident, h.subject) : undefined;
    return taak ? fmt(a.kaart.geschiedenisTaak, { regel, taak }) : regel;
  });
}

/** The name of the task an audited tick was about, by its id (a task that no longer follows from the melding: its kind). */
function taakName(ctx: ViewContext, incident: Incident, id: string): string | undefined {
  const task = meldingTaken(incident, ctx.services.profile).find((x) => x.id === id);
  if (task) return taskTitle(ctx.services, task);
  const kind = TAAK_KINDS.find((k) => id === k || id.startsWith(`${k}-`));
  return kind && kind !== 'informeren' ? nl.taken.kind[kind] : undefined;
}

function decisionLines(incident: Incident, services: Services): string[] {
  const d = incident.decision;
  if (!d) return [];
  const defs = new Map(services.profile.maatregelen.map((m) => [m.type, m]));
  const lines = d.types.map((t) => `• ${defs.get(t)?.label ?? nl.maatregel[t]}`);
  if (d.endDate) lines.push(fmt(a.kaart.einddatum, { date: formatDutchDate(d.endDate) }));
  for (const t of d.types) {
    const def = defs.get(t);
    if (def?.burgemeesterBesluit) lines.push(fmt(a.kaart.burgemeesterBesluit, { label: def.label }));
  }
  // absent on decisions from before the question was asked: unknown, so nothing is claimed
  if (d.besproken !== undefined) lines.push(fmt(a.kaart.besproken, { value: yesNo(d.besproken) }));
  if (d.besproken === false) lines.push(a.kaart.nietBesproken);
  if (d.comment) lines.push(literal(d.comment));
  lines.push(fmt(a.kaart.besluitDoor, { name: literal(d.decidedBy.name ?? ''), date: formatDutch(d.decidedAt) }));
  return lines;
}

/** The melding card: the status view for everyone, the handler view with the maatregelen form. */
export function meldingCard(incident: Incident, ctx: ViewContext, options: ViewOptions): CardJson {
  const { services, now } = ctx;
  const p = services.profile;
  const repeated = ctx.plegerCount > 1;
  const proposals = proposeMaatregelen({
    category: incident.chosenCategory,
    meldplicht: incident.meldplicht,
    repeated,
    profile: p,
    toegangOntzegdTot: ctx.toegangOntzegdTot,
  });
  const open = incident.state === 'gemeld' || incident.state === 'in-behandeling';
  const handlerView = options.handler && incident.state !== 'afgesloten';
  const primary = incident.routing.handlers[0];
  const handoverChoices = handoverTargets(incident).map((r) => ({ title: roleLabel(p, r), value: r }));
  const form = options.form ?? {};
  const role = roleLabel(p, incident.ambtsdrager.role);
  const card = renderCard('afhandeling-melding', {
    incidentId: incident.id,
    title: fmt(a.kaart.title, { number: incident.number }),
    status: fmt(a.kaart.status, { status: nl.incident.status[incident.state] }),
    statusStyle: open ? 'warning' : incident.state === 'afgesloten' ? 'default' : 'good',
    banner: options.banner ?? '',
    errors: (options.errors ?? []).map((e) => ({ text: e })),
    facts: [
      { title: a.kaart.gemeldOp, value: formatDutch(incident.reportedAt) },
      { title: a.kaart.gebeurdOp, value: `${formatDutch(incident.occurredAt)}${incident.occurredLongAgo ? ` ${a.kaart.lang}` : ''}` },
      { title: a.kaart.rol, value: incident.namens ? fmt(a.kaart.namens, { role }) : role },
      { title: a.kaart.categorie, value: nl.category.label[incident.chosenCategory] },
      { title: a.kaart.meldplicht, value: nl.meldplicht[incident.meldplicht] },
      { title: a.kaart.doelwitten, value: incident.doelwitten.map((d) => nl.melding.wat.doelwit[d]).join(', ') },
      { title: a.kaart.behandelaar, value: primary ? roleLabel(p, primary) : '' },
    ],
    waar: literal(`${incident.locatie} · ${nl.melding.wanneer.kanalen[incident.kanaal]}`),
    description: literal(incident.description),
    pleger: plegerText(incident),
    evidence: evidence(incident).map((text) => ({ text })),
    teamsBericht: incident.evidence ? evidenceLines(incident.evidence) : [],
    consent: [
      fmt(a.kaart.toestemmingAangifte, { value: yesNo(incident.impact.toestemmingAangifte) }),
      fmt(a.kaart.toestemmingInformeren, { value: yesNo(incident.impact.toestemmingInformeren) }),
      fmt(a.kaart.impact, {
        letsel: yesNo(incident.impact.letsel),
        ziekenhuis: yesNo(incident.impact.ziekenhuis),
        steun: yesNo(incident.impact.steunNodig),
      }),
    ].map((text) => ({ text })),
    deadlines: deadlineLines(incident, now),
    repeatedText: [
      repeated ? fmt(a.kaart.herhaald, { count: ctx.plegerCount }) : a.kaart.eerste,
      ...(ctx.toegangOntzegdTot ? [fmt(a.kaart.toegangOntzegd, { date: formatDutchDate(ctx.toegangOntzegdTot) })] : []),
    ].join(' '),
    proposals: proposals.map((x) => ({ text: `• ${nl.maatregel[x.type]}: ${nl.maatregelReden[x.reason]}` })),
    noProposals: proposals.length === 0,
    decision: decisionLines(incident, services).map((text) => ({ text })),
    history: historyLines(ctx, incident).map((text) => ({ text })),
    showOpen: !options.handler && open,
    handlerView,
    decisionOpen: handlerView && open,
    canClose: handlerView && incident.state === 'maatregelen-vastgesteld',
    canHandover: handlerView && canTransition(incident.state, 'overdragen') && handoverChoices.length > 0,
    choices: p.maatregelen.map((m) => ({ title: m.label, value: m.type })),
    selected: form.maatregelen ?? proposals.map((x) => x.type).join(','),
    toelichting: literal(form.toelichting ?? ''),
    einddatum: form.einddatum ?? '',
    besproken: form.besproken === 'ja' ? 'ja' : 'nee',
    reden: literal(form.reden ?? ''),
    handoverChoices,
    handoverValue: form.overdragenAan ?? handoverChoices[0]?.value ?? '',
    coordinatorVragen: handlerView && !incident.routing.coordinator ? fmt(a.coordinatorOpVerzoek, { coordinator: p.coordinatorLabel }) : '',
    coordinatorKnop: a.coordinatorInschakelen,
    ...agendaCardData(incident, ctx.agenda, handlerView),
    ...takenCardData(incident, services, now, options.handler),
    ...evaluatieCardData(incident, ctx.trend),
  });
  const userIds = options.refreshUserIds ?? [];
  if (userIds.length > 0) {
    card['refresh'] = {
      action: { type: 'Action.Execute', title: a.kaart.behandelen, verb: 'afhandeling.vernieuwen', data: { incidentId: incident.id } },
      userIds: userIds.slice(0, 60),
    };
  }
  return card;
}
