import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CalendarEvent, CalendarEventPatch, Interval } from './port.js';
import { ZONE } from '../domain/calendar.js';

/** Exchange's name for Europe/Amsterdam, so Outlook shows the event in Dutch time. */
export const GRAPH_TIME_ZONE = 'W. Europe Standard Time';

/**
 * Graph drops a create whose transactionId it has seen for that calendar and
 * returns the existing event. A GUID-shaped hash of the idempotency key keeps it
 * stable across retries and free of anything the key might contain.
 */
export function transactionIdFor(idempotencyKey: string): string {
  const h = createHash('sha256').update(idempotencyKey).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function dateTimeTimeZone(d: Date): { dateTime: string; timeZone: string } {
  return { dateTime: DateTime.fromJSDate(d, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: GRAPH_TIME_ZONE };
}

export function graphUtc(d: Date): { dateTime: string; timeZone: string } {
  return { dateTime: d.toISOString().replace(/Z$/, ''), timeZone: 'UTC' };
}

export function toGraphPatch(patch: CalendarEventPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (patch.subject !== undefined) out['subject'] = patch.subject;
  if (patch.bodyHtml !== undefined) out['body'] = { contentType: 'HTML', content: patch.bodyHtml };
  if (patch.start !== undefined) out['start'] = dateTimeTimeZone(patch.start);
  if (patch.end !== undefined) out['end'] = dateTimeTimeZone(patch.end);
  if (patch.attendees !== undefined) {
    out['attendees'] = patch.attendees.map((a) => ({ emailAddress: { address: a.email, name: a.name }, type: 'required' }));
  }
  if (patch.location !== undefined) out['location'] = { displayName: patch.location };
  if (patch.online !== undefined) {
    out['isOnlineMeeting'] = patch.online;
    if (patch.online) out['onlineMeetingProvider'] = 'teamsForBusiness';
  }
  return out;
}

export function toGraphEvent(event: CalendarEvent, idempotencyKey: string): Record<string, unknown> {
  return {
    ...toGraphPatch(event),
    sensitivity: 'private',
    transactionId: transactionIdFor(idempotencyKey),
  };
}

export const CreatedEventSchema = z.looseObject({ id: z.string().min(1) });

const GraphDateTime = z.object({ dateTime: z.string(), timeZone: z.string() });
export const ScheduleResponseSchema = z.object({
  value: z.array(z.looseObject({
    scheduleId: z.string(),
    availabilityView: z.string().optional(),
    scheduleItems: z.array(z.looseObject({ status: z.string(), start: GraphDateTime, end: GraphDateTime })).optional(),
    error: z.looseObject({ responseCode: z.string().optional() }).nullish(),
  })),
});
export type ScheduleInformation = z.infer<typeof ScheduleResponseSchema>['value'][number];

/** We ask for UTC (Prefer: outlook.timezone="UTC"); anything else is a surprise worth failing on. */
function parseGraphTime(v: z.infer<typeof GraphDateTime>): Date {
  const zone = v.timeZone === 'UTC' ? 'utc' : v.timeZone === GRAPH_TIME_ZONE ? ZONE : v.timeZone;
  const d = DateTime.fromISO(v.dateTime, { zone });
  if (!d.isValid) throw new RangeError('unreadable time in getSchedule response');
  return d.toJSDate();
}

const FREE = new Set(['free', 'workingElsewhere']);

/** Tentative and unknown count as busy: better a later slot than a double booking. */
export function busyFromSchedule(info: ScheduleInformation, window: Interval, intervalMinutes: number): Interval[] {
  if (info.scheduleItems) {
    return info.scheduleItems
      .filter((i) => !FREE.has(i.status))
      .map((i) => ({ start: parseGraphTime(i.start), end: parseGraphTime(i.end) }));
  }
  const busy: Interval[] = [];
  const step = intervalMinutes * 60_000;
  [...(info.availabilityView ?? '')].forEach((ch, i) => {
    if (ch === '0') return;
    const start = window.start.getTime() + i * step;
    busy.push({ start: new Date(start), end: new Date(Math.min(start + step, window.end.getTime())) });
  });
  return busy;
}
