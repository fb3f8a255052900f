import { TestAdapter, type Activity } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { createAdapter } from '../../src/bot/adapter.js';
import { createApplication, type TurnHandler } from '../../src/bot/app.js';
import { createLogger } from '../../src/logger.js';

export const PEOPLE = {
  raadslid: { aadObjectId: '00000000-0000-0000-0000-000000000021', name: 'Fleur de Vries', id: 'user-fleur' },
  griffier: { aadObjectId: '00000000-0000-0000-0000-000000000022', name: 'Sanne Jansen', id: 'user-sanne' },
  burgemeester: { aadObjectId: '00000000-0000-0000-0000-000000000023', name: 'Mark Visser', id: 'user-mark' },
  wethouder: { aadObjectId: '00000000-0000-0000-0000-000000000024', name: 'Ahmed El Amrani', id: 'user-ahmed' },
  gemeentesecretaris: { aadObjectId: '00000000-0000-0000-0000-000000000025', name: 'Karin de Boer', id: 'user-karin' },
  coordinator: { aadObjectId: '00000000-0000-0000-0000-000000000026', name: 'Joost Bakker', id: 'user-joost' },
  fractiemedewerker: { aadObjectId: '00000000-0000-0000-0000-000000000027', name: 'Lotte Smit', id: 'user-lotte' },
  onbekend: { aadObjectId: '00000000-0000-0000-0000-000000000099', name: 'Onbekende Gebruiker', id: 'user-x' },
} as const;
export type Who = keyof typeof PEOPLE;

export const silentLogger = createLogger('silent');

/** A recording TestAdapter around the real teams-ai Application: raw activities in, sent activities out. */
export function testBot(handle: TurnHandler, clock?: () => Date): TestAdapter {
  const app = createApplication(createAdapter(loadConfig({})), '', handle, silentLogger, clock);
  return new TestAdapter(async (ctx) => {
    await app.run(ctx);
  });
}

export function personalConversation(who: Who) {
  return { id: `personal-${PEOPLE[who].id}`, conversationType: 'personal', isGroup: false, tenantId: 'tenant-1', name: '' };
}

export function from(who: Who) {
  const p = PEOPLE[who];
  return { id: p.id, name: p.name, aadObjectId: p.aadObjectId };
}

export function message(who: Who, text: string): Partial<Activity> {
  return { type: 'message', text, from: from(who), conversation: personalConversation(who), channelId: 'msteams' };
}

export function invoke(who: Who, verb: string, data: Record<string, unknown>): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: from(who),
    conversation: personalConversation(who),
    channelId: 'msteams',
    value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
  };
}

export interface CardReply {
  card: Record<string, unknown>;
  text: string;
}

/** All visible text of a card, for assertions on what a person would read. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      for (const key of ['text', 'title', 'label', 'value', 'placeholder', 'errorMessage']) {
        if (typeof o[key] === 'string') out.push(o[key]);
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}

/**
 * Template-owned text (TextBlocks, labels, action titles, facts) must never show a `${...}`:
 * that is a template reference the engine could not resolve (e.g. `t.` inside a `$data` scope).
 * User text is only ever placed in TextRuns and input values, which are not checked here.
 */
export function assertExpanded(card: unknown): void {
  const walk = (n: unknown, path: string): void => {
    if (Array.isArray(n)) n.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      const owned = o['type'] === 'TextBlock' ? ['text'] : String(o['type'] ?? '').startsWith('Action.') ? ['title'] : ['label', 'title'];
      for (const key of owned) {
        if (typeof o[key] === 'string' && (o[key] as string).includes('${')) {
          throw new Error(`unexpanded template text at ${path}.${key}: ${(o[key] as string).slice(0, 80)}`);
        }
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    }
  };
  walk(card, 'card');
}

/** Sends one activity and returns what the bot sent back (the invoke response card first, if any). */
export async function send(adapter: TestAdapter, activity: Partial<Activity>): Promise<{ invokeCard?: Record<string, unknown>; replies: Partial<Activity>[]; status?: number }> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity(activity);
  const sent = adapter.activeQueue.splice(0);
  const result: { invokeCard?: Record<string, unknown>; replies: Partial<Activity>[]; status?: number } = { replies: [] };
  for (const a of sent) {
    if (a.type === 'invokeResponse') {
      const v = a.value as { status: number; body?: { value?: unknown } };
      result.status = v.status;
      if (v.body?.value && typeof v.body.value === 'object') result.invokeCard = v.body.value as Record<string, unknown>;
      assertExpanded(result.invokeCard);
    } else {
      assertExpanded(a.attachments);
      result.replies.push(a);
    }
  }
  return result;
}

export function repliedCard(reply: Partial<Activity> | undefined): Record<string, unknown> | undefined {
  const c = reply?.attachments?.[0]?.content;
  return c && typeof c === 'object' ? (c as Record<string, unknown>) : undefined;
}
