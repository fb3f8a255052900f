/** The bench's printed figures beyond the latency table: storage operations per turn and the summary. */
import type { OpCount, OpsReport, TurnOps } from './bench-probe.js';
import { median, p99, table } from './bench-stats.js';

export interface OpsByVerb {
  verb: string;
  turns: number;
  reads: number[];
  writes: number[];
  /** per turn, as the probe in the bot measured it */
  serverMs: number[];
  storageMs: number[];
  beforeStorageMs: number[];
  afterStorageMs: number[];
  gcMs: number[];
  cpuMs: number[];
}

/** Merges the probes' reports (one per instance) into per-verb lists, in order of first appearance. */
export function opsByVerb(reports: readonly OpsReport[]): { verbs: OpsByVerb[]; background: OpCount } {
  const verbs = new Map<string, OpsByVerb>();
  const background = { reads: 0, writes: 0 };
  for (const r of reports) {
    background.reads += r.background.reads;
    background.writes += r.background.writes;
    for (const t of r.turns as TurnOps[]) {
      const v = verbs.get(t.label) ?? {
        verb: t.label,
        turns: 0,
        reads: [],
        writes: [],
        serverMs: [],
        storageMs: [],
        beforeStorageMs: [],
        afterStorageMs: [],
        gcMs: [],
        cpuMs: [],
      };
      v.turns += 1;
      v.reads.push(t.reads);
      v.writes.push(t.writes);
      v.serverMs.push(t.serverMs);
      v.storageMs.push(t.storageMs);
      v.beforeStorageMs.push(t.beforeStorageMs);
      v.afterStorageMs.push(t.afterStorageMs);
      v.gcMs.push(t.gcMs);
      v.cpuMs.push(t.cpuMs);
      verbs.set(t.label, v);
    }
  }
  return { verbs: [...verbs.values()], background };
}

const max = (xs: number[]): number => xs.reduce((a, b) => Math.max(a, b), 0);

/** Total operations (reads + writes) of one verb's median turn. */
export function medianOps(v: OpsByVerb): number {
  return median(v.reads.map((r, i) => r + (v.writes[i] ?? 0)));
}

export function formatOps(verbs: readonly OpsByVerb[]): string {
  const head = ['beurt', 'aantal', 'lezen (mediaan)', 'schrijven (mediaan)', 'samen (mediaan)', 'samen (max)'];
  const body = verbs.map((v) => {
    const totals = v.reads.map((r, i) => r + (v.writes[i] ?? 0));
    return [v.verb, String(v.turns), String(median(v.reads)), String(median(v.writes)), String(median(totals)), String(max(totals))];
  });
  return table(head, body);
}

/**
 * Where a turn's time goes, by verb (medians): as the client saw it, inside the bot from the
 * request's arrival to the response's end, of that waiting for storage, and garbage collection.
 * The rest of the client's figure is HTTP and the two event loops; the rest of the bot's is its own work.
 * Before its first storage request and after its last one: a step's write waits for all the turn
 * does before it, which for the echo is the whole turn.
 */
export function formatTimes(verbs: readonly OpsByVerb[], clientMs: (verb: string) => number[]): string {
  const head = ['beurt', 'client (mediaan ms)', 'in de bot', 'waarvan opslag', 'vóór de eerste opslag', 'na de laatste', 'waarvan GC', 'bot zonder opslag', 'CPU van de bot'];
  const body = verbs.map((v) => {
    const own = v.serverMs.map((s, i) => s - (v.storageMs[i] ?? 0));
    const after = v.reads.some((r, i) => r + (v.writes[i] ?? 0) > 0) ? fixed(median(v.afterStorageMs)) : '-';
    return [
      v.verb,
      fixed(median(clientMs(v.verb))),
      fixed(median(v.serverMs)),
      fixed(median(v.storageMs)),
      fixed(median(v.beforeStorageMs)),
      after,
      fixed(median(v.gcMs)),
      fixed(median(own)),
      fixed(median(v.cpuMs)),
    ];
  });
  return table(head, body);
}

const fixed = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(2));

export interface Verdict {
  what: string;
  value: string;
  goal: string;
  /** undefined: not measured in this run */
  ok: boolean | undefined;
  /** a failure here makes the bench exit non-zero */
  fatal: boolean;
}

