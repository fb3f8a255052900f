import { QueueClient } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/identity';

export const JOB_QUEUE_NAME = 'jobs';

export type QueueStorage =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'account'; queueUrl: string; credential: TokenCredential };

export function createQueueClient(storage: QueueStorage, queueName: string = JOB_QUEUE_NAME): QueueClient {
  if (storage.kind === 'connectionString') return new QueueClient(storage.connectionString, queueName);
  return new QueueClient(`${storage.queueUrl.replace(/\/$/, '')}/${queueName}`, storage.credential);
}

/** Safe at every start and from several instances at once. */
export async function ensureQueue(queue: QueueClient): Promise<void> {
  await queue.createIfNotExists();
}
