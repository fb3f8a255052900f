/**
 * Preloaded into a bot process by the bench (`node --import tsx --import ./scripts/bench-probe.ts
 * src/index.ts`): counts the storage operations each turn makes, by the turn's label (the
 * bench client's `X-Bench-Turn` header), and those made outside any turn (the worker, the
 * timers). A turn is the async context of one request to /api/messages; an operation is seen
 * where it leaves the process: one HTTP request to the Table or Queue endpoint of the storage
 * account, a GET counted as a read and anything else as a write. Answers `{ type: 'bench:ops' }`
 * over the IPC channel the bench opened.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import dc from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface OpCount {
  reads: number;
  writes: number;
}
export interface TurnOps extends OpCount {
  label: string;
}
export interface OpsReport {
  type: 'bench:ops';
  turns: TurnOps[];
  background: OpCount;
}

/** Reports each storage operation as it starts, in the async context of whoever started it. */
export type OpSource = (count: (kind: 'read' | 'write') => void) => void;

/** Every HTTP request to the storage account's table and queue endpoints (from STORAGE_CONNECTION_STRING). */
export const httpStorageRequests: OpSource = (count) => {
  const endpoints = [...(process.env['STORAGE_CONNECTION_STRING'] ?? '').matchAll(/(?:Table|Queue)Endpoint=([^;]+)/g)].map((m) => new URL(m[1] ?? '').host);
  const hosts = new Set(endpoints);
  dc.subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    if (!hosts.has(String(request.getHeader('host') ?? ''))) return;
    count(request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
  });
};

const turn = new AsyncLocalStorage<TurnOps>();
let turns: TurnOps[] = [];
let background: OpCount = { reads: 0, writes: 0 };

dc.subscribe('http.server.request.start', (message) => {
  const { request } = message as { request: IncomingMessage };
  if (!(request.url ?? '').startsWith('/api/messages')) return;
  const header = request.headers['x-bench-turn'];
  const record: TurnOps = { label: typeof header === 'string' ? header : 'overig', reads: 0, writes: 0 };
  turns.push(record);
  // the request listener runs right after this, synchronously: the turn's promises inherit the record
  turn.enterWith(record);
});

httpStorageRequests((kind) => {
  const into = turn.getStore() ?? background;
  if (kind === 'read') into.reads += 1;
  else into.writes += 1;
});

process.on('message', (message: unknown) => {
  if (!message || typeof message !== 'object' || (message as { type?: unknown }).type !== 'bench:ops') return;
  const report: OpsReport = { type: 'bench:ops', turns, background };
  process.send?.(report);
  if ((message as { reset?: unknown }).reset === true) {
    turns = [];
    background = { reads: 0, writes: 0 };
  }
});
// the IPC channel must not keep a bot alive that was told to stop
process.channel?.unref();
