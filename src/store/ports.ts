import type { z } from 'zod';
import type { Incident } from '../domain/incident-schema.js';
import type { FunctionarisRole } from '../domain/types.js';
import type { Versioned } from './document-table.js';
import type { PlegerIndex } from './pleger-index.js';
import type { ReportProjection } from './report-projection.js';
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
  /** The meldingen still open (OPEN_STATES), newest first: the closed ones of earlier years are not read. */
  listOpen(orgId: string): Promise<Versioned<Incident>[]>;
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

/** A melding as submitted, before it has its readable number. */
export type UnnumberedIncident = Omit<Incident, 'number'>;

/**
 * `created`: this call stored it; `joined`: another call of this process is storing the same id
 * (a second press) and this one waited for it; `existing`: it was stored before (by another
 * instance, or by one that stopped before it finished the turn).
 */
export type FilingOutcome = 'created' | 'joined' | 'existing';

export interface Filed {
  incident: Versioned<Incident>;
  outcome: FilingOutcome;
}

export interface CounterRepository {
  /**
   * Stores a new melding with the organisation's next readable number of `year` in one atomic
   * write: a number is used only by a stored melding and a melding is stored only with its number,
   * so the numbers run 1, 2, 3, ... without gaps or repeats, whatever fails or crashes. The same
   * id filed twice is stored once: the second call gets the stored melding.
   */
  file(incident: UnnumberedIncident, year: number): Promise<Filed>;
}

export interface Store {
  incidents: IncidentRepository;
  audit: AuditRepository;
  channelLinks: ChannelLinkRepository;
  counters: CounterRepository;
  /** the yearly report's compact rows, one per melding (report-projection.ts) */
  reports: ReportProjection;
  /** the meldingen by what identifies their pleger, one row per key (pleger-index.ts) */
  plegers: PlegerIndex;
  drafts<T>(schema: z.ZodType<T>): DraftRepository<T>;
}
