import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalCalendar } from '../calendar/local.js';
import type { PeopleDirectory } from '../people/directory.js';
import type { HttpRoute } from '../shared/http-route.js';

export const FEED_PATH = '/calendar/';

/**
 * The feed address of a person: an HMAC of the address with the deployment's secret, so the
 * URL never shows the address and nobody without the secret can compute another person's feed.
 */
export function feedToken(secret: string, email: string): string {
  return createHmac('sha256', secret).update(email.trim().toLowerCase()).digest('hex');
}

export function feedUrl(publicUrl: string, secret: string, email: string): string {
  return `${publicUrl.replace(/\/$/, '')}${FEED_PATH}${feedToken(secret, email)}.ics`;
}

const TOKEN_PATH = /^\/calendar\/([0-9a-f]{64})\.ics$/;

/**
 * GET /calendar/<token>.ics: the person's calendar from the local store. Tokens are looked up
 * among the people the bot knows; anything else is a plain 404 that tells nothing.
 */
export function feedRoute(calendar: LocalCalendar, people: PeopleDirectory, secret: string): HttpRoute {
  const byToken = new Map<string, string>();
  for (const p of people.people) if (p.email) byToken.set(feedToken(secret, p.email), p.email);
  return {
    method: 'GET',
    path: FEED_PATH,
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const email = byToken.get(TOKEN_PATH.exec(path)?.[1] ?? '');
      if (email === undefined) {
        res.writeHead(404).end();
        return;
      }
      const ics = await calendar.toIcs(email);
      res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="weerbaar.ics"' }).end(ics);
    },
  };
}
