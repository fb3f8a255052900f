import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Interval } from '../calendar/port.js';
import { InstantSchema } from '../domain/types.js';
import { RetryableError } from '../shared/jobs.js';
import { DocumentTable, type Versioned } from '../store/document-table.js';
import { isConflict } from '../store/retry.js';
import type { TableClientFactory } from '../store/tables.js';

export const SLOTS_TABLE = 'agendaslots';
const TICKET_MS = 3_000;

/**
 * A moment this deployment reserved in a mailbox's calendar, keyed by the booking's idempotency
 * key. Written before the event is created, so every instance counts it as busy even while
 * Graph's free/busy does not show the event yet (it lags behind creation).
 */
const ClaimSchema = z.object({
  key: z.string().min(1).max(200),
  start: InstantSchema,
  end: InstantSchema,
  /** The other mailboxes of the conversation (hashed, as the row keys): their time is taken too. */
  with: z.array(z.string().max(64)).max(50),
  /** Planned outside office hours (the urgent first nazorg), so a replan after a crash says so again. */
  outsideHours: z.boolean().optional(),
});
export type Claim = z.infer<typeof ClaimSchema>;

const LeaseSchema = z.object({ holder: z.string().max(100), until: InstantSchema });
const SlotRecordSchema = z.object({
  /** Who may plan in this calendar now, and until when (a holder that died stops counting then). */
  lease: LeaseSchema.optional(),
  /** Who waits for the lease: it goes to them next, so one busy instance cannot starve the other. */
  next: LeaseSchema.optional(),
  claims: z.array(ClaimSchema),
});
type SlotRecord = z.infer<typeof SlotRecordSchema>;

/** The row key of a mailbox: no address in a key, and no character Table Storage refuses. */
export function mailboxKey(mailbox: string): string {
  return createHash('sha256').update(mailbox.toLowerCase()).digest('hex').slice(0, 40);
}

/** What a planner decided under the leases: per mailbox, the claims to set (same key: replaced) or drop. */
export interface Reservation {
  set?: Array<{ mailbox: string; claim: Claim }>;
  drop?: Array<{ mailbox: string; key: string }>;
}

