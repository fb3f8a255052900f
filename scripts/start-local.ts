/**
 * `npm start`: the whole local stack, offline, one command.
 * Azurite (tables + queues, data in .local/azurite so meldingen survive a restart),
 * the bot on http://localhost:3978/api/messages, and the Microsoft 365 Agents Playground,
 * one instance per person of the local cast (the Playground cannot switch users).
 * Ctrl-C or SIGTERM stops them all.
 *
 * The bot runs as plain JavaScript (scripts/build-if-stale.ts transpiles what changed since the
 * last start), not through tsx: that halves its start and takes about 65 MB off its memory.
 * Everything that does not wait for another part starts at once, and the time until every part
 * answers is printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { BOT_NODE_FLAGS, botEntry, ensureBuilt } from './build-if-stale.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;
const BOT_PORT = Number(process.env['PORT'] ?? 3978);
const TABLE_PORT = 10002;
const QUEUE_PORT = 10001;

/** Who gets a Playground window; the others are in config/people.local.json and can be added here. */
const PLAYGROUNDS = [
  { port: 56150, cast: 'raadslid', who: 'Fleur de Vries, raadslid (meldt)' },
  { port: 56151, cast: 'griffier', who: 'Sanne Jansen, griffier (kanaal Griffie)' },
  { port: 56152, cast: 'coordinator', who: 'Joost Bakker, coördinator (kanaal General)' },
];

const children: ChildProcess[] = [];
let stopping = false;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > until) reject(new Error(`poort ${port} kwam niet op binnen ${timeoutMs / 1000} s`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

/** Resolves when GET /healthz answers 200: listening alone is not ready (storage may still be missing). */
async function waitForHealth(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`de bot antwoordde niet op /healthz binnen ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}, quiet = false): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    detached: true,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopte onverwacht (${signal ?? `code ${code}`}). Alles wordt gestopt.`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const c of children) {
    if (c.pid && c.exitCode === null) {
      try {
        process.kill(-c.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  const deadline = Date.now() + 8000;
  while (children.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const c of children) {
    if (c.pid && c.exitCode === null && c.signalCode === null) {
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  process.exit(code);
}

async function main(): Promise<void> {
  const ports = [BOT_PORT, TABLE_PORT, QUEUE_PORT, ...PLAYGROUNDS.map((p) => p.port)];
  const busy: number[] = [];
  for (const p of ports) if (!(await portFree(p))) busy.push(p);
  if (busy.length > 0) {
    console.error(`Poort ${busy.join(', ')} is al in gebruik. Draait Weerbaar al, of een ander programma? Stop dat eerst.`);
    process.exit(1);
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const started = Date.now();
  const since = () => Date.now() - started;
  const data = `${root}.local/azurite`;
  mkdirSync(data, { recursive: true });
  const azuriteArgs = ['--silent', '--disableTelemetry', '--skipApiVersionCheck', '--location', data];
  run('Azurite (tabellen)', bin('azurite-table'), [...azuriteArgs, '--tablePort', String(TABLE_PORT)]);
  run('Azurite (wachtrijen)', bin('azurite-queue'), [...azuriteArgs, '--queuePort', String(QUEUE_PORT)]);
  // the Playground needs no bot to start: it connects when the first message is sent
  for (const p of PLAYGROUNDS) {
    run(
      `Agents Playground ${p.port}`,
      bin('agentsplayground'),
      ['-e', `http://localhost:${BOT_PORT}/api/messages`, '-c', 'msteams', '-p', String(p.port), '--dt'],
      { TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: `${root}playground/${p.cast}.yml` },
      true,
    );
  }
  const playgrounds = Promise.all(PLAYGROUNDS.map((p) => waitForPort(p.port, 60_000))).then(since);
  const azurite = Promise.all([waitForPort(TABLE_PORT, 30_000), waitForPort(QUEUE_PORT, 30_000)]).then(since);
  // awaited below; until then a failure must not end the process before stop() has run
  playgrounds.catch(() => undefined);
  azurite.catch(() => undefined);
  const build = await ensureBuilt();
  const azuriteMs = await azurite;
  run('De bot', process.execPath, botEntry('build'), { PORT: String(BOT_PORT) });
  await waitForHealth(BOT_PORT, 60_000);
  const botMs = since();
  const playgroundMs = await playgrounds;
  console.info(
    [
      '',
      `Weerbaar draait. Open de Agents Playground: http://localhost:${PLAYGROUNDS[0]!.port}`,
      ...PLAYGROUNDS.map((p) => `  http://localhost:${p.port}  ${p.who}`),
      `Agenda's (.ics) en gezondheid: http://localhost:${BOT_PORT}/healthz   Stoppen: Ctrl-C`,
      '',
      `Klaar na ${seconds(since())}: Azurite ${seconds(azuriteMs)}, bot ${seconds(botMs)}` +
        ` (waarvan bouwen ${seconds(build.ms)}, ${build.files} bestanden; node ${BOT_NODE_FLAGS.join(' ')}), Playground ${seconds(playgroundMs)}`,
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(`Starten mislukt: ${err instanceof Error ? err.message : String(err)}`);
  void stop(1);
});
