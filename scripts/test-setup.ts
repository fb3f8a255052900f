/**
 * `npm test` runs this before anything else (and .ci/run after `npm ci`): what the tests need beyond
 * node_modules, installed with time of its own instead of inside a test's timeout. Today that is
 * Debian's Chromium for the browser tests (never a Playwright download: that host is out of reach).
 * Installs it as root with apt-get when it is missing; when it cannot, it says why in one line and
 * fails, so a run never silently skips the browser tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../test/browser/support/chromium.js';

const INSTALL_TIMEOUT_MS = 10 * 60_000;

function fail(reason: string): never {
  console.error(`test-setup: ${reason}`);
  process.exit(1);
}

/** Runs apt-get quietly; undefined when it worked, else its last error line. */
function aptGet(args: string[]): string | undefined {
  const run = spawnSync('apt-get', ['-qq', ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (run.status === 0) return undefined;
  if (run.error) return run.error.message;
  const lines = run.stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.at(-1) ?? `apt-get ${args[0] ?? ''} stopte met code ${String(run.status ?? run.signal)}`;
}

function installChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (!existsSync('/usr/bin/apt-get')) {
    fail(`Chromium ontbreekt (${CHROMIUM_PATH}) en apt-get is er niet: installeer Chromium zo dat het op ${CHROMIUM_PATH} staat.`);
  }
  if (process.getuid?.() !== 0) {
    fail(`Chromium ontbreekt (${CHROMIUM_PATH}); alleen root kan het installeren: sudo apt-get install -y chromium`);
  }
  console.info('test-setup: Chromium ontbreekt; apt-get installeert Debian\'s chromium (duurt ongeveer 20 s)');
  const started = Date.now();
  const install = ['install', '-y', 'chromium'];
  let error = aptGet(install);
  // a fresh machine often has no package lists yet: update, then try once more
  if (error !== undefined) error = aptGet(['update']) ?? aptGet(install);
  if (error !== undefined || !existsSync(CHROMIUM_PATH)) {
    fail(`apt-get kon chromium niet installeren (geen netwerk of geen pakketbron?): ${error ?? `${CHROMIUM_PATH} ontbreekt nog`}`);
  }
  console.info(`test-setup: chromium geïnstalleerd in ${Math.round((Date.now() - started) / 1000)} s`);
}

installChromium();
