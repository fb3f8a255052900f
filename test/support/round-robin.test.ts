import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRoundRobin } from './round-robin.js';

describe('round-robin proxy (the two-instance harness)', () => {
  const servers: Server[] = [];
  after(async () => {
    for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  });

  /** A backend that answers with its name and the body it got. */
  async function backend(name: string): Promise<string> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => res.writeHead(201, { 'X-Backend': name }).end(`${name}:${req.method ?? ''}:${req.url ?? ''}:${body}`));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('sends requests to the backends in turn, with method, path, body, status and headers intact', async () => {
    const proxy = await startRoundRobin([await backend('a'), await backend('b')]);
    try {
      const answers: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${proxy.url}/api/messages?x=${i}`, { method: 'POST', body: `turn ${i}` });
        assert.equal(res.status, 201);
        assert.equal(res.headers.get('x-backend'), i % 2 === 0 ? 'a' : 'b');
        answers.push(await res.text());
      }
      assert.deepEqual(answers, ['a:POST:/api/messages?x=0:turn 0', 'b:POST:/api/messages?x=1:turn 1', 'a:POST:/api/messages?x=2:turn 2', 'b:POST:/api/messages?x=3:turn 3']);
      assert.deepEqual(proxy.forwarded(), [2, 2]);
    } finally {
      await proxy.stop();
    }
  });

  it('answers 502 for a backend that is down, and counts it', async () => {
    const up = await backend('up');
    const down = await backend('down');
    await new Promise<void>((r) => servers.pop()?.close(() => r()));
    const proxy = await startRoundRobin([up, down]);
    try {
      assert.equal((await fetch(`${proxy.url}/healthz`)).status, 201);
      assert.equal((await fetch(`${proxy.url}/healthz`)).status, 502);
      assert.equal(proxy.unreachable(), 1);
    } finally {
      await proxy.stop();
    }
  });
});
