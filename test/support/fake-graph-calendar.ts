import { DateTime } from 'luxon';
import { z } from 'zod';

/** The fake Graph's calendar (getSchedule, the checks of a run) and the shapes of its options. */

export const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
export const EventBody = z.looseObject({
  subject: z.string(),
  start: DateTimeTimeZone,
  end: DateTimeTimeZone,
  transactionId: z.string().optional(),
  attendees: z.array(z.object({ emailAddress: z.object({ address: z.string(), name: z.string().optional() }), type: z.string().optional() })).optional(),
});
const ScheduleBody = z.object({
  schedules: z.array(z.string()).min(1),
  startTime: DateTimeTimeZone,
  endTime: DateTimeTimeZone,
  availabilityViewInterval: z.number().int().min(5).max(1440).optional(),
});

export interface FakeEvent {
  id: string;
  mailbox: string;
  json: Record<string, unknown>;
  cancelled: boolean;
  cancelComment?: string;
  /** Date.now() at creation: free/busy shows it only after the configured lag. */
  createdAt: number;
}

export interface BusyBlock {
  mailbox: string;
  start: number;
  end: number;
  status: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Throttling on command: a share of the operations (top-level requests, or requests inside a $batch) get 429. */
export interface Throttle {
  /** 0..1: the share of matching operations answered 429. */
  share: number;
  retryAfterSeconds?: number;
  /** 'top': whole requests ($batch and getSchedule too); 'batch': single requests inside a $batch; default both. */
  where?: 'top' | 'batch' | 'both';
}

export interface FakeGraphOptions {
  /** 127.0.0.1 port; 0 (default) takes a free one. */
  port?: number;
  /** Free/busy shows a new event only this long after its creation, as Exchange's lags behind. */
  freeBusyLagMs?: number;
  /** Seed of the throttling's choice, so a run can be repeated. */
  seed?: number;
}

/** What a run left in the fake calendar and how it was asked: what the bench prints and checks. */
export interface FakeGraphStats {
  requests: number;
  getSchedule: number;
  batches: number;
  creates: number;
  throttled: number;
  events: number;
  /** transactionIds held by more than one live event (in any mailbox): a conversation booked twice. */
  duplicates: number;
  /** Pairs of live events overlapping in one calendar. */
  overlaps: number;
}

export const ThrottleSchema = z.object({
  share: z.number().min(0).max(1),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  where: z.enum(['top', 'batch', 'both']).optional(),
});

const ZONES: Record<string, string> = { 'UTC': 'utc', 'W. Europe Standard Time': 'Europe/Amsterdam', 'Europe/Amsterdam': 'Europe/Amsterdam' };
/** Exchange refuses a longer window: ErrorTimeIntervalTooBig, "The allowed limit = 62 days". */
const MAX_SCHEDULE_MS = 62 * 24 * 3_600_000;

export function instant(v: z.infer<typeof DateTimeTimeZone>): number | undefined {
  const zone = ZONES[v.timeZone];
  if (!zone) return undefined;
  const d = DateTime.fromISO(v.dateTime, { zone });
  return d.isValid ? d.toMillis() : undefined;
}

function graphUtc(ms: number): { dateTime: string; timeZone: string } {
  return { dateTime: new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.0000000'), timeZone: 'UTC' };
}

export function error(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: { error: { code, message } } };
}

export function json(status: number, body: unknown): Reply {
  return { status, headers: { 'Content-Type': 'application/json' }, body };
}

export function spanOf(e: FakeEvent): { start: number; end: number } | undefined {
  const parsed = EventBody.safeParse(e.json);
  if (!parsed.success) return undefined;
  const start = instant(parsed.data.start);
  const end = instant(parsed.data.end);
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** Whether the event takes this mailbox's time: its organiser's calendar, or an attendee's. */
export function involves(e: FakeEvent, mailbox: string): boolean {
  const attendees = EventBody.safeParse(e.json).data?.attendees ?? [];
  return e.mailbox === mailbox || attendees.some((a) => a.emailAddress.address.toLowerCase() === mailbox);
}

/** getSchedule over the fake calendar: events created less than `lagMs` ago are not shown yet. */
export function schedule(body: unknown, events: FakeEvent[], busy: BusyBlock[], lagMs: number): Reply {
  const parsed = ScheduleBody.safeParse(body);
  if (!parsed.success) return error(400, 'ErrorInvalidRequest', 'Invalid getSchedule request.');
  const from = instant(parsed.data.startTime);
  const to = instant(parsed.data.endTime);
  if (from === undefined || to === undefined || to <= from) return error(400, 'ErrorInvalidRequest', 'Invalid time window.');
  if (to - from > MAX_SCHEDULE_MS) {
    return error(400, 'ErrorTimeIntervalTooBig', 'The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = 62 days.');
  }
  const step = (parsed.data.availabilityViewInterval ?? 30) * 60_000;
  const visibleBefore = Date.now() - lagMs;
  const value = parsed.data.schedules.map((scheduleId) => {
    const who = scheduleId.toLowerCase();
    const items: Array<{ start: number; end: number; status: string; isPrivate: boolean }> = [];
    for (const b of busy) if (b.mailbox === who) items.push({ ...b, isPrivate: false });
    for (const e of events) {
      if (e.cancelled || (lagMs > 0 && e.createdAt > visibleBefore)) continue;
      const span = spanOf(e);
      if (span && involves(e, who)) {
        items.push({ ...span, status: 'busy', isPrivate: e.json['sensitivity'] === 'private' });
      }
    }
    const inside = items.filter((i) => i.start < to && i.end > from).sort((a, b) => a.start - b.start);
    let view = '';
    for (let t = from; t < to; t += step) {
      view += inside.some((i) => i.start < t + step && i.end > t && i.status !== 'free') ? '2' : '0';
    }
    return {
      scheduleId,
      availabilityView: view,
      scheduleItems: inside.map((i) => ({ isPrivate: i.isPrivate, status: i.status, start: graphUtc(i.start), end: graphUtc(i.end) })),
      workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'W. Europe Standard Time' } },
    };
  });
  return json(200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value });
}

/** Pairs of live events that overlap in one mailbox's calendar (as organiser or attendee). */
export function overlappingPairs(events: FakeEvent[], mailbox?: string): Array<{ mailbox: string; a: string; b: string }> {
  const live = events.filter((e) => !e.cancelled);
  const mailboxes = mailbox ? [mailbox.toLowerCase()] : [...new Set(live.map((e) => e.mailbox))];
  const out: Array<{ mailbox: string; a: string; b: string }> = [];
  for (const who of mailboxes) {
    const mine = live.filter((e) => involves(e, who)).map((e) => ({ id: e.id, span: spanOf(e) }));
    for (let i = 0; i < mine.length; i++) {
      for (let j = i + 1; j < mine.length; j++) {
        const a = mine[i]?.span;
        const b = mine[j]?.span;
        if (a && b && a.start < b.end && b.start < a.end) out.push({ mailbox: who, a: mine[i]?.id ?? '', b: mine[j]?.id ?? '' });
      }
    }
  }
  return out;
}
