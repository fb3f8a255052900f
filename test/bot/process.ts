import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface BotProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** what the process wrote to stderr alone */
  errors(): string;
  /** resolves with the exit code (or signal name) */
  exited: Promise<number | string>;
}

/** Starts the bot as its own process (`node <args>`) and waits until /healthz answers. */
export async function startBotProcess(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  const port = await freePort();
  let out = '';
  let err = '';
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    err += c.toString('utf8');
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return { child, url, output: () => out, errors: () => err, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the bot did not answer /healthz:\n${out}`);
}

/** `node --import tsx src/index.ts`, as `npm run start:bot` runs it. */
export const TSX_ENTRY = ['--import', 'tsx', join(ROOT, 'src/index.ts')];