export interface LedgerOptions {
  /** The planning clock: reserved moments before it are forgotten. */
  now?: () => Date;
  /** How long a lease holds without its holder (a crashed instance). Planning inside takes milliseconds. */
  leaseMs?: number;
  /** How long to wait for a lease before the job is retried later. */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Serialises planning per mailbox, across instances, on Table Storage: one row per mailbox holds
 * a short lease and the moments this deployment reserved there. Whoever holds the lease plans
 * against Graph's free/busy plus those moments, writes its own moments and frees the lease in
 * one ETag-guarded write: if the lease was lost meanwhile (expired, taken), nothing is written
 * and planning starts again. Inside one instance a queue per mailbox keeps its own jobs from
 * polling the row against each other.
 */
export class SlotLedger {
  private readonly table: DocumentTable<SlotRecord>;
  private readonly holder = `ledger-${randomUUID()}`;
  private readonly local = new Map<string, Promise<void>>();
  /** The row as this instance last wrote it: while nobody else wrote since, taking the lease needs no read. */
  private readonly lastWritten = new Map<string, Versioned<SlotRecord>>();
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly waitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(tables: TableClientFactory, private readonly orgId: string, options: LedgerOptions = {}) {
    this.table = new DocumentTable(tables(SLOTS_TABLE), SlotRecordSchema);
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 15_000;
    this.waitMs = options.waitMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Runs `plan` holding the lease of every mailbox (taken in one global order, so two planners
   * never wait on each other crosswise), given each mailbox's reserved moments, and stores its
   * reservation. `plan` may run again after a lost lease, so it must not have side effects.
   */
  async reserve<T>(mailboxes: string[], plan: (claims: Map<string, Claim[]>) => { result: T; reservation: Reservation }): Promise<T> {
    const keys = [...new Set(mailboxes.map((m) => m.toLowerCase()))].sort();
    return this.locally(keys, async () => {
      for (;;) {
        const held = await this.acquireAll(keys);
        try {
          const { result, reservation } = plan(new Map(keys.map((k) => [k, held.get(k)?.value.claims ?? []])));
          if (await this.commit(keys, held, reservation)) return result;
        } catch (err) {
          await this.releaseAll(keys, held);
          throw err;
        }
      }
    });
  }

  /** Drops a reserved moment (a cancelled conversation), without waiting for a lease. */
  async drop(mailbox: string, key: string): Promise<void> {
    const rk = mailboxKey(mailbox);
    for (let attempt = 1; ; attempt++) {
      const row = await this.table.get(this.orgId, rk);
      if (!row?.value.claims.some((c) => c.key === key)) return;
      try {
        await this.table.update(this.orgId, rk, { ...row.value, claims: row.value.claims.filter((c) => c.key !== key) }, row.etag);
        return;
      } catch (err) {
        if (!isConflict(err) || attempt >= 10) throw err;
      }
    }
  }

  private async locally<T>(keys: string[], work: () => Promise<T>): Promise<T> {
    const before = keys.map((k) => this.local.get(k) ?? Promise.resolve());
    let done = (): void => undefined;
    const mine = new Promise<void>((resolve) => {
      done = resolve;
    });
    for (const k of keys) this.local.set(k, mine);
    try {
      await Promise.all(before);
      return await work();
    } finally {
      done();
      for (const k of keys) if (this.local.get(k) === mine) this.local.delete(k);
    }
  }

  private async acquireAll(keys: string[]): Promise<Map<string, Versioned<SlotRecord>>> {
    const held = new Map<string, Versioned<SlotRecord>>();
    try {
      for (const k of keys) held.set(k, await this.acquire(k));
    } catch (err) {
      await this.releaseAll(keys, held);
      throw err;
    }
    return held;
  }

  private async acquire(mailbox: string): Promise<Versioned<SlotRecord>> {
    const rk = mailboxKey(mailbox);
    const known = this.lastWritten.get(rk);
    if (known && !known.value.lease && !known.value.next) {
      const lease = { holder: this.holder, until: new Date(Date.now() + this.leaseMs).toISOString() };
      try {
        return this.remember(rk, await this.table.update(this.orgId, rk, { lease, claims: known.value.claims }, known.etag));
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
    const giveUp = Date.now() + this.waitMs;
    for (let pause = 10; ; pause = Math.min(pause * 2, 50)) {
      // leases run on the real clock, whatever the planning clock says: they are about live processes
      const now = Date.now();
      const live = (l: { holder: string; until: string } | undefined) => l !== undefined && new Date(l.until).getTime() > now;
      const row = await this.table.get(this.orgId, rk);
      const v = row?.value;
      const queuedForOther = live(v?.next) && v?.next?.holder !== this.holder;
      const mine = v?.lease?.holder === this.holder && live(v.lease);
      try {
        if (mine || (!live(v?.lease) && !queuedForOther)) {
          const lease = { holder: this.holder, until: new Date(now + this.leaseMs).toISOString() };
          const next = queuedForOther ? { next: v?.next } : {};
          return this.remember(rk, row
            ? await this.table.update(this.orgId, rk, { ...next, lease, claims: row.value.claims }, row.etag)
            : await this.table.create(this.orgId, rk, { lease, claims: [] }));
        }
        // a waiter that stops polling (gave up, died) holds the queue for a moment only
        if (row && !queuedForOther && (v?.next === undefined || new Date(v.next.until).getTime() - now < TICKET_MS / 2)) {
          await this.table.update(this.orgId, rk, { ...row.value, next: { holder: this.holder, until: new Date(now + TICKET_MS).toISOString() } }, row.etag);
        }
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
      if (Date.now() >= giveUp) throw new RetryableError('agenda-busy', { retryAfterMs: 1_000 });
      await this.sleep(pause / 2 + Math.random() * pause);
    }
  }

  private remember(rk: string, row: Versioned<SlotRecord>): Versioned<SlotRecord> {
    this.lastWritten.set(rk, row);
    return row;
  }

  /**
   * Writes the reservation and frees the leases: the changed rows first. False when a lease was
   * lost (taken over after it ran out): planning must start again, and finds what did land.
   */
  private async commit(keys: string[], held: Map<string, Versioned<SlotRecord>>, reservation: Reservation): Promise<boolean> {
    const now = this.now().getTime();
    for (const k of keys) {
      const row = held.get(k);
      if (!row) continue;
      const set = (reservation.set ?? []).filter((x) => x.mailbox.toLowerCase() === k).map((x) => x.claim);
      const drop = new Set([...(reservation.drop ?? []).filter((d) => d.mailbox.toLowerCase() === k).map((d) => d.key), ...set.map((c) => c.key)]);
      if (set.length === 0 && !row.value.claims.some((c) => drop.has(c.key))) continue;
      held.delete(k);
      // moments already past reserve nothing: the row stays as small as the calendar ahead
      const written = await this.writeHeld(k, row, (claims) => [...claims.filter((c) => !drop.has(c.key) && new Date(c.end).getTime() > now), ...set]);
      if (!written) {
        await this.releaseAll(keys, held);
        return false;
      }
    }
    await this.releaseAll(keys, held);
    return true;
  }

  private async releaseAll(keys: string[], held: Map<string, Versioned<SlotRecord>>): Promise<void> {
    for (const k of keys) {
      const row = held.get(k);
      if (!row) continue;
      held.delete(k);
      await this.writeHeld(k, row, (claims) => claims);
    }
  }

  /**
   * Frees the lease and writes the claims, under the ETag. A conflict while the lease is still ours
   * is a waiter queueing or a dropped moment, which leaves the plan valid: read again and write
   * again. False when the lease is someone else's now.
   */
  private async writeHeld(k: string, row: Versioned<SlotRecord>, claimsOf: (claims: Claim[]) => Claim[]): Promise<boolean> {
    const rk = mailboxKey(k);
    let current = row;
    for (let attempt = 1; attempt <= 10; attempt++) {
      const { next, claims } = current.value;
      try {
        this.remember(rk, await this.table.update(this.orgId, rk, { ...(next ? { next } : {}), claims: claimsOf(claims) }, current.etag));
        return true;
      } catch (err) {
        if (!isConflict(err)) throw err;
        const fresh = await this.table.get(this.orgId, rk);
        if (fresh?.value.lease?.holder !== this.holder) return false;
        current = fresh;
      }
    }
    return false;
  }
}

/** The reserved moments that take the time of these mailboxes (as organiser or as attendee). */
export function claimedBusy(claims: Map<string, Claim[]>, mailboxes: string[], exceptKeys: Set<string>): Interval[] {
  const wanted = new Set(mailboxes.map(mailboxKey));
  const out: Interval[] = [];
  for (const [owner, list] of claims) {
    const own = wanted.has(mailboxKey(owner));
    for (const c of list) {
      if (exceptKeys.has(c.key)) continue;
      if (own || c.with.some((w) => wanted.has(w))) out.push({ start: new Date(c.start), end: new Date(c.end) });
    }
  }
  return out;
}
