import { formatDutch, formatDutchDate } from '../../domain/format.js';
import { canTransition, handoverTargets } from '../../domain/incident.js';
import { TAAK_KINDS, type Incident } from '../../domain/incident-schema.js';
import { latestRunning, proposeMaatregelen } from '../../domain/measures.js';
import { roleLabel } from '../../domain/route.js';
import { meldingTaken } from '../../domain/tasks.js';
import { literal, renderCard } from '../../cards/render.js';
import { evidenceLines } from '../bericht/view.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { AuditEntry } from '../../store/schemas.js';
import type { Services } from '../services.js';
import type { CardJson } from '../types.js';
import { aanvullingSection } from './aanvulling-view.js';
import { gewistCard, withErasureAction } from '../avg/card.js';
import { agendaCardData, agendaView, type AgendaView } from './agenda-view.js';
import type { HandlingAgenda } from './ports.js';
import { evaluatieCardData, trendCijfers } from './evaluatie-view.js';
import { detailLines, steunText, todoItems, topLines } from './kaart-view.js';
import { takenCardData, taskTitle } from './taken-view.js';
import { withPlegerBrief } from '../pleger/brief-card.js';
import { plegerSignal, type MayOpen, type PlegerSignal } from './pleger-signal.js';
import { plegerSignalSection } from './pleger-signal-view.js';

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
  /**
   * the shared view in a handler's channel: "Oppakken" for whoever picks the melding up there
   * (clients without refresh show the shared view to the handlers too); never elsewhere, where it would refuse
   */
  pickUp?: boolean;
  /** the viewer may evaluate the closed melding (`mayEvaluate`): only then the evaluation form */
  evaluator?: boolean;
  /** the viewer is the organisation's coordinator (or reads her channel): she sees which other organisations know the pleger */
  coordinator?: boolean;
  /** Teams user ids (29:...) that get their own view through Universal Actions' refresh */
  refreshUserIds?: string[];
}

export interface ViewContext {
  services: Services;
  now: Date;
  history: AuditEntry[];
  /** how many stored meldingen name this pleger (this one included) */
  plegerCount: number;
  /** the other meldingen of this pleger, about other ambtsdragers too, and which of them this viewer may open */
  pleger?: PlegerSignal | undefined;
  /** the end of a toegangsontzegging against this pleger, decided on another melding, that still runs */
  toegangOntzegdTot?: string | undefined;
  /** the booked moments; absent when rendered without the agenda */
  agenda?: AgendaView | undefined;
  /** the figures beside the evaluation's trend question, while a closed melding waits for its evaluation */
  trend?: string | undefined;
}

/**
 * What the card needs beside the melding. `mayOpen` says which other meldingen of the same pleger
 * the viewer may open (pleger-signal.ts); without it, the card links to none.
 */
export async function viewContext(services: Services, incident: Incident, now: Date, agenda?: HandlingAgenda, mayOpen?: MayOpen): Promise<ViewContext> {
  const evaluating = incident.state === 'afgesloten' && !incident.evaluatie;
  const [history, pleger, bookings, trend] = await Promise.all([
    services.store.audit.list(services.orgId, incident.id),
    plegerSignal(services, services.orgId, incident, mayOpen ?? (() => Promise.resolve(false))),
    agendaView(agenda, incident),
    evaluating ? trendCijfers(services, incident, now) : Promise.resolve(undefined),
  ]);
  const toegangOntzegdTot = latestRunning(pleger.others.flatMap((o) => (o.toegangTot ? [o.toegangTot] : [])), now);
  return { services, now, history, plegerCount: pleger.others.length + 1, pleger, toegangOntzegdTot, agenda: bookings, trend };
}

function personName(services: Services, id: string): string {
  if (id === 'system') return a.systeem;
  return services.people.get(id)?.name ?? id.slice(0, 8);
}

