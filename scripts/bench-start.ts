/**
 * How long `npm start` takes until every part answers: Azurite's table and queue ports, the
 * bot's /healthz and each Agents Playground. Its ports are fixed (scripts/start-local.ts), so
 * when one is taken (another `npm start` on this machine) the measurement is skipped.
 */
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { ROOT } from '../test/bot/process.js';

const BOT = 3978;
const AZURITE = [10001, 10002];
const PLAYGROUNDS = [56150, 56151, 56152];
const TIMEOUT_MS = 120_000;

export type StartTiming = { ok: true; ms: number; botMs: number } | { ok: false; reason: string };

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function botHealthy(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${BOT}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

export async function measureNpmStart(): Promise<StartTiming> {
  const ports = [BOT, ...AZURITE, ...PLAYGROUNDS];
  for (const p of ports) if (!(await portFree(p))) return { ok: false, reason: `poort ${p} is bezet` };
  const started = process.hrtime.bigint();
  const ms = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  // its own process group: npm, tsx and start-local get the SIGTERM together, start-local stops the rest
  const child = spawn('npm', ['start'], { cwd: ROOT, env: process.env, stdio: 'ignore', detached: true });
  let exited = false;
  child.once('exit', () => (exited = true));
  let botMs: number | undefined;
  let result: StartTiming | undefined;
  let silent: number[] = [];
  while (!result) {
    if (exited) result = { ok: false, reason: '`npm start` stopte voordat alles antwoordde' };
    else if (ms() > TIMEOUT_MS) result = { ok: false, reason: `na ${TIMEOUT_MS / 1000} s antwoordde nog niet: ${silent.join(', ')}` };
    else {
      if (botMs === undefined && (await botHealthy())) botMs = ms();
      const others = [...AZURITE, ...PLAYGROUNDS];
      const answered = await Promise.all(others.map(accepts));
      silent = [...(botMs === undefined ? [BOT] : []), ...others.filter((_, i) => !answered[i])];
      if (silent.length === 0 && botMs !== undefined) result = { ok: true, ms: ms(), botMs };
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!exited && child.pid) {
    process.kill(-child.pid, 'SIGTERM');
    const until = Date.now() + 15_000;
    while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (!exited) process.kill(-child.pid, 'SIGKILL');
  }
  // the next measurement (or a person's `npm start`) needs the ports back
  const until = Date.now() + 15_000;
  while (Date.now() < until && !(await Promise.all(ports.map(portFree))).every(Boolean)) await new Promise((r) => setTimeout(r, 200));
  return result;
}