export function formatSummary(verdicts: readonly Verdict[]): string {
  const mark = (v: Verdict): string => (v.ok === undefined ? 'n.v.t.' : v.ok ? 'ja' : v.fatal ? 'NEE (fout)' : 'nee');
  return table(['', 'gemeten', 'doel', 'gehaald'], verdicts.map((v) => [v.what, v.value, v.goal, mark(v)]));
}

export const mb = (x: number | undefined): string => (x === undefined ? 'n.v.t.' : `${x.toFixed(0)} MB`);
export const seconds = (ms: number | undefined): string => (ms === undefined ? 'n.v.t.' : `${(ms / 1000).toFixed(1)} s`);

export interface StepCostInput {
  /** the sequential melders' steps as their clients saw them, ms */
  step: number[];
  /** the echo measured before each sequential melder, in the same minutes */
  echoBeside: number[];
  /** the echo run apart, before the melders (the floor was measured right after it) */
  echoApart: number[];
  /** bare writes from the bot process, as a step writes */
  floor: number[];
  stepBytes: number;
  /** inside the two processes, without the clients and the bench's own event loop (Azurite, the fake connector) */
  stepInside: OpsByVerb | undefined;
  echoInside: readonly OpsByVerb[];
}

/** The cost of a step against the echo turn: the ratio, the floor of one write, CPU, and where the write sits in the step. */
export function stepCost(c: StepCostInput): { ratio: number; floorRatio: number; text: string } {
  const stepMedian = median(c.step);
  const echoMedian = median(c.echoBeside);
  const echoApart = median(c.echoApart);
  const ratio = stepMedian / echoMedian;
  const floorMedian = median(c.floor);
  // the floor was measured right after the echo run apart: compared with that one
  const floorRatio = floorMedian / echoApart;
  const left = 2.5 - 1 - floorRatio;
  const echoCpu = median(c.echoInside.flatMap((v) => v.cpuMs));
  const stepCpu = c.stepInside ? median(c.stepInside.cpuMs) : Number.NaN;
  const lines = [
    `stap (melding.stap) mediaan ${stepMedian.toFixed(2)} ms / echo invoke mediaan ${echoMedian.toFixed(2)} ms (${c.echoBeside.length} echo-beurten tussen de melders door) = ×${ratio.toFixed(2)}; ` +
      `tegen de echo-run vooraf (mediaan ${echoApart.toFixed(2)} ms): ×${(stepMedian / echoApart).toFixed(2)}`,
    `kale schrijfactie in de opslag vanuit het botproces, zoals een stap schrijft (${c.floor.length}x na elkaar, een rij van ${c.stepBytes} bytes vervangen onder zijn ETag, direct over HTTP: src/store/table-rest.ts): ` +
      `mediaan ${floorMedian.toFixed(2)} ms, p99 ${p99(c.floor).toFixed(2)} ms = ×${floorRatio.toFixed(1)} de echo; ` +
      `echo + schrijfactie = ×${(1 + floorRatio).toFixed(1)} (de vloer van een stap); voor ×2,5 blijft ${left.toFixed(1)}× de echo ` +
      `(${(left * echoApart).toFixed(2)} ms) over voor alles wat een stap meer doet dan een kale beurt en één schrijfactie; ` +
      `stap zonder de schrijfactie = ×${((stepMedian - floorMedian) / echoMedian).toFixed(1)} de echo`,
    `CPU-tijd van het proces per beurt (mediaan): stap ${stepCpu.toFixed(2)} ms / echo ${echoCpu.toFixed(2)} ms = ×${(stepCpu / echoCpu).toFixed(1)}`,
  ];
  if (c.stepInside) {
    // the write can only leave once the turn has reached it: the echo's whole turn is the part it shares
    const echoWhole = median(c.echoInside.flatMap((v) => v.serverMs));
    lines.push(
      `in de bot (mediaan): een stap (0 lezen) stuurt zijn schrijfactie na ${median(c.stepInside.beforeStorageMs).toFixed(2)} ms, wacht ${median(c.stepInside.storageMs).toFixed(2)} ms op de opslag ` +
        `en antwoordt ${median(c.stepInside.afterStorageMs).toFixed(2)} ms daarna; de hele echo-beurt duurt in de echo-bot ${echoWhole.toFixed(2)} ms`,
    );
  }
  return { ratio, floorRatio, text: lines.join('\n') };
}
