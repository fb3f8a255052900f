import assert from 'node:assert/strict';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';
import { startAzurite, startAzuriteServer } from './azurite.js';

const tableNames = async (connectionString: string): Promise<string[]> => {
  const names: string[] = [];
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
  for await (const t of service.listTables()) names.push(t.name ?? '');
  return names;
};

describe('test support: one Azurite per run, an account per test file', () => {
  it('gives each caller its own tables and queues, and empties them on stop', async () => {
    const a = await startAzurite();
    const b = await startAzurite();
    try {
      assert.notEqual(a.connectionString, b.connectionString);
      const incidents = TableClient.fromConnectionString(a.connectionString, 'incidents', { allowInsecureConnection: true });
      await incidents.createTable();
      await incidents.createEntity({ partitionKey: 'org', rowKey: '1' });
      await QueueServiceClient.fromConnectionString(a.connectionString).createQueue('jobs');

      assert.deepEqual(await tableNames(b.connectionString), [], 'b sees none of a\'s tables');
      const queuesOfB: string[] = [];
      for await (const q of QueueServiceClient.fromConnectionString(b.connectionString).listQueues()) queuesOfB.push(q.name);
      assert.deepEqual(queuesOfB, [], 'nor its queues');
      assert.deepEqual(await tableNames(a.connectionString), ['incidents']);
    } finally {
      await a.stop();
    }
    assert.deepEqual(await tableNames(a.connectionString), [], 'stop() leaves the shared server as it found it');
    await b.stop();
  });

  it('a server of its own stops for real (for tests that take storage away)', async () => {
    const own = await startAzuriteServer();
    await TableClient.fromConnectionString(own.connectionString, 'probe', { allowInsecureConnection: true }).createTable();
    await own.stop();
    await assert.rejects(tableNames(own.connectionString), /ECONN(REFUSED|RESET)/, 'nothing answers any more');
  });
});
