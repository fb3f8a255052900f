import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { initialize, type InitializeOptions, type Weerbaar } from '../../src/initialize.js';
import { createLogger } from '../../src/logger.js';

/**
 * A tiny Teams over HTTP: a fake Bot Connector (the `serviceUrl` the bot replies to) and a client
 * that posts activities to the bot's /api/messages as the Teams channel does. Only loopback traffic.
 */

export interface TeamsUser {
  /** Teams user id (29:...) */
  id: string;
  name: string;
  /** Entra object id: the identity the bot trusts */
  aadObjectId: string;
}

export interface RecordedActivity {
  conversationId: string;
  /** set for a reply (POST .../activities/{replyToId}) */
  replyToId?: string;
  activity: Record<string, unknown>;
}

export const BOT_ACCOUNT = { id: '28:weerbaar-bot', name: 'Weerbaar' } as const;
const CARD = 'application/vnd.microsoft.card.adaptive';

/** Records what the bot sends to the connector and answers as the real one does (200/201 with an id). */
export class FakeConnector {
  readonly activities: RecordedActivity[] = [];
  private nextId = 1;
  private url = '';
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://fake').pathname;
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
        if (req.method !== 'POST' || !m?.[1]) {
          res.writeHead(404).end();
          return;
        }
        let activity: Record<string, unknown>;
        try {
          activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          res.writeHead(400).end();
          return;
        }
        const replyToId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
        this.activities.push({ conversationId: decodeURIComponent(m[1]), ...(replyToId ? { replyToId } : {}), activity });
        res.writeHead(replyToId ? 200 : 201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.nextId++}` }));
      });
    });
  }

  static async start(): Promise<FakeConnector> {
    const fake = new FakeConnector();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/`;
    return fake;
  }

  get serviceUrl(): string {
    return this.url;
  }

  /** Adaptive cards the bot posted into a conversation, oldest first. */
  cards(conversationId?: string): Record<string, unknown>[] {
    return this.activities
      .filter((a) => conversationId === undefined || a.conversationId === conversationId)
      .flatMap((a) => (Array.isArray(a.activity['attachments']) ? (a.activity['attachments'] as unknown[]) : []))
      .flatMap((att) => {
        const o = att as Record<string, unknown>;
        return o['contentType'] === CARD && o['content'] && typeof o['content'] === 'object' ? [o['content'] as Record<string, unknown>] : [];
      });
  }

  clear(): void {
    this.activities.splice(0);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface HttpReply {
  status: number;
  /** parsed JSON when the body was JSON, else the text ('' when empty) */
  body: unknown;
}

export interface InvokeReply extends HttpReply {
  /** the card that replaces the clicked card, when the bot answered with one */
  card?: Record<string, unknown>;
}

export function personalConversationId(user: TeamsUser): string {
  return `a:personal-${user.id}`;
}

/** Posts activities to the bot as the Teams channel would, in the user's personal chat. */
export class TeamsClient {
  private seq = 0;

  constructor(
    private readonly opts: {
      /** http://127.0.0.1:<port> of the bot */
      botUrl: string;
      serviceUrl: string;
      /** keep-alive agent: Teams keeps connections open too */
      agent?: Agent;
      /** a loopback source address (127.0.0.x), so many simulated clients are many clients */
      localAddress?: string;
      /** name each turn in an `X-Bench-Turn` header (the verb, or `bericht`): the bench's probe counts by it */
      tagTurns?: boolean;
    },
  ) {}

  private base(user: TeamsUser): Record<string, unknown> {
    const id = `act-${Date.now()}-${++this.seq}`;
    return {
      id,
      channelId: 'msteams',
      serviceUrl: this.opts.serviceUrl,
      timestamp: new Date().toISOString(),
      localTimezone: 'Europe/Amsterdam',
      locale: 'nl-NL',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { ...BOT_ACCOUNT },
      conversation: { id: personalConversationId(user), conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
    };
  }

  message(user: TeamsUser, text: string): Promise<HttpReply> {
    return this.post({ ...this.base(user), type: 'message', text, textFormat: 'plain' }, 'bericht');
  }

  installationUpdate(user: TeamsUser): Promise<HttpReply> {
    return this.post({ ...this.base(user), type: 'installationUpdate', action: 'add' });
  }

  /** An Action.Execute click: the card that replaces the clicked one comes back in the HTTP response. */
  async invoke(user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<InvokeReply> {
    const reply = await this.post({
      ...this.base(user),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }, verb);
    const body = reply.body as { type?: unknown; value?: unknown } | undefined;
    const card = body && body.type === CARD && body.value && typeof body.value === 'object' ? (body.value as Record<string, unknown>) : undefined;
    return { ...reply, ...(card ? { card } : {}) };
  }

  post(activity: Record<string, unknown>, label?: string): Promise<HttpReply> {
    return this.raw(JSON.stringify(activity), label);
  }

  /** Any body, as bytes: for oversized or malformed requests. */
  raw(body: string | Buffer, label?: string): Promise<HttpReply> {
    const url = new URL('/api/messages', this.opts.botUrl);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            ...(label !== undefined && this.opts.tagTurns ? { 'X-Bench-Turn': label } : {}),
          },
          ...(this.opts.agent ? { agent: this.opts.agent } : {}),
          ...(this.opts.localAddress ? { localAddress: this.opts.localAddress } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            if (text !== '' && (res.headers['content-type'] ?? '').includes('json')) {
              try {
                parsed = JSON.parse(text) as unknown;
              } catch {
                parsed = text;
              }
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

export interface HttpBot {
  weerbaar: Weerbaar;
  /** http://127.0.0.1:<port> */
  url: string;
  /** stops the worker and closes the HTTP server, as a process shutdown does */
  stop(): Promise<void>;
}

/** The real bot (initialize) listening on 127.0.0.1, port 0, anonymous auth, on the given storage. */
export async function startHttpBot(connectionString: string, env: Record<string, string> = {}, options: InitializeOptions = {}): Promise<HttpBot> {
  const config = loadConfig({ STORAGE_CONNECTION_STRING: connectionString, PORT: '0', LOG_LEVEL: 'silent', ...env });
  const weerbaar = await initialize(config, createLogger('silent'), options);
  const { server } = weerbaar.server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await weerbaar.start();
  return {
    weerbaar,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await weerbaar.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
