import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** melders in the concurrent run */
  melders: number;
  /** how many of them at once (default: all) */
  concurrency: number;
  /** melders pressing Melden in the same instant */
  burst: number;
  /** melders one after another (the cost of a step) */
  sequential: number;
  /** echo turns per echo run */
  echo: number;
  /** bot processes on the one storage account (more than one: behind a round-robin proxy) */
  instances: number;
  /** book through the fake Microsoft Graph instead of the local calendar */
  graph: boolean;
  /** in Graph mode, the share of Graph requests (also inside $batch) answered 429 with Retry-After 1 */
  graphThrottle: number;
  /** measure `npm start` (needs its fixed ports free) */
  start: boolean;
  /** write each bot's CPU profile of the sequential run to `<profile>.<i>.cpuprofile`, its turns' spans beside it */
  profile: string | undefined;
  /** V8 flags of the bot processes (default: those npm start uses) */
  nodeFlags: string[] | undefined;
}

const USAGE = 'npm run bench -- [--melders 200] [--concurrency N] [--burst 50] [--sequential 30] [--echo 2000] [--instances 1] [--graph] [--graph-throttle 0.2] [--skip-start] [--profile /tmp/stap] [--node-flags \'--max-semi-space-size=4\']';

function int(name: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} moet een geheel getal zijn van ${min} tot ${max}\n${USAGE}`);
  return n;
}

function share(raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 0.9) throw new Error(`--graph-throttle moet een getal zijn van 0 tot 0.9\n${USAGE}`);
  return n;
}

export function benchArgs(argv: string[] = process.argv.slice(2)): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      melders: { type: 'string', default: '200' },
      concurrency: { type: 'string' },
      burst: { type: 'string', default: '50' },
      sequential: { type: 'string', default: '30' },
      echo: { type: 'string', default: '2000' },
      instances: { type: 'string', default: '1' },
      graph: { type: 'boolean', default: false },
      'graph-throttle': { type: 'string', default: '0' },
      'skip-start': { type: 'boolean', default: false },
      profile: { type: 'string' },
      'node-flags': { type: 'string' },
    },
  });
  const melders = int('melders', values.melders, 0, 5000);
  return {
    melders,
    concurrency: values.concurrency === undefined ? Math.max(1, melders) : int('concurrency', values.concurrency, 1, 1000),
    burst: int('burst', values.burst, 0, 1000),
    sequential: int('sequential', values.sequential, 1, 200),
    echo: int('echo', values.echo, 10, 100_000),
    instances: int('instances', values.instances, 1, 8),
    graph: values.graph,
    graphThrottle: share(values['graph-throttle']),
    start: !values['skip-start'],
    profile: values.profile,
    nodeFlags: values['node-flags']?.split(' ').filter(Boolean),
  };
}
