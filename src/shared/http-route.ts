import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The HTTP port: a route that a module below the bot offers (the agenda's .ics feeds, the
 * privacy pages) and that src/bot/server.ts serves beside /api/messages. Here, below them all,
 * so that neither has to import the server.
 */
export interface HttpRoute {
  method: 'GET' | 'POST';
  /** exact path, or a prefix ending in '/' */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void>;
}
