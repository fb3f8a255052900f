/**
 * The bench's melders: simulated raadsleden who say hallo, click through a melding over HTTP
 * and press Melden, checking every answer as a person would read it: the welcome arrives, each
 * step is accepted, and Melden ends on the confirmation with a meldingsnummer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { join } from 'node:path';
import { ROOT } from '../test/bot/process.js';
import { cardText } from '../test/support/bot.js';
import type { FakeConnector } from '../test/support/fake-connector.js';
import { cardOf } from '../test/support/connector-cards.js';
import { beginMelding, clicker, fillSteps, type Card, type Click } from '../test/support/http-melding.js';
import { personalConversationId, TeamsClient, type TeamsUser } from '../test/support/http-teams.js';
import { dataOf, STEP_ANSWERS } from '../test/support/melding.js';
import { pool } from './bench-stats.js';

export const CONFIRMED = /Uw melding is ontvangen/;
const NUMBER = /Meldingsnummer: (\d{4}-\d+)/;
/** How long a confirmation without a number may take to get one (stored first, numbered right after). */
const NUMBER_WAIT_MS = 15_000;

/** Latencies by turn kind, as the clients saw them. */
export class TurnLog {
  readonly all: number[] = [];
  readonly byVerb = new Map<string, number[]>();
  record = (verb: string, ms: number): void => {
    this.all.push(ms);
    const list = this.byVerb.get(verb) ?? [];
    list.push(ms);
    this.byVerb.set(verb, list);
  };
  verb(verb: string): number[] {
    return this.byVerb.get(verb) ?? [];
  }
}

export interface Outcome {
  user: TeamsUser;
  /** the meldingsnummer the melder was shown */
  number?: string;
  /** why the melder did not get a confirmed number */
  error?: string;
}

export interface MelderEnv {
  botUrl: string;
  connector: FakeConnector;
  agent: Agent;
}

