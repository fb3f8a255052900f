import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toIcsSingle } from '../calendar/ics.js';
import type { HttpRoute } from '../shared/http-route.js';
import { eventOf } from './booker.js';
import type { BookingRepository } from './bookings.js';

export const GESPREK_PATH = '/calendar/gesprek/';
export const GESPREK_KINDS = ['incidentgesprek', 'herstelgesprek'] as const;
export type GesprekKind = (typeof GESPREK_KINDS)[number];

/** Bound to the organisation, the melding and the kind: nobody without the secret can make another one. */
export function gesprekToken(secret: string, orgId: string, incidentId: string, kind: GesprekKind): string {
  return createHmac('sha256', secret).update(`gesprek:${orgId}:${incidentId}:${kind}`).digest('hex');
}

export function gesprekUrl(publicUrl: string, secret: string, orgId: string, incidentId: string, kind: GesprekKind): string {
  return `${publicUrl.replace(/\/$/, '')}${GESPREK_PATH}${incidentId}.${kind}.${gesprekToken(secret, orgId, incidentId, kind)}.ics`;
}

const TOKEN_PATH = /^\/calendar\/gesprek\/([0-9a-f-]{36})\.(incidentgesprek|herstelgesprek)\.([0-9a-f]{64})\.ics$/;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * GET /calendar/gesprek/<incident>.<kind>.<token>.ics: the one appointment, for the handler to
 * enclose with a letter to the pleger (who is outside the organisation). Only the organiser and
 * the moment and place: no other attendees, nothing of the melding. Anything else is a bare 404.
 */
export function gesprekRoute(bookings: BookingRepository, orgId: string, secret: string): HttpRoute {
  return {
    method: 'GET',
    path: GESPREK_PATH,
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const m = TOKEN_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
      const [incidentId, kind, token] = [m?.[1], m?.[2], m?.[3]];
      const valid = incidentId !== undefined && (kind === 'incidentgesprek' || kind === 'herstelgesprek') && token !== undefined
        && sameToken(token, gesprekToken(secret, orgId, incidentId, kind));
      const item = valid ? (await bookings.get(orgId, incidentId))?.items.find((i) => i.kind === kind) : undefined;
      if (!item || item.status !== 'geboekt' || item.eventId === undefined) {
        res.writeHead(404).end();
        return;
      }
      const ics = toIcsSingle({ ...eventOf(item), attendees: [] }, {
        uid: `${item.eventId}@weerbaar`, organiser: item.organiser, dtstamp: new Date(item.updatedAt), sequence: item.sequence ?? 0,
      });
      res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="afspraak.ics"' }).end(ics);
    },
  };
}
