import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, never a Playwright browser build: those are downloaded from a host this
 * machine (and CI) cannot reach. Installing it is the job of scripts/test-setup.ts, which
 * `npm test` runs before mocha, never of a test hook with a timeout.
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

function chromiumPath(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium ontbreekt (${CHROMIUM_PATH}): npm run test:setup installeert het (als root), of sudo apt-get install -y chromium.`);
  }
  return CHROMIUM_PATH;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS });
}
