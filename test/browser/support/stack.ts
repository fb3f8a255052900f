/**
 * The whole local stack for a browser test, as a person would meet it:
 * Azurite (in-process) -> the bot (in-process, port 0) -> one Agents Playground per person
 * (child process, own free port, own temp cwd for its devTools/ log) -> one Chromium page per
 * Playground, opened on the personal chat, log panel hidden, the welcome card already there.
 *
 * Usage (mocha); everything is exported from this file (the UI steps live in ui.ts):
 *
 *   import { startStack, sendText, lastCard, cardWith, clickAction, fillInput, chooseOption, selectOption,
 *            setToggle, openChannel, openPersonalChat, thread, screenshot, type Stack } from './support/stack.js';
 *
 *   describe('browser: …', function () {
 *     this.timeout(60_000);
 *     let stack: Stack | undefined;
 *     before(async function () { this.timeout(120_000); stack = await startStack({ people: ['raadslid', 'griffier'] }); });
 *     after(async () => { await stack?.stop(); });
 *
 *     it('…', async () => {
 *       const fleur = stack!.page('raadslid');
 *       await sendText(fleur, 'hallo');                      // types + Enter; waits for the bot's answer
 *       await clickAction(fleur, 'Incident melden');          // button on the LAST card; waits for the answer
 *       await chooseOption(fleur, 'Ja');                      // radio of an expanded ChoiceSet (checkbox if multi)
 *       await chooseOption(fleur, 'Ja', 'Bent u gewond?');    // ... in the ChoiceSet with that label
 *       await fillInput(fleur, 'Wat is er gebeurd?', 'tekst'); // Input.Text/Number by label
 *       await fillInput(fleur, 'Datum', '2026-11-03');         // Input.Date, submitted as 2026-11-03
 *       await fillInput(fleur, 'Tijd', '14:30');               // Input.Time, submitted as 14:30
 *       await setToggle(fleur, 'Ik wil nazorg');               // Input.Toggle by its title (or label)
 *       await selectOption(fleur, 'Rol', 'Wethouder');         // compact ChoiceSet (dropdown)
 *       assert.match(await lastCard(fleur).innerText(), /Stap 2 van 7/);
 *       await screenshot(fleur, 'melding-stap-1');             // .local/screenshots/melding-stap-1.png (whole page)
 *       await screenshot(fleur, 'melding-kaart', lastCard(fleur)); // just the card
 *
 *       const sanne = stack!.page('griffier');
 *       await openChannel(sanne, 'Griffie');                   // first open = the bot learns the channel
 *       const t = thread(sanne, 'M-2026-0001');                // a thread by text (newest thread is on TOP)
 *       await clickAction(t, 'Goedkeuren');                    // every step takes a thread as scope too
 *     });
 *   });
 *
 * `people`: names of files in playground/ (raadslid, griffier, coordinator, ...).
 * `viewport`: per person; the Playground has a minimum width of ~790 px, so there is no phone layout:
 *   for a phone-ish picture screenshot the card alone (`screenshot(page, name, lastCard(page))`).
 * `env`: extra variables for loadConfig (e.g. WEERBAAR_PROFILE: 'utrecht').
 * The steps take a `card` option where the last card is not the one meant (see cardWith()).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../../src/config.js';
import { initialize, type Weerbaar } from '../../../src/initialize.js';
import { createLogger } from '../../../src/logger.js';
import { JOB_QUEUE_NAME } from '../../../src/jobs/queue-client.js';
import { startAzurite, type AzuriteHandle } from '../../support/azurite.js';
import { drained } from '../../support/idle.js';
import { launchChromium } from './chromium.js';
import { ROOT } from './paths.js';
import { cardWith, hideLogPanel } from './ui.js';

export * from './ui.js';
export { ROOT } from './paths.js';

export interface Viewport {
  width: number;
  height: number;
}

export interface StackOptions {
  people: string[];
  viewport?: Record<string, Viewport>;
  env?: Record<string, string>;
}

export interface Stack {
  botPort: number;
  azurite: AzuriteHandle;
  weerbaar: Weerbaar;
  browser: Browser;
  page(person: string): Page;
  /** Resolves when the bot's queue is empty: every job so far has run (what is not posted by then, never will be). */
  idle(): Promise<void>;
  /** http://localhost:<port> of a person's Playground (its `_connector` and `_internal` APIs live there) */
  playgroundUrl(person: string): string;
  stop(): Promise<void>;
}

