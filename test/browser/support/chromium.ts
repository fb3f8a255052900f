import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, never a Playwright browser build: those are downloaded from
 * a host this machine (and CI) cannot reach. `npm ci && npm test` on a fresh
 * machine installs the Debian package when we may; otherwise the tests fail
 * with a clear message instead of silently skipping.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function canApt(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (canApt()) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium ontbreekt (${CHROMIUM_PATH}). De browsertests hebben Debian's chromium nodig: ` +
        'installeer het met `sudo apt-get install -y chromium`.',
    );
  }
  return CHROMIUM_PATH;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: LAUNCH_ARGS });
}
