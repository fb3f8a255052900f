/**
 * Preloaded into a bot process by the bench (`node --import tsx --import ./scripts/bench-probe.ts
 * src/index.ts`): counts the storage operations each turn makes, by the turn's label (the
 * bench client's `X-Bench-Turn` header), and those made outside any turn (the worker, the
 * timers). A turn is the async context of one request to /api/messages; an operation is seen
 * where it leaves the process: one HTTP request to the Table or Queue endpoint of the storage
 * account, a GET counted as a read and anything else as a write. Each turn also carries where its
 * time went: from the request's arrival to the response's end, of that waiting for storage, garbage
 * collection, and the process's CPU time. Answers over the IPC channel the bench opened:
 * `bench:ops` (the counts), `bench:quiet` (once the worker has nothing in hand), `bench:write`
 * (bare storage writes from this process, as a step writes: the floor of a step) and `bench:profile-start`/`-stop`
 * (a CPU profile, with the turns' spans beside it to tell the step's samples from the rest).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import dc from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type * as TablesModule from '../src/store/tables.js';
import type * as TableRestModule from '../src/store/table-rest.js';

export interface OpCount {
  reads: number;
  writes: number;
}
export interface TurnOps extends OpCount {
  label: string;
  /** ms from the request's arrival to the response's last byte handed to the socket */
  serverMs: number;
  /** ms of the turn spent waiting for storage (requests overlapping in time counted once) */
  storageMs: number;
  /** ms from the request's arrival until its first storage request started (serverMs when it made none) */
  beforeStorageMs: number;
  /** ms from the end of its last storage response until the response's end (0 when it made none, or one was still open) */
  afterStorageMs: number;
  /** ms of garbage collection inside the turn */
  gcMs: number;
  /** bytes of the bodies of the turn's storage writes */
  writeBytes: number;
  /** CPU time of this process while the turn was open (all of its work, the turn's and any other) */
  cpuMs: number;
}
export interface OpsReport {
  type: 'bench:ops';
  turns: TurnOps[];
  background: OpCount;
}

/** Each storage request as it starts, in the async context of whoever started it; `done` once its response has ended. */
export type OpSource = (count: (kind: 'read' | 'write', bytes: number) => { done(): void }) => void;

/** Every HTTP request to the storage account's table and queue endpoints (from STORAGE_CONNECTION_STRING). */
export const httpStorageRequests: OpSource = (count) => {
  const endpoints = [...(process.env['STORAGE_CONNECTION_STRING'] ?? '').matchAll(/(?:Table|Queue)Endpoint=([^;]+)/g)].map((m) => new URL(m[1] ?? '').host);
  const hosts = new Set(endpoints);
  dc.subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    if (!hosts.has(String(request.getHeader('host') ?? ''))) return;
    const op = count(request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write', Number(request.getHeader('content-length') ?? 0));
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      op.done();
    };
    request.once('response', (res: IncomingMessage) => res.once('end', end).once('close', end));
    request.once('error', end);
    request.once('close', end);
  });
};

interface OpenTurn {
  record: TurnOps;
  started: bigint;
  /** storage requests of the turn in flight, and since when at least one was */
  inFlight: number;
  busySince: bigint;
  /** when the last of its storage requests ended (0n: none yet) */
  storageEnded: bigint;
}

const ms = (from: bigint, to: bigint): number => Number(to - from) / 1e6;

const turn = new AsyncLocalStorage<OpenTurn>();
let turns: TurnOps[] = [];
let background: OpCount = { reads: 0, writes: 0 };
const open = new Set<OpenTurn>();
const spans: { label: string; start: number; end: number }[] = [];
/** the worker's and timers' storage requests: when the last one started, how many are open */
let lastBackground = 0n;
let backgroundInFlight = 0;

/**
 * Resolves once no storage request outside a turn is open and none started for `gapMs` (an idle
 * worker polls once a second, a busy one back to back), or after `timeoutMs`; true when quiet.
 */
async function quiet(gapMs: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (backgroundInFlight === 0 && ms(lastBackground, process.hrtime.bigint()) >= gapMs) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

dc.subscribe('http.server.request.start', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  if (!(request.url ?? '').startsWith('/api/messages')) return;
  const header = request.headers['x-bench-turn'];
  const record: TurnOps = {
    label: typeof header === 'string' ? header : 'overig',
    reads: 0,
    writes: 0,
    serverMs: 0,
    storageMs: 0,
    beforeStorageMs: Number.NaN,
    afterStorageMs: 0,
    gcMs: 0,
    writeBytes: 0,
    cpuMs: 0,
  };
  const entry: OpenTurn = { record, started: process.hrtime.bigint(), inFlight: 0, busySince: 0n, storageEnded: 0n };
  const cpu = process.cpuUsage();
  turns.push(record);
  open.add(entry);
  response.once('finish', () => {
    record.serverMs = ms(entry.started, process.hrtime.bigint());
    if (Number.isNaN(record.beforeStorageMs)) record.beforeStorageMs = record.serverMs;
    // a storage request still open as the answer leaves (a write not awaited) leaves nothing after it: 0
    else if (entry.inFlight === 0 && entry.storageEnded !== 0n) record.afterStorageMs = record.serverMs - ms(entry.started, entry.storageEnded);
    const used = process.cpuUsage(cpu);
    record.cpuMs = (used.user + used.system) / 1000;
    if (profiling) spans.push({ label: record.label, start: Number(entry.started / 1000n), end: Number(process.hrtime.bigint() / 1000n) });
    open.delete(entry);
  });
  // the request listener runs right after this, synchronously: the turn's promises inherit the record
  turn.enterWith(entry);
});

