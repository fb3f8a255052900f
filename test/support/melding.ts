import type { TestAdapter } from 'botbuilder';
import { invoke, send, type Who } from './bot.js';

/** The answers of a complete melding, step by step, as a person would fill the cards. */
export const STEP_ANSWERS: Record<string, Record<string, string>> = {
  wie: { namens: 'nee' },
  wanneer: { datum: '2026-11-20', tijd: '20:15', kanaal: 'persoonlijk', locatie: 'Raadzaal' },
  wat: { beschrijving: 'Na de vergadering werd ik uitgescholden en bedreigd door een bezoeker.', doelwitten: 'ambtsdrager' },
  classificatie: { gerichtOp: 'jij', bedreiging: 'ja', fysiekGeweld: 'nee', aanhoudend: 'nee' },
  categorie: { categorie: 'bedreiging-intimidatie' },
  pleger: { bekend: 'nee', omschrijving: 'Man, ongeveer 50, grijze jas', eerderContact: 'nee' },
  online: { platform: 'X', account: '@iemand', url: 'https://x.example/1', gemeld: 'nee' },
  impact: {
    letsel: 'nee', ziekenhuis: 'nee', steunNodig: 'ja', nazorgGewenst: 'ja', toestemmingAangifte: 'ja', toestemmingInformeren: 'nee',
  },
};

export function dataOf(card: Record<string, unknown> | undefined, verb: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o['type'] === 'Action.Execute' && o['verb'] === verb) found.push((o['data'] ?? {}) as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  if (!found[0]) throw new Error(`no ${verb} action on the card`);
  return found[0];
}

/** Clicks through a whole melding from the welcome; returns the last card (the confirmation). */
export async function completeMelding(adapter: TestAdapter, who: Who, answers = STEP_ANSWERS) {
  let { invokeCard } = await send(adapter, invoke(who, 'melding.start', {}));
  ({ invokeCard } = await send(adapter, invoke(who, 'melding.veilig', { ...dataOf(invokeCard, 'melding.veilig'), veilig: 'ja' })));
  for (let i = 0; i < 12; i++) {
    const data = dataOf(invokeCard, 'melding.stap');
    const step = String(data['step']);
    ({ invokeCard } = await send(adapter, invoke(who, 'melding.stap', { ...data, ...(answers[step] ?? {}) })));
    if (hasVerb(invokeCard, 'melding.indienen')) break;
  }
  const submit = dataOf(invokeCard, 'melding.indienen');
  const done = await send(adapter, invoke(who, 'melding.indienen', submit));
  return { summary: invokeCard, confirmation: done.invokeCard, submitData: submit };
}

export function hasVerb(card: Record<string, unknown> | undefined, verb: string): boolean {
  try {
    dataOf(card, verb);
    return true;
  } catch {
    return false;
  }
}

/** The values a card's own inputs hold, by input id (an input without a value: ''). */
export function inputValues(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (String(o['type']).startsWith('Input.') && typeof o['id'] === 'string') out[o['id']] = typeof o['value'] === 'string' ? o['value'] : '';
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
