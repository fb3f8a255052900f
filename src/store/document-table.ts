import { odata } from '@azure/data-tables';
import type { TableClient, TableEntity } from '@azure/data-tables';
import type { z } from 'zod';
import {
  AlreadyExistsError,
  ConflictError,
  DocumentTooLargeError,
  RowParseError,
  isAlreadyExists,
  isNotFound,
  isPreconditionFailed,
  requireEtag,
} from './errors.js';
import { replaceEntity } from './table-rest.js';

/** A stored value with the ETag to hand back on update. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export type IndexValue = string | number | boolean | undefined;
export type IndexColumns = Record<string, IndexValue>;

/**
 * Table Storage limits a string property to 64 KiB (32K UTF-16 chars) and an entity to 1 MiB, so a
 * document's JSON is cut into properties d0, d1, ... of at most CHUNK_CHARS, with dc the count.
 */
export const CHUNK_CHARS = 30_000;
/** 15 chunks of 60 KB (UTF-16) plus index columns stay under the 1 MiB entity limit. */
export const MAX_CHUNKS = 15;
const COUNT_PROP = 'dc';
const RESERVED = /^(d\d+|dc|PartitionKey|RowKey|Timestamp|etag|odata\..*)$/;

/**
 * JSON with every non-ASCII character written as a \uXXXX escape. Azurite decodes a request
 * body per 64 KiB buffer, which breaks a multi-byte UTF-8 character that straddles two buffers
 * (a large document with an "é" or an emoji came back altered); pure ASCII cannot be split.
 * It also means a chunk border never falls inside a surrogate pair.
 */
export function toAsciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function splitJson(json: string): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < json.length; start += CHUNK_CHARS) {
    chunks.push(json.slice(start, start + CHUNK_CHARS));
  }
  return chunks.length > 0 ? chunks : [''];
}

/**
 * One zod-validated JSON document per entity, plus a few plain index columns that queries can
 * filter on. Validation happens on write and again on read: a row that does not parse is a
 * RowParseError naming the row, never an object that fails somewhere later.
 */
export class DocumentTable<T> {
  constructor(
    private readonly client: TableClient,
    private readonly schema: z.ZodType<T>,
    private readonly indexOf: (doc: T) => IndexColumns = () => ({}),
  ) {}

  get tableName(): string {
    return this.client.tableName;
  }

  async create(pk: string, rk: string, doc: T): Promise<Versioned<T>> {
    const { entity, value } = this.toEntity(pk, rk, doc);
    try {
      const res = await this.client.createEntity(entity);
      return { value, etag: requireEtag(res.etag) };
    } catch (e) {
      if (isAlreadyExists(e)) throw new AlreadyExistsError(this.tableName, pk, rk, { cause: e });
      throw e;
    }
  }

  /**
   * Replaces the whole row only if it is unchanged since `etag` was read. On a client of the table
   * factory this goes straight over HTTP where it can (table-rest.ts): the write of every step.
   */
  async update(pk: string, rk: string, doc: T, etag: string): Promise<Versioned<T>> {
    const { entity, value } = this.toEntity(pk, rk, doc);
    try {
      return { value, etag: await replaceEntity(this.client, entity, etag) };
    } catch (e) {
      // a row deleted since it was read is as stale as a changed one
      if (isPreconditionFailed(e) || isNotFound(e)) {
        throw new ConflictError(this.tableName, pk, rk, { cause: e });
      }
      throw e;
    }
  }

  async upsert(pk: string, rk: string, doc: T): Promise<Versioned<T>> {
    const { entity, value } = this.toEntity(pk, rk, doc);
    const res = await this.client.upsertEntity(entity, 'Replace');
    return { value, etag: requireEtag(res.etag) };
  }

  async get(pk: string, rk: string): Promise<Versioned<T> | undefined> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(pk, rk);
      return { value: this.parse(pk, rk, entity), etag: requireEtag(entity.etag) };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** Deletes the row; returns false when it was not there. With an etag, a changed row is a conflict. */
  async delete(pk: string, rk: string, etag?: string): Promise<boolean> {
    try {
      await this.client.deleteEntity(pk, rk, etag === undefined ? undefined : { etag });
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      if (isPreconditionFailed(e)) throw new ConflictError(this.tableName, pk, rk, { cause: e });
      throw e;
    }
  }

  /** All documents of a partition, optionally narrowed by an OData filter on index columns. */
  async list(pk: string, filter?: string): Promise<Versioned<T>[]> {
    const out: Versioned<T>[] = [];
    const entities = this.client.listEntities<Record<string, unknown>>({
      queryOptions: { filter: partitionFilter(pk, filter) },
    });
    for await (const entity of entities) {
      out.push({ value: this.parse(pk, entity.rowKey ?? '', entity), etag: requireEtag(entity.etag) });
    }
    return out;
  }

  /** Counts rows without transferring their documents. */
  async count(pk: string, filter?: string): Promise<number> {
    let n = 0;
    const entities = this.client.listEntities({
      queryOptions: { filter: partitionFilter(pk, filter), select: ['RowKey'] },
    });
    for await (const _ of entities) n += 1;
    return n;
  }

  /** The row of a document, validated: for a transaction that writes it with other rows of its partition. */
  toEntity(pk: string, rk: string, doc: T): { entity: TableEntity; value: T } {
    const value = this.schema.parse(doc);
    const json = toAsciiJson(value);
    const chunks = splitJson(json);
    if (chunks.length > MAX_CHUNKS) throw new DocumentTooLargeError(this.tableName, pk, rk, json.length);
    const entity: TableEntity<Record<string, unknown>> = { partitionKey: pk, rowKey: rk, [COUNT_PROP]: chunks.length };
    chunks.forEach((chunk, i) => {
      entity[`d${i}`] = chunk;
    });
    for (const [name, v] of Object.entries(this.indexOf(value))) {
      if (RESERVED.test(name)) throw new Error(`Index column name ${name} is reserved`);
      if (v !== undefined) entity[name] = v;
    }
    return { entity, value };
  }

  private parse(pk: string, rk: string, entity: Record<string, unknown>): T {
    const fail = (problems: string[], cause?: unknown): RowParseError =>
      new RowParseError(this.tableName, pk, rk, problems, { cause });
    const count = entity[COUNT_PROP];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_CHUNKS) {
      throw fail([`${COUNT_PROP}: missing or invalid`]);
    }
    let json = '';
    for (let i = 0; i < count; i += 1) {
      const part = entity[`d${i}`];
      if (typeof part !== 'string') throw fail([`d${i}: missing`]);
      json += part;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      // no cause: a JSON.parse message quotes part of the stored text
      throw fail(['document is not valid JSON']);
    }
    const result = this.schema.safeParse(raw);
    if (!result.success) {
      // paths and codes only: the message of an issue may quote the stored value
      throw fail(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`));
    }
    return result.data;
  }
}

export function partitionFilter(pk: string, filter?: string): string {
  const base = odata`PartitionKey eq ${pk}`;
  return filter === undefined ? base : `${base} and (${filter})`;
}
