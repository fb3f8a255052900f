import type { Versioned } from './document-table.js';
import { ConflictError, StoreError } from './errors.js';
import type { DraftRepository } from './ports.js';

/**
 * A draft served from memory turned out to be older than the stored one (another instance wrote
 * it). Not a ConflictError: nobody raced this turn, the copy was stale. Read again and decide again.
 */
export class StaleDraftError extends StoreError {
  constructor(options?: { cause?: unknown }) {
    super('The draft kept in memory was stale', options);
  }
}

interface Entry<T> {
  value: T;
  etag: string;
  /** handed out from memory since it was last read or written */
  served: boolean;
}

const DEFAULT_MAX_ENTRIES = 1000;

/**
 * Each person's draft as this instance last wrote or read it, with its ETag, so that the next
 * step of the same person costs its one write and no read. `get` always reads the store; `recent`
 * answers from memory. A write based on a copy from memory that meets a newer row throws
 * StaleDraftError; so does `assertStored` for a decision taken on such a copy without a write. The
 * caller then runs the turn again, and `recent` reads the store. The oldest entries go first
 * beyond `maxEntries` (drafts are a few KB).
 */
export class CachedDraftRepository<T> implements DraftRepository<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly fromMemory = new WeakSet<object>();

  constructor(
    private readonly inner: DraftRepository<T>,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  async get(orgId: string, aadObjectId: string): Promise<Versioned<T> | undefined> {
    const found = await this.inner.get(orgId, aadObjectId);
    if (found) this.remember(orgId, aadObjectId, found);
    else this.forget(orgId, aadObjectId);
    return found;
  }

  /** The draft without a read when this instance wrote or read it last; else from the store. */
  async recent(orgId: string, aadObjectId: string): Promise<Versioned<T> | undefined> {
    const key = keyOf(orgId, aadObjectId);
    const entry = this.entries.get(key);
    if (!entry) return this.get(orgId, aadObjectId);
    this.entries.delete(key);
    this.entries.set(key, { ...entry, served: true });
    // a copy: a caller that changed the object would otherwise change what the next turn reads
    const value = structuredClone(entry.value);
    if (typeof value === 'object' && value !== null) this.fromMemory.add(value);
    return { value, etag: entry.etag };
  }

  /**
   * For a decision taken without a write (a card that does not match the draft): a draft from
   * memory may be stale, so it is forgotten and StaleDraftError thrown; one from the store passes.
   */
  assertStored(orgId: string, aadObjectId: string, value: T): void {
    if (typeof value !== 'object' || value === null || !this.fromMemory.has(value)) return;
    this.forget(orgId, aadObjectId);
    throw new StaleDraftError();
  }

  async save(orgId: string, aadObjectId: string, draft: T, etag?: string): Promise<Versioned<T>> {
    const key = keyOf(orgId, aadObjectId);
    const before = this.entries.get(key);
    try {
      const saved = await this.inner.save(orgId, aadObjectId, draft, etag);
      this.remember(orgId, aadObjectId, saved);
      return saved;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      const current = this.entries.get(key);
      this.forget(orgId, aadObjectId);
      // the ETag came from memory and nobody in this instance wrote since: the copy was stale
      if (etag !== undefined && before?.served && before.etag === etag && current?.etag === etag) {
        throw new StaleDraftError({ cause: e });
      }
      throw e;
    }
  }

  async delete(orgId: string, aadObjectId: string, etag?: string): Promise<void> {
    this.forget(orgId, aadObjectId);
    await this.inner.delete(orgId, aadObjectId, etag);
    this.forget(orgId, aadObjectId);
  }

  forget(orgId: string, aadObjectId: string): void {
    this.entries.delete(keyOf(orgId, aadObjectId));
  }

  private remember(orgId: string, aadObjectId: string, found: Versioned<T>): void {
    const key = keyOf(orgId, aadObjectId);
    this.entries.delete(key);
    this.entries.set(key, { value: structuredClone(found.value), etag: found.etag, served: false });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}

function keyOf(orgId: string, aadObjectId: string): string {
  return `${orgId}\n${aadObjectId}`;
}
