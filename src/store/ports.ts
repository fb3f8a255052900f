import type { z } from 'zod';
import type { Incident } from '../domain/incident-schema.js';
import type { FunctionarisRole } from '../domain/types.js';
import type { Versioned } from './document-table.js';
import type { AuditEntry, ChannelLink } from './schemas.js';

/**
 * The storage ports. Flows depend on these interfaces only; the Table Storage implementations
 * live beside them. Every write that can race takes the ETag of the read it is based on and
 * throws ConflictError when that read is stale: the caller reloads and decides again.
 */
export type { Versioned } from './document-table.js';

export interface IncidentRepository {
  /** AlreadyExistsError when the id is taken. */
  create(incident: Incident): Promise<Versioned<Incident>>;
  get(orgId: string, id: string): Promise<Versioned<Incident> | undefined>;
  /** ConflictError when the stored incident changed since `etag`. */
  update(incident: Incident, etag: string): Promise<Versioned<Incident>>;
  /** Meldingen this person reported, newest first. */
  listByMelder(orgId: string, aadObjectId: string): Promise<Versioned<Incident>[]>;
  /** All meldingen of the organisation, newest first. */
  listByOrganisation(orgId: string): Promise<Versioned<Incident>[]>;
  /** How many stored meldingen name this pleger (see plegerKeyOf): first or repeated incident. */
  countByPlegerKey(orgId: string, plegerKey: string): Promise<number>;
  /** The stored meldingen that name this pleger, newest first. */
  listByPlegerKey(orgId: string, plegerKey: string): Promise<Versioned<Incident>[]>;
}

/** One open draft per person; T is the melding flow's draft shape. */
export interface DraftRepository<T> {
  get(orgId: string, aadObjectId: string): Promise<Versioned<T> | undefined>;
  /** Without etag: create or overwrite. With etag: ConflictError unless unchanged since that read. */
  save(orgId: string, aadObjectId: string, draft: T, etag?: string): Promise<Versioned<T>>;
  /** Idempotent: deleting a missing draft is fine. With etag: ConflictError if it changed. */
  delete(orgId: string, aadObjectId: string, etag?: string): Promise<void>;
}

/** Append-only by construction: there is no way to change or remove an entry. */
export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** One incident's history, oldest first. */
  list(orgId: string, incidentId: string): Promise<AuditEntry[]>;
}

export interface ChannelLinkRepository {
  /** Links (or relinks) the role's channel; the latest link wins. */
  link(link: ChannelLink): Promise<Versioned<ChannelLink>>;
  get(orgId: string, role: FunctionarisRole): Promise<Versioned<ChannelLink> | undefined>;
  /** Replaces the link only if unchanged since read (ETag): a recheck never undoes a newer `koppel`. */
  update(link: ChannelLink, etag: string): Promise<Versioned<ChannelLink>>;
  list(orgId: string): Promise<ChannelLink[]>;
  /** Returns false when the role had no link. */
  unlink(orgId: string, role: FunctionarisRole): Promise<boolean>;
}

export interface CounterRepository {
  /** The next readable melding number of the organisation in that year: 1, 2, 3, ... without gaps or repeats. */
  next(orgId: string, year: number): Promise<number>;
}

export interface Store {
  incidents: IncidentRepository;
  audit: AuditRepository;
  channelLinks: ChannelLinkRepository;
  counters: CounterRepository;
  drafts<T>(schema: z.ZodType<T>): DraftRepository<T>;
}