httpStorageRequests((kind, bytes) => {
  const entry = turn.getStore();
  const into = entry?.record ?? background;
  if (kind === 'read') into.reads += 1;
  else into.writes += 1;
  if (!entry) {
    lastBackground = process.hrtime.bigint();
    backgroundInFlight += 1;
    return { done: () => (backgroundInFlight -= 1) };
  }
  if (kind === 'write') entry.record.writeBytes += bytes;
  if (entry.inFlight++ === 0) entry.busySince = process.hrtime.bigint();
  if (Number.isNaN(entry.record.beforeStorageMs)) entry.record.beforeStorageMs = ms(entry.started, entry.busySince);
  return {
    done: () => {
      if (--entry.inFlight > 0) return;
      entry.storageEnded = process.hrtime.bigint();
      entry.record.storageMs += ms(entry.busySince, entry.storageEnded);
    },
  };
});

// a collection that ran while a turn was open is charged to every open turn (sequential turns: the one)
new PerformanceObserver((list) => {
  for (const gc of list.getEntries()) for (const entry of open) entry.record.gcMs += gc.duration;
}).observe({ entryTypes: ['gc'] });

/**
 * The floor of a step: `count` writes one after another, each replacing one row under its ETag
 * as a step replaces the person's draft, with a document of `bytes` characters, the way a step
 * writes (the bot's own table factory and its direct path, src/store/table-rest.ts, from the build
 * this file sits beside), with no zod, no cache, no turn. Returns each write's ms.
 */
async function bareWrites(count: number, bytes: number): Promise<number[]> {
  const built = (path: string): string => new URL(`./bot/store/${path}`, import.meta.url).href;
  const { createTableClientFactory } = (await import(built('tables.js'))) as typeof TablesModule;
  const { replaceEntity } = (await import(built('table-rest.js'))) as typeof TableRestModule;
  const client = createTableClientFactory({ kind: 'connectionString', connectionString: process.env['STORAGE_CONNECTION_STRING'] ?? '' })('benchfloor');
  try {
    await client.createTable();
  } catch {
    // there already
  }
  const entity = { partitionKey: 'bench', rowKey: 'floor', dc: 1, d0: 'x'.repeat(Math.max(1, bytes)) };
  let etag = (await client.upsertEntity(entity, 'Replace')).etag ?? '*';
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    etag = await replaceEntity(client, entity, etag);
    times.push(ms(started, process.hrtime.bigint()));
  }
  return times;
}

const profiler = new Session();
let profiling = false;
process.on('message', (message: unknown) => {
  if (!message || typeof message !== 'object') return;
  const { type, path } = message as { type?: unknown; path?: unknown };
  if (type === 'bench:profile-start') {
    profiling = true;
    profiler.connect();
    profiler.post('Profiler.enable', () => profiler.post('Profiler.setSamplingInterval', { interval: 200 }, () => profiler.post('Profiler.start', () => process.send?.({ type }))));
    return;
  }
  if (type === 'bench:profile-stop' && typeof path === 'string') {
    profiler.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(path, JSON.stringify(result.profile));
      writeFileSync(`${path}.turns.json`, JSON.stringify(spans));
      profiler.disconnect();
      profiling = false;
      process.send?.({ type, ok: !err });
    });
    return;
  }
  if (type === 'bench:quiet') {
    const { gapMs, timeoutMs } = message as { gapMs?: unknown; timeoutMs?: unknown };
    void quiet(Number(gapMs), Number(timeoutMs)).then((ok) => process.send?.({ type, ok }));
    return;
  }
  if (type === 'bench:write') {
    const { count, bytes } = message as { count?: unknown; bytes?: unknown };
    void bareWrites(Number(count), Number(bytes)).then(
      (ms) => process.send?.({ type, ms }),
      (err: unknown) => process.send?.({ type, error: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  if (type !== 'bench:ops') return;
  const report: OpsReport = { type: 'bench:ops', turns, background };
  process.send?.(report);
  if ((message as { reset?: unknown }).reset === true) {
    turns = [];
    background = { reads: 0, writes: 0 };
  }
});
// the IPC channel must not keep a bot alive that was told to stop
process.channel?.unref();
