import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { odata, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { isNotFound } from './errors.js';
import { assertKeyPart } from './row.js';
import { TABLES, type TableClientFactory } from './tables.js';

/**
 * Files the bot hands to one person (a report export, a melder's own data, a letter to a
 * pleger) through a signed link that expires: never as an attachment in a channel or chat,
 * where it would stay readable for everyone there and for as long as the message lives.
 *
 * The link is the only key, so it is bound by HMAC to the organisation, the file and the
 * moment it expires, and the stored file expires with it. Table Storage keeps the bytes as
 * base64 in chunks (a string property holds at most 32K characters, an entity 1 MiB), one
 * transaction for all rows of a file (a transaction body holds at most 4 MiB).
 */
export const DOWNLOADS_TABLE = TABLES.downloads;
export const DOWNLOAD_PATH = '/download/';
/** Long enough to open it on another device, short enough that a forwarded link is soon dead. */
export const DOWNLOAD_TTL_MS = 15 * 60_000;
/** 2 MiB of file is 2.8M base64 characters: under the 4 MiB of one transaction. */
export const MAX_DOWNLOAD_BYTES = 2 * 1024 * 1024;
const CHUNK = 30_000;
const CHUNKS_PER_ROW = 14;

export const DOWNLOAD_TYPES = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type DownloadType = keyof typeof DOWNLOAD_TYPES;

/** A name a browser saves as is, on every system: letters, digits, `-`, `_`, one extension. */
export const FilenameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,80}\.(json|csv|html|xlsx|docx)$/);

export interface DownloadFile {
  filename: string;
  type: DownloadType;
  body: Buffer;
}

export interface OfferedDownload {
  url: string;
  expiresAt: Date;
}

export type Opened = { status: 'ok'; file: DownloadFile } | { status: 'expired' } | { status: 'not-found' };

export class DownloadTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`download of ${bytes} bytes exceeds ${MAX_DOWNLOAD_BYTES}`);
    this.name = 'DownloadTooLargeError';
  }
}

export interface Downloads {
  /** Stores the file for `ownerId` (an Entra object id, for the audit) and gives its link. */
  offer(orgId: string, ownerId: string, file: DownloadFile, now: Date): Promise<OfferedDownload>;
  /** The file behind a link's path, if the signature holds and it has not expired. */
  open(pathname: string, now: Date): Promise<Opened>;
  /** Deletes every expired file; returns how many files went. */
  purgeExpired(now: Date): Promise<number>;
}

const HeaderSchema = z.object({
  ownerId: z.string(),
  filename: FilenameSchema,
  type: z.enum(Object.keys(DOWNLOAD_TYPES) as [DownloadType, ...DownloadType[]]),
  expiresAt: z.coerce.date(),
  rows: z.number().int().min(0),
  bytes: z.number().int().min(0),
});

const ID = /^[0-9a-f-]{36}$/;
const PATH = /^\/download\/([a-z0-9-]{2,40})\/([0-9a-f-]{36})\/(\d{10,13})\/([0-9a-f]{64})\/([^/]+)$/;

function sign(secret: string, orgId: string, id: string, expiresMs: number, filename: string): string {
  return createHmac('sha256', secret).update(`download:${orgId}:${id}:${expiresMs}:${filename}`).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

function chunkRows(base64: string): string[][] {
  const chunks: string[] = [];
  for (let i = 0; i < base64.length; i += CHUNK) chunks.push(base64.slice(i, i + CHUNK));
  const rows: string[][] = [];
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_ROW) rows.push(chunks.slice(i, i + CHUNKS_PER_ROW));
  return rows;
}

export function createDownloads(tables: TableClientFactory, secret: string, publicUrl: string): Downloads {
  const client = tables(DOWNLOADS_TABLE);
  const base = publicUrl.replace(/\/$/, '');

  const readFile = async (orgId: string, id: string): Promise<{ header: z.infer<typeof HeaderSchema>; body: Buffer } | undefined> => {
    const parts = new Map<string, Record<string, unknown>>();
    const filter = odata`PartitionKey eq ${orgId} and RowKey ge ${id} and RowKey lt ${`${id}~~`}`;
    for await (const e of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) parts.set(e.rowKey ?? '', e);
    const head = HeaderSchema.safeParse(parts.get(id));
    if (!head.success) return undefined;
    let base64 = '';
    for (let r = 0; r < head.data.rows; r++) {
      const row = parts.get(`${id}~${String(r).padStart(3, '0')}`);
      if (!row) return undefined;
      for (let c = 0; typeof row[`c${c}`] === 'string'; c++) base64 += String(row[`c${c}`]);
    }
    const body = Buffer.from(base64, 'base64');
    return body.length === head.data.bytes ? { header: head.data, body } : undefined;
  };

  return {
    async offer(orgId, ownerId, file, now) {
      assertKeyPart(orgId, 'organisation');
      FilenameSchema.parse(file.filename);
      if (file.body.length > MAX_DOWNLOAD_BYTES) throw new DownloadTooLargeError(file.body.length);
      const id = randomUUID();
      const expiresAt = new Date(now.getTime() + DOWNLOAD_TTL_MS);
      const rows = chunkRows(file.body.toString('base64'));
      const actions: TransactionAction[] = [
        ['create', { partitionKey: orgId, rowKey: id, ownerId, filename: file.filename, type: file.type, expiresAt, rows: rows.length, bytes: file.body.length }],
        ...rows.map((chunks, r): TransactionAction => {
          const entity: TableEntity<Record<string, unknown>> = { partitionKey: orgId, rowKey: `${id}~${String(r).padStart(3, '0')}`, expiresAt };
          chunks.forEach((c, i) => (entity[`c${i}`] = c));
          return ['create', entity];
        }),
      ];
      await client.submitTransaction(actions);
      const expiresMs = expiresAt.getTime();
      const signature = sign(secret, orgId, id, expiresMs, file.filename);
      return { url: `${base}${DOWNLOAD_PATH}${orgId}/${id}/${expiresMs}/${signature}/${file.filename}`, expiresAt };
    },

    async open(pathname, now) {
      const m = PATH.exec(pathname);
      const [orgId, id, expires, signature, filename] = [m?.[1], m?.[2], m?.[3], m?.[4], m?.[5]];
      if (orgId === undefined || id === undefined || expires === undefined || signature === undefined || filename === undefined) return { status: 'not-found' };
      if (!ID.test(id) || !FilenameSchema.safeParse(filename).success) return { status: 'not-found' };
      const expiresMs = Number(expires);
      if (!sameHex(signature, sign(secret, orgId, id, expiresMs, filename))) return { status: 'not-found' };
      if (expiresMs <= now.getTime()) return { status: 'expired' };
      const stored = await readFile(orgId, id);
      if (!stored || stored.header.filename !== filename) return { status: 'not-found' };
      if (stored.header.expiresAt.getTime() <= now.getTime()) return { status: 'expired' };
      return { status: 'ok', file: { filename, type: stored.header.type, body: stored.body } };
    },

    async purgeExpired(now) {
      let files = 0;
      const filter = odata`expiresAt le ${now}`;
      for await (const e of client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
        if (e.partitionKey === undefined || e.rowKey === undefined) continue;
        // another instance purging at the same time got there first
        await client.deleteEntity(e.partitionKey, e.rowKey).catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        });
        if (!e.rowKey.includes('~')) files++;
      }
      return files;
    },
  };
}
