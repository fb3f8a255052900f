import assert from 'node:assert/strict';
import { COMMANDS } from '../../src/flows/commands.js';
import { handlingFlow } from '../../src/flows/handling/index.js';
import { reportFlow } from '../../src/flows/report/index.js';
import { commandTable, createRouter, type CommandHandler } from '../../src/flows/router.js';
import { homeFlow } from '../../src/flows/welcome.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { handlingStack, type HandlingStack } from './handling-harness.js';

describe('the commands, listed once (src/flows/commands.ts)', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let s: HandlingStack;
  before(async () => {
    az = await startAzurite();
    s = await handlingStack(az);
  });
  after(async () => {
    await s.stop();
    await az.stop();
  });

  it('every listed command has a handler, and every handler a listed command', () => {
    // the flows as src/initialize.ts gives them to the router, and the router's own
    const flows = [reportFlow(s.services), handlingFlow(s.services, s.deps, s.jobs.queue)];
    const handled = [...commandTable([homeFlow(s.services, flows), ...flows]).keys()];
    assert.deepEqual(handled.sort(), Object.values(COMMANDS).map((c) => c.text).sort());
  });

  it('refuses to build a router with a handler under a name the list does not have', () => {
    const unlisted: Record<string, CommandHandler> = { verwijder: async () => ({ replies: [] }) };
    assert.throws(() => createRouter(s.services, [{ actions: {}, commands: unlisted }]), /command verwijder is not listed/);
  });
});
