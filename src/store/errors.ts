import { statusOf } from '../shared/http.js';

/**
 * Typed storage failures. Callers branch on the class, never on an HTTP status,
 * so the Table Storage details stay inside src/store.
 */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Somebody else changed (or deleted) the row since it was read: reload and decide again. */
export class ConflictError extends StoreError {
  constructor(
    readonly table: string,
    readonly partitionKey: string,
    readonly rowKey: string,
    options?: { cause?: unknown },
  ) {
    super(`Conflict on ${table}/${partitionKey}/${rowKey}: the row changed since it was read`, options);
  }
}

export class AlreadyExistsError extends StoreError {
  constructor(
    readonly table: string,
    readonly partitionKey: string,
    readonly rowKey: string,
    options?: { cause?: unknown },
  ) {
    super(`Row ${table}/${partitionKey}/${rowKey} already exists`, options);
  }
}

/**
 * A stored row that does not match its schema. Names the row and the failing
 * paths only: the values may be personal data and must not reach a log.
 */
export class RowParseError extends StoreError {
  constructor(
    readonly table: string,
    readonly partitionKey: string,
    readonly rowKey: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`Row ${table}/${partitionKey}/${rowKey} does not parse: ${problems.join('; ')}`, options);
  }
}

export class DocumentTooLargeError extends StoreError {
  constructor(
    readonly table: string,
    readonly partitionKey: string,
    readonly rowKey: string,
    readonly chars: number,
  ) {
    super(`Document for ${table}/${partitionKey}/${rowKey} is too large (${chars} chars)`);
  }
}

/** Azurite answers a stale ETag with 412 and no `code`; Azure may add one. Status is what counts. */
export function isPreconditionFailed(e: unknown): boolean {
  return statusOf(e) === 412;
}

export function isAlreadyExists(e: unknown): boolean {
  return statusOf(e) === 409;
}

export function isNotFound(e: unknown): boolean {
  return statusOf(e) === 404;
}

/** The ETag every successful write and read carries; its absence is a fault of the service, not of the caller. */
export function requireEtag(etag: string | undefined): string {
  if (etag === undefined) throw new Error('Table Storage returned no ETag');
  return etag;
}