const DEFAULT_VIEWPORT: Viewport = { width: 1280, height: 900 };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Playground {
  person: string;
  port: number;
  child: ChildProcess;
  cwd: string;
  output: string[];
}

function startPlayground(person: string, port: number, botPort: number): Playground {
  const cwd = mkdtempSync(join(tmpdir(), `weerbaar-playground-${person}-`));
  const child = spawn(
    join(ROOT, 'node_modules/.bin/agentsplayground'),
    ['-e', `http://localhost:${botPort}/api/messages`, '-c', 'msteams', '-p', String(port), '--dt'],
    {
      cwd,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(ROOT, 'playground', `${person}.yml`),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group, so stop() can end the Playground and whatever it spawned
      detached: true,
    },
  );
  if (child.pid) running.set(child.pid, cwd);
  const output: string[] = [];
  const keep = (b: Buffer) => {
    output.push(b.toString('utf8'));
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { person, port, child, cwd, output };
}

async function waitForHttp(pg: Playground, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (pg.child.exitCode !== null) {
      throw new Error(
        `Agents Playground (${pg.person}) stopte met code ${pg.child.exitCode}; zie ${pg.cwd}/devTools/. ${pg.output.join('').slice(-2000)}`,
      );
    }
    try {
      const res = await fetch(`http://127.0.0.1:${pg.port}/`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`Agents Playground (${pg.person}) kwam niet op binnen ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Playgrounds still running (process group -> cwd); ended on exit, so a crashed run leaves none behind. */
const running = new Map<number, string>();
process.on('exit', () => {
  for (const [pid, cwd] of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(cwd, { recursive: true, force: true });
  }
});

async function stopGroup(pid: number): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 3000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) signal('SIGKILL');
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 20));
  running.delete(pid);
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    const azurite = await startAzurite();
    cleanups.push(() => azurite.stop());

    const config = loadConfig({
      PORT: '0',
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      WEERBAAR_PEOPLE_FILE: join(ROOT, 'config/people.local.json'),
      LOG_LEVEL: 'error',
      ...options.env,
    });
    const weerbaar = await initialize(config, createLogger(config.logLevel));
    const http = weerbaar.server.server;
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(0, '127.0.0.1', () => resolve());
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          http.closeAllConnections();
          http.close(() => resolve());
        }),
    );
    const botPort = (http.address() as AddressInfo).port;
    await weerbaar.start();
    cleanups.push(() => weerbaar.stop());

    const playgrounds = new Map<string, Playground>();
    for (const person of options.people) {
      const pg = startPlayground(person, await freePort(), botPort);
      playgrounds.set(person, pg);
      cleanups.push(async () => {
        if (pg.child.pid) await stopGroup(pg.child.pid);
        rmSync(pg.cwd, { recursive: true, force: true });
      });
    }
    const browser = await launchChromium();
    cleanups.push(() => browser.close());

    const pages = new Map<string, Page>();
    await Promise.all(
      [...playgrounds.values()].map(async (pg) => {
        await waitForHttp(pg, 30_000);
        const context = await browser.newContext({ viewport: options.viewport?.[pg.person] ?? DEFAULT_VIEWPORT });
        const page = await context.newPage();
        // not the 'load' event: it waits for the Playground's CDN fonts, which this offline machine
        // cannot fetch and which take longest when the machine is busy; 'Connected.' is the readiness
        await page.goto(`http://localhost:${pg.port}/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
        await page.getByText('Connected.', { exact: true }).first().waitFor({ timeout: 60_000 });
        await hideLogPanel(page);
        // the bot greets on install, just after the page loads: a test starts once the greeting is there
        await cardWith(page, 'Welkom bij Weerbaar').waitFor({ timeout: 30_000 });
        pages.set(pg.person, page);
      }),
    );

    const get = <T>(map: Map<string, T>, person: string): T => {
      const v = map.get(person);
      if (v === undefined) throw new Error(`geen Playground voor '${person}' in deze stack`);
      return v;
    };
    return {
      botPort,
      azurite,
      weerbaar,
      browser,
      page: (person) => get(pages, person),
      idle: () => drained(azurite.connectionString, JOB_QUEUE_NAME),
      playgroundUrl: (person) => `http://localhost:${get(playgrounds, person).port}`,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
