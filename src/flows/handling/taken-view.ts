import { deadlineStatus } from '../../domain/deadlines.js';
import { formatDutch } from '../../domain/format.js';
import type { Incident } from '../../domain/incident-schema.js';
import { roleLabel } from '../../domain/route.js';
import { meldingTaken, strafbaarVermoeden, type Taak } from '../../domain/tasks.js';
import { literal } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { Services } from '../services.js';

const t = nl.taken;

/** The input on the card that holds the reason a task is not needed (one per task, so reasons never mix). */
export function redenInputId(taakId: string): string {
  return `taakReden-${taakId}`;
}

/** A task's name as the card and the overview show it. */
export function taskTitle(services: Services, task: Taak): string {
  if (task.kind !== 'informeren') return t.kind[task.kind];
  return fmt(t.kind.informeren, { partij: task.partij ? roleLabel(services.profile, task.partij) : '' });
}

/** When an open task is due, as the card and the overview show it, with its colour. */
export function taskWhen(task: Taak, now: Date): { text: string; color: string } {
  if (!task.dueBy || task.state !== 'open') return { text: '', color: 'Default' };
  const s = deadlineStatus({ dueBy: task.dueBy, ...(task.notBefore ? { notBefore: task.notBefore } : {}) }, now);
  const left = s.notYet
    ? nl.afhandeling.kaart.nogNiet
    : s.state === 'overdue'
      ? fmt(nl.afhandeling.kaart.verlopen, { hours: Math.abs(Math.round(s.hoursLeft)) })
      : fmt(nl.afhandeling.kaart.resterend, { hours: Math.round(s.hoursLeft) });
  const text = task.notBefore
    ? fmt(t.vanaf, { from: formatDutch(task.notBefore), date: `${formatDutch(task.dueBy)} (${left})` })
    : fmt(t.uiterlijk, { date: formatDutch(task.dueBy), left });
  return { text, color: s.state === 'overdue' ? 'Attention' : s.state === 'due-soon' ? 'Warning' : 'Default' };
}

function stateText(task: Taak): string {
  const name = literal(task.by?.name ?? '');
  const date = task.at ? formatDutch(task.at) : '';
  if (task.state === 'gedaan') return fmt(t.gedaan, { name, date });
  if (task.state === 'niet-nodig') return fmt(t.nietNodig, { name, date, reason: literal(task.reason ?? '') });
  return t.open;
}

/** The checklist of the melding card: every task with owner, deadline and state; the buttons only for a handler. */
export function takenCardData(incident: Incident, services: Services, now: Date, handler: boolean): Record<string, unknown> {
  const canAct = handler && incident.state !== 'concept';
  const strafbaar = strafbaarVermoeden(incident);
  const taken = meldingTaken(incident, services.profile).map((task) => {
    const deadline = taskWhen(task, now);
    return {
      taakId: task.id,
      taakTitel: taskTitle(services, task),
      taakWie: fmt(t.wie, { owner: roleLabel(services.profile, task.owner) }),
      taakWanneer: deadline.text,
      taakKleur: deadline.color,
      taakStatus: stateText(task),
      taakStatusKleur: task.state === 'open' ? 'Default' : 'Good',
      taakActies: canAct && task.state === 'open',
      taakHeropenen: canAct && task.state !== 'open',
      taakRedenId: redenInputId(task.id),
    };
  });
  const waarom: string[] = [t.strafbaarWaarom[strafbaar.reden]];
  if (strafbaar.keuze) waarom.push(fmt(t.strafbaarDoor, { name: literal(strafbaar.keuze.by.name ?? ''), date: formatDutch(strafbaar.keuze.at) }));
  return {
    taken,
    geenTaken: taken.length === 0,
    strafbaarTekst: strafbaar.value ? t.strafbaarJa : t.strafbaarNee,
    strafbaarWaarom: waarom.join(' '),
    strafbaarActie: canAct,
    strafbaarTitel: strafbaar.value ? t.zetStrafbaarNee : t.zetStrafbaarJa,
    strafbaarNieuw: strafbaar.value ? 'nee' : 'ja',
  };
}
