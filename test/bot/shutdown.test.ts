import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { startBotProcess, TSX_ENTRY } from './process.js';

describe('the bot process stops cleanly', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());

  it('exits with 0 within a few seconds of SIGTERM, even with a keep-alive connection open', async () => {
    const bot = await startBotProcess(TSX_ENTRY, { STORAGE_CONNECTION_STRING: az.connectionString });
    // a keep-alive connection left idle, as the Agents Playground leaves them
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      request(`${bot.url}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
    const started = Date.now();
    bot.child.kill('SIGTERM');
    const code = await Promise.race([bot.exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 8_000))]);
    const ms = Date.now() - started;
    agent.destroy();
    if (code === 'timeout') bot.child.kill('SIGKILL');
    assert.equal(code, 0, `exit ${String(code)} after ${ms} ms:\n${bot.output()}`);
    assert.ok(ms < 8_000, `${ms} ms`);
    assert.match(bot.output(), /"msg":"stopping"/);
  });

  it('with telemetry configured and its endpoint unreachable, still exits with 0 within a few seconds', async () => {
    const bot = await startBotProcess(TSX_ENTRY, {
      STORAGE_CONNECTION_STRING: az.connectionString,
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
    });
    await fetch(`${bot.url}/api/messages`, { method: 'POST', body: '{}' });
    const started = Date.now();
    bot.child.kill('SIGTERM');
    const code = await Promise.race([bot.exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 8_000))]);
    if (code === 'timeout') bot.child.kill('SIGKILL');
    assert.equal(code, 0, `exit ${String(code)} after ${Date.now() - started} ms:\n${bot.output()}`);
    assert.match(bot.output(), /"msg":"stopping".*"telemetry":true|"telemetry":true.*"msg":"stopping"/);
  });

  it('without its people file it starts not configured (healthz 200 says so), reports it in one Dutch line, and stops cleanly', async () => {
    const bot = await startBotProcess(TSX_ENTRY, { STORAGE_CONNECTION_STRING: az.connectionString, WEERBAAR_PEOPLE_FILE: '/nonexistent/people.json' });
    const health = await fetch(`${bot.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'not-configured', reason: 'people-file', problem: 'missing' });
    const reported = bot.output().split('\n').filter((l) => l.includes('WEERBAAR_PEOPLE_FILE'));
    assert.equal(reported.length, 1, bot.output());
    assert.match(reported[0] ?? '', /Ongeldige configuratie: WEERBAAR_PEOPLE_FILE: \/nonexistent\/people\.json kan niet gelezen worden/);
    assert.doesNotMatch(bot.output(), /\n\s+at /, 'no stack trace');
    bot.child.kill('SIGTERM');
    const code = await Promise.race([bot.exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 8_000))]);
    if (code === 'timeout') bot.child.kill('SIGKILL');
    assert.equal(code, 0, bot.output());
  });
});
