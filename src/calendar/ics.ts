import { htmlToPlainText } from '../shared/html.js';
import type { CalendarEvent } from './port.js';

/** One VEVENT with what iCalendar needs beyond the event itself. */
export interface IcsEntry {
  uid: string;
  /** Bumped on every change, so clients replace their copy instead of adding one. */
  sequence: number;
  cancelled: boolean;
  dtstamp: Date;
  organiser: string;
  event: CalendarEvent;
}

const CRLF = '\r\n';
const PRODID = '-//Weerbaar//Agenda//NL';
const ONLINE_LOCATION = 'Online (Microsoft Teams)';

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value cannot hold a DQUOTE at all (RFC 5545 §3.1), so it is dropped. */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

export function formatUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function veventLines(entry: IcsEntry): string[] {
  const { event } = entry;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(entry.uid)}`,
    `DTSTAMP:${formatUtc(entry.dtstamp)}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DTEND:${formatUtc(event.end)}`,
    `SEQUENCE:${entry.sequence}`,
    `STATUS:${entry.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(event.subject)}`,
    'CLASS:PRIVATE',
    'TRANSP:OPAQUE',
    `ORGANIZER:mailto:${entry.organiser}`,
  ];
  const location = event.location ?? (event.online ? ONLINE_LOCATION : undefined);
  if (location) lines.push(`LOCATION:${escapeText(location)}`);
  const description = htmlToPlainText(event.bodyHtml);
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  for (const a of event.attendees) {
    lines.push(`ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:${a.email}`);
  }
  lines.push('END:VEVENT');
  return lines;
}

/**
 * A whole iCalendar object. Times are UTC ('Z'): every client shows them in its
 * own zone, and no VTIMEZONE can get out of step with the Dutch DST rules.
 */
export function renderCalendar(entries: IcsEntry[], calendarName = 'Weerbaar'): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(calendarName)}`,
    ...entries.flatMap(veventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** An .ics with one appointment, e.g. to enclose with a letter to the pleger. */
export function toIcsSingle(event: CalendarEvent, meta: { uid: string; organiser: string; dtstamp: Date; sequence?: number }): string {
  return renderCalendar([{ ...meta, sequence: meta.sequence ?? 0, cancelled: false, event }], 'Afspraak');
}
