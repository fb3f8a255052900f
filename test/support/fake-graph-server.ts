/**
 * The fake Graph as a process of its own, for a bot (or two) started elsewhere:
 *   npx tsx test/support/fake-graph-server.ts [--port 0] [--lag-ms 0] [--seed 1]
 * prints one line `GRAPH_BASE_URL=http://127.0.0.1:<port>/v1.0` when it listens, then serves until
 * SIGTERM or SIGINT. Steer it over HTTP: POST /_fake/throttle, GET /_fake/stats (see fake-graph.ts).
 */
import { parseArgs } from 'node:util';
import { FakeGraph } from './fake-graph.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'lag-ms': { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
  },
});
const int = (name: string, raw: string | undefined): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} takes a whole number of 0 or more`);
  return n;
};

const fake = await FakeGraph.start({ port: int('port', values.port), freeBusyLagMs: int('lag-ms', values['lag-ms']), seed: int('seed', values.seed) });
console.info(`GRAPH_BASE_URL=${fake.baseUrl}`);
const stop = (): void => {
  void fake.stop().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