function historyLines(ctx: ViewContext, incident: Incident): string[] {
  const verbs: Record<string, string> = { ...a.verbs, ...nl.agenda.verbs, ...nl.taken.verbs, 'afhandeling.evalueren': nl.evaluatie.verb, ...nl.pleger.verbs };
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

export { deadlineLine, shownDeadlines } from './kaart-view.js';

/** The decision form's data: the proposals pre-ticked, what the handler typed, the handover without a choice made for her. */
function formData(incident: Incident, services: Services, proposals: ReturnType<typeof proposeMaatregelen>, form: FormValues, handlerView: boolean) {
  const p = services.profile;
  const handoverChoices = handoverTargets(incident).map((r) => ({ title: roleLabel(p, r), value: r }));
  const open = incident.state === 'gemeld' || incident.state === 'in-behandeling';
  return {
    canPickUp: handlerView && incident.state === 'gemeld',
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
    handoverValue: form.overdragenAan ?? '',
  };
}

/**
 * The melding card: at the top who, what and when; then what needs doing now and by when; what
 * happened; the decision. The agenda and the history wait behind "Agenda en geschiedenis". The
 * handler view adds the buttons; nobody else gets a button that would refuse them.
 */
export function meldingCard(incident: Incident, ctx: ViewContext, options: ViewOptions): CardJson {
  const { services, now } = ctx;
  const p = services.profile;
  // an erased melding shows only that it was erased (src/flows/avg)
  const erased = gewistCard(incident, p);
  if (erased) return erased;
  const repeated = ctx.plegerCount > 1;
  const proposals = proposeMaatregelen({
    category: incident.chosenCategory,
    meldplicht: incident.meldplicht,
    repeated,
    andereAmbtsdragers: ctx.pleger?.andereAmbtsdragers ?? 0,
    profile: p,
    toegangOntzegdTot: ctx.toegangOntzegdTot,
  });
  const open = incident.state === 'gemeld' || incident.state === 'in-behandeling';
  const handlerView = options.handler && incident.state !== 'afgesloten';
  const primary = incident.routing.handlers[0];
  const status = nl.incident.status[incident.state];
  const todo = todoItems(incident, services, now, { agenda: ctx.agenda, proposals: proposals.map((x) => x.type) }, options.handler && incident.state !== 'concept');
  const card = renderCard('afhandeling-melding', {
    incidentId: incident.id,
    ...topLines(incident, services),
    status: primary ? fmt(a.kaart.statusBehandelaar, { status, handler: roleLabel(p, primary) }) : fmt(a.kaart.status, { status }),
    overleg: incident.overleg,
    statusStyle: open ? 'warning' : incident.state === 'afgesloten' ? 'default' : 'good',
    banner: options.banner ?? '',
    errors: (options.errors ?? []).map((e) => ({ text: e })),
    steun: steunText(incident, services),
    toegangOntzegd: ctx.toegangOntzegdTot ? fmt(a.kaart.toegangOntzegd, { date: formatDutchDate(ctx.toegangOntzegdTot) }) : '',
    todo,
    nothingToDo: todo.length === 0 && incident.state !== 'afgesloten',
    description: literal(incident.description),
    details: detailLines(incident, ctx.plegerCount),
    teamsBericht: incident.evidence ? evidenceLines(incident.evidence) : [],
    proposals: proposals.map((x) => ({ text: `• ${nl.maatregel[x.type]}: ${nl.maatregelReden[x.reason]}` })),
    noProposals: proposals.length === 0,
    repeatedText: repeated ? fmt(a.kaart.herhaald, { count: ctx.plegerCount }) : a.kaart.eerste,
    decision: decisionLines(incident, services).map((text) => ({ text })),
    history: historyLines(ctx, incident).map((text) => ({ text })),
    showOpen: !options.handler && open && incident.state === 'gemeld' && options.pickUp === true,
    ...formData(incident, services, proposals, options.form ?? {}, handlerView),
    coordinatorVragen: handlerView && !incident.routing.coordinator ? fmt(a.coordinatorOpVerzoek, { coordinator: p.coordinatorLabel }) : '',
    coordinatorKnop: a.coordinatorInschakelen,
    ...agendaCardData(incident, ctx.agenda, handlerView),
    ...takenCardData(incident, services, options.handler),
    ...evaluatieCardData(incident, ctx.trend, options.evaluator === true),
  });
  withPlegerBrief(card, incident, services, options.handler);
  // a short melding: what is missing and its category, right under the header (aanvulling-view.ts); then a pleger seen by other ambtsdragers
  if (Array.isArray(card['body'])) card['body'].splice(1, 0, ...aanvullingSection(incident, handlerView), ...plegerSignalSection(ctx.pleger, options.coordinator === true));
  const userIds = options.refreshUserIds ?? [];
  if (userIds.length > 0) {
    card['refresh'] = {
      action: { type: 'Action.Execute', title: a.kaart.behandelen, verb: 'afhandeling.vernieuwen', data: { incidentId: incident.id } },
      userIds: userIds.slice(0, 60),
    };
  }
  return withErasureAction(card, incident, p);
}