/** Melder i (from 1): a raadslid of the people file the bench writes. */
export function melderUser(i: number): TeamsUser {
  return { id: `29:bench-${i}`, name: `Melder ${i}`, aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` };
}

let seq = 0;
const newMelder = (): TeamsUser => melderUser(++seq);

/**
 * The local people file plus `count` raadsleden, so every melder is known as the Teams app
 * would know them (a nazorg booking needs the melder's mailbox). Returns the file's path.
 */
export function writePeopleFile(dir: string, count: number): string {
  const local = JSON.parse(readFileSync(join(ROOT, 'config/people.local.json'), 'utf8')) as { people: unknown[] };
  const melders = Array.from({ length: count }, (_, i) => {
    const u = melderUser(i + 1);
    return { aadObjectId: u.aadObjectId, name: u.name, email: `melder${i + 1}@gemeente-lokaal.example`, roles: ['raadslid'], teamsUserId: u.id };
  });
  const path = join(dir, 'people.json');
  writeFileSync(path, JSON.stringify({ people: [...local.people, ...melders] }));
  return path;
}
const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

function numberIn(card: unknown): string | undefined {
  const text = cardText(card);
  return CONFIRMED.test(text) ? NUMBER.exec(text)?.[1] : undefined;
}

/** A card's Universal Actions refresh, if it has one: Teams invokes it when the card is shown. */
function refreshOf(card: Card): { verb: string; data: Record<string, unknown> } | undefined {
  const refresh = card['refresh'] as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined;
  const action = refresh?.action;
  if (action?.type !== 'Action.Execute' || typeof action.verb !== 'string') return undefined;
  return { verb: action.verb, data: action.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : {} };
}

export class BenchMelder {
  readonly user = newMelder();
  private readonly client: TeamsClient;
  private readonly click: Click;
  private summary: Card | undefined;

  constructor(private readonly env: MelderEnv, private readonly log: TurnLog) {
    this.client = new TeamsClient({ botUrl: env.botUrl, serviceUrl: env.connector.url, agent: env.agent, tagTurns: true });
    this.click = clicker(this.client, this.user, log.record);
  }

  /** "hallo" (the welcome must arrive), then every step up to the summary with its Melden button. */
  async prepare(): Promise<void> {
    const started = process.hrtime.bigint();
    const res = await this.client.message(this.user, 'hallo');
    this.log.record('hallo (bericht)', Number(process.hrtime.bigint() - started) / 1e6);
    if (res.status !== 200) throw new Error(`hallo: HTTP ${res.status}`);
    if (this.env.connector.posts(personalConversationId(this.user)).length === 0) throw new Error('hallo: geen welkomstkaart');
    this.summary = await fillSteps(this.click, await beginMelding(this.click), STEP_ANSWERS);
  }

  /** Melden: the confirmation must show a number, at once or (stored first) right after. */
  async submit(): Promise<string> {
    if (!this.summary) throw new Error('Melden zonder samenvatting');
    const card = await this.click('melding.indienen', dataOf(this.summary, 'melding.indienen'));
    const text = cardText(card);
    if (!CONFIRMED.test(text)) throw new Error(`Melden: geen bevestiging maar "${text.split('\n')[0] ?? ''}"`);
    const number = numberIn(card) ?? (await this.laterNumber(card));
    if (!number) throw new Error(`Melden: bevestiging zonder meldingsnummer binnen ${NUMBER_WAIT_MS / 1000} s`);
    return number;
  }

  /** The number of a confirmation updated in place: through the card's refresh, or an update at the connector. */
  private async laterNumber(card: Card): Promise<string | undefined> {
    const until = Date.now() + NUMBER_WAIT_MS;
    const conversation = personalConversationId(this.user);
    while (Date.now() < until) {
      const refresh = refreshOf(card);
      if (refresh) {
        const fresh = await this.click(refresh.verb, refresh.data);
        const n = numberIn(fresh);
        if (n) return n;
      }
      for (const call of this.env.connector.calls) {
        if (call.conversationId !== conversation) continue;
        const n = numberIn(cardOf(call.body));
        if (n) return n;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return undefined;
  }

  /** The whole melding; never throws: what went wrong is in the outcome. */
  async run(): Promise<Outcome> {
    try {
      await this.prepare();
      return { user: this.user, number: await this.submit() };
    } catch (e) {
      return { user: this.user, error: firstLine(e) };
    }
  }
}

export interface RunResult {
  outcomes: Outcome[];
  log: TurnLog;
  wallMs: number;
}

/** `count` melders, each the whole melding, at most `concurrency` at once; `before` runs before each melder starts. */
export async function meldingRun(env: MelderEnv, count: number, concurrency: number, before?: () => Promise<void>): Promise<RunResult> {
  const log = new TurnLog();
  const outcomes: Outcome[] = [];
  const wallMs = await pool(count, concurrency, async () => {
    await before?.();
    outcomes.push(await new BenchMelder(env, log).run());
  });
  return { outcomes, log, wallMs };
}

/**
 * A burst in one organisation: `count` melders get their melding ready to the summary first,
 * then all press Melden in the same instant (the invokes leave in one tick).
 */
export async function burstRun(env: MelderEnv, count: number, prepareConcurrency: number): Promise<RunResult> {
  const log = new TurnLog();
  const melders = Array.from({ length: count }, () => new BenchMelder(env, log));
  const ready: (string | undefined)[] = new Array<string | undefined>(count);
  await pool(count, prepareConcurrency, async (i) => {
    try {
      await melders[i]?.prepare();
    } catch (e) {
      ready[i] = firstLine(e);
    }
  });
  const started = process.hrtime.bigint();
  const outcomes = await Promise.all(
    melders.map(async (m, i): Promise<Outcome> => {
      const failed = ready[i];
      if (failed !== undefined) return { user: m.user, error: failed };
      try {
        return { user: m.user, number: await m.submit() };
      } catch (e) {
        return { user: m.user, error: firstLine(e) };
      }
    }),
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { outcomes, log, wallMs };
}
