import { createHash } from 'node:crypto';

const MAX_PLAIN = 400;

/**
 * Turns an arbitrary key (an idempotency key may hold '/', '#', ...) into a valid, stable
 * PartitionKey/RowKey: percent-encoded while short enough to stay readable, hashed beyond.
 */
export function tableKeyOf(key: string): string {
  if (key.length === 0) throw new Error('empty key');
  const encoded = encodeURIComponent(key);
  if (encoded.length <= MAX_PLAIN) return encoded;
  return `sha256-${createHash('sha256').update(key).digest('hex')}`;
}
