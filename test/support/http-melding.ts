import { cardText } from './bot.js';
import { dataOf, hasVerb, STEP_ANSWERS } from './melding.js';
import type { InvokeReply, TeamsClient, TeamsUser } from './http-teams.js';

/** The melding clicked through over HTTP, card by card, as a person in Teams would. */

export type Card = Record<string, unknown>;
/** One Action.Execute click; returns the card that replaces the clicked one, or throws. */
export type Click = (verb: string, data: Record<string, unknown>) => Promise<Card>;

export class TurnFailed extends Error {
  constructor(readonly verb: string, readonly reply: InvokeReply) {
    super(`${verb}: HTTP ${reply.status}, ${reply.card ? 'card' : 'no card'}`);
    this.name = 'TurnFailed';
  }
}

/** A click for one user; `onTurn` sees every turn's wall-clock latency (for the bench). */
export function clicker(client: TeamsClient, user: TeamsUser, onTurn?: (verb: string, ms: number) => void): Click {
  return async (verb, data) => {
    const started = process.hrtime.bigint();
    const reply = await client.invoke(user, verb, data);
    onTurn?.(verb, Number(process.hrtime.bigint() - started) / 1e6);
    if (reply.status !== 200 || !reply.card) throw new TurnFailed(verb, reply);
    return reply.card;
  };
}

/** The step a form card is on (`undefined` for the summary and other cards). */
export function stepOf(card: Card): string | undefined {
  return hasVerb(card, 'melding.stap') ? String(dataOf(card, 'melding.stap')['step']) : undefined;
}

/** The value an input shows on a card. */
export function inputValue(card: unknown, id: string): unknown {
  let found: unknown;
  const walk = (n: unknown): void => {
    if (found !== undefined) return;
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o['type'] === 'string' && o['type'].startsWith('Input.') && o['id'] === id) found = o['value'];
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Start (from the welcome's data) and answer "safe": returns the first step's card. */
export async function beginMelding(click: Click, welcomeData: Record<string, unknown> = {}): Promise<Card> {
  const safety = await click('melding.start', welcomeData);
  return click('melding.veilig', { ...dataOf(safety, 'melding.veilig'), veilig: 'ja' });
}

/** Answers steps from `card` on until the summary, or until the card shows step `until`. */
export async function fillSteps(click: Click, card: Card, answers = STEP_ANSWERS, until?: string): Promise<Card> {
  let current = card;
  for (let i = 0; i < 12; i++) {
    if (hasVerb(current, 'melding.indienen')) return current;
    const data = dataOf(current, 'melding.stap');
    const step = String(data['step']);
    if (step === until) return current;
    const next = await click('melding.stap', { ...data, ...(answers[step] ?? {}) });
    if (stepOf(next) === step) throw new Error(`step ${step} was not accepted:\n${cardText(next)}`);
    current = next;
  }
  throw new Error('never reached the summary');
}

/** The whole melding, start to confirmation. */
export async function playMelding(click: Click, answers = STEP_ANSWERS): Promise<{ summary: Card; confirmation: Card }> {
  const summary = await fillSteps(click, await beginMelding(click), answers);
  const confirmation = await click('melding.indienen', dataOf(summary, 'melding.indienen'));
  return { summary, confirmation };
}
