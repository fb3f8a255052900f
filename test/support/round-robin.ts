import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain round-robin HTTP proxy on loopback, as a load balancer in front of two App Service
 * instances spreads requests: request k goes to backend k mod n, whoever sent it. No stickiness,
 * so two turns of one person land on different instances.
 */
export interface RoundRobin {
  /** http://127.0.0.1:<port> */
  url: string;
  /** requests forwarded to each backend so far */
  forwarded(): number[];
  /** backends that could not be reached (answered 502) */
  unreachable(): number;
  stop(): Promise<void>;
}

export async function startRoundRobin(backends: readonly string[]): Promise<RoundRobin> {
  if (backends.length === 0) throw new Error('round robin: no backends');
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const counts = backends.map(() => 0);
  let next = 0;
  let failed = 0;
  const server: Server = createServer((req, res) => {
    const i = next++ % backends.length;
    counts[i] = (counts[i] ?? 0) + 1;
    const target = new URL(req.url ?? '/', backends[i]);
    const upstream = request(target, { method: req.method, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      failed++;
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded: () => [...counts],
    unreachable: () => failed,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
