import { holdAzurite } from './azurite.js';

/**
 * Mocha root hooks (registered in .mocharc.json): one Azurite for the whole run, started before
 * the first test and closed after the last. Each test file takes its own storage account on it
 * with `startAzurite()`.
 */
let release: (() => Promise<void>) | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    release = await holdAzurite();
  },
  async afterAll(): Promise<void> {
    await release?.();
  },
};
