import { deadlineWords } from '../../domain/deadlines.js';
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

/** A task's short name, for its buttons. */
export function taskShortName(services: Services, task: Taak): string {
  if (task.kind !== 'informeren') return t.kort[task.kind];
  return fmt(t.kort.informeren, { partij: task.partij ? roleLabel(services.profile, task.partij) : '' });
}

/** When an open task is due, its state in words (not only in colour), as the overview shows it, with its colour. */
export function taskWhen(task: Taak, now: Date): { text: string; color: string } {
  if (!task.dueBy || task.state !== 'open') return { text: '', color: 'Default' };
  const words = deadlineWords({ dueBy: task.dueBy, notBefore: task.notBefore }, now);
  const text = task.notBefore
    ? fmt(t.vanaf, { from: formatDutch(task.notBefore), date: `${formatDutch(task.dueBy)} (${words.text})` })
    : fmt(t.uiterlijk, { date: formatDutch(task.dueBy), left: words.text });
  return { text, color: colorOf(words.state) };
}

const colorOf = (state: ReturnType<typeof deadlineWords>['state']): string =>
  state === 'overdue' ? 'Attention' : state === 'due-soon' ? 'Warning' : 'Default';

/** "Uiterlijk <date>. Bijna te laat: nog 20 uur" and its colour, for a deadline or a task. */
export function dueText(deadline: { dueBy: string; notBefore?: string | undefined }, now: Date): { text: string; color: string } {
  const words = deadlineWords(deadline, now);
  const k = nl.afhandeling.kaart;
  const text = deadline.notBefore
    ? fmt(k.vanaf, { from: formatDutch(deadline.notBefore), date: formatDutch(deadline.dueBy), state: words.text })
    : fmt(k.uiterlijk, { date: formatDutch(deadline.dueBy), state: words.text });
  return { text, color: colorOf(words.state) };
}

function stateText(task: Taak): string {
  const name = literal(task.by?.name ?? '');
  const date = task.at ? formatDutch(task.at) : '';
  if (task.state === 'gedaan') return fmt(t.gedaan, { name, date });
  if (task.state === 'niet-nodig') return fmt(t.nietNodig, { name, date, reason: literal(task.reason ?? '') });
  return t.open;
}

/** One thing to do on the card: an open task (with its buttons for a handler) or a deadline. */
export interface TodoItem {
  dueBy: string | undefined;
  todoTitel: string;
  todoWie: string;
  todoWanneer: string;
  todoKleur: string;
  taakId: string;
  taakActies: boolean;
  gedaanTitel: string;
  nietNodigTitel: string;
  bevestigTitel: string;
  redenLabel: string;
  taakRedenId: string;
}

/** The open tasks, as things to do now; `canAct` gives them their buttons, `due` says whether a task's deadline still counts. */
export function openTaskItems(incident: Incident, services: Services, now: Date, canAct: boolean, due: (taakId: string) => boolean): TodoItem[] {
  return meldingTaken(incident, services.profile)
    .filter((task) => task.state === 'open')
    .map((task) => {
      const dueBy = due(task.id) ? task.dueBy : undefined;
      const when = dueBy ? dueText({ dueBy, notBefore: task.notBefore }, now) : { text: '', color: 'Default' };
      const kort = taskShortName(services, task);
      return {
        dueBy,
        todoTitel: taskTitle(services, task),
        todoWie: fmt(t.wie, { owner: roleLabel(services.profile, task.owner) }),
        todoWanneer: when.text,
        todoKleur: when.color,
        taakId: task.id,
        taakActies: canAct,
        gedaanTitel: fmt(t.knopGedaanVoor, { taak: kort }),
        nietNodigTitel: fmt(t.knopNietNodigVoor, { taak: kort }),
        bevestigTitel: fmt(t.bevestigNietNodigVoor, { taak: kort }),
        redenLabel: fmt(t.redenLabelVoor, { taak: kort }),
        taakRedenId: redenInputId(task.id),
      };
    });
}

/** The tasks already ticked off (behind the card's "Agenda en geschiedenis"), and "strafbaar feit vermoed". */
export function takenCardData(incident: Incident, services: Services, handler: boolean): Record<string, unknown> {
  const canAct = handler && incident.state !== 'concept';
  const strafbaar = strafbaarVermoeden(incident);
  const afgehandeld = meldingTaken(incident, services.profile)
    .filter((task) => task.state !== 'open')
    .map((task) => ({
      taakId: task.id,
      taakTitel: taskTitle(services, task),
      taakStatus: stateText(task),
      taakHeropenen: canAct,
      heropenTitel: fmt(t.knopHeropenenVoor, { taak: taskShortName(services, task) }),
    }));
  const waarom: string[] = [t.strafbaarWaarom[strafbaar.reden]];
  if (strafbaar.keuze) waarom.push(fmt(t.strafbaarDoor, { name: literal(strafbaar.keuze.by.name ?? ''), date: formatDutch(strafbaar.keuze.at) }));
  return {
    afgehandeld,
    strafbaarTekst: strafbaar.value ? t.strafbaarJa : t.strafbaarNee,
    strafbaarWaarom: waarom.join(' '),
    strafbaarActie: canAct,
    strafbaarTitel: strafbaar.value ? t.zetStrafbaarNee : t.zetStrafbaarJa,
    strafbaarNieuw: strafbaar.value ? 'nee' : 'ja',
  };
}
