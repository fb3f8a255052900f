import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';

/**
 * A Bot Framework token issuer of our own: an RSA key, its OpenID metadata and key set served
 * on loopback, and tokens signed as the Bot Connector signs them. botbuilder's own validation
 * (JwtTokenValidation through ConfigurationBotFrameworkAuthentication) checks them against this
 * key set, so a test can send valid, expired, tampered and foreign tokens.
 */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenClaims {
  aud: string;
  serviceUrl: string;
  /** seconds from now; negative for an expired token */
  expiresIn?: number;
  iss?: string;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export class TestIssuer {
  readonly kid = randomUUID();
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private url = '';

  private constructor(private readonly server: Server) {
    ({ privateKey: this.privateKey, publicKey: this.publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 }));
  }

  static async start(): Promise<TestIssuer> {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body =
        path === '/openidconfiguration'
          ? { issuer: CHANNEL_ISSUER, jwks_uri: `${issuer.url}/keys` }
          : path === '/keys'
            ? { keys: [{ ...issuer.publicKey.export({ format: 'jwk' }), kid: issuer.kid, use: 'sig', endorsements: ['msteams'] }] }
            : undefined;
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
    const issuer = new TestIssuer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return issuer;
  }

  /** botbuilder's settings for the public cloud, with the channel's signing keys read from here. */
  sdkOptions(tenantId: string): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
    return {
      ToBotFromChannelOpenIdMetadataUrl: `${this.url}/openidconfiguration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.url}/openidconfiguration`,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      ToChannelFromBotLoginUrl: `https://login.microsoftonline.com/${tenantId}`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
    };
  }

  /** `Bearer <jwt>` signed with this issuer's key, or with `key` (a forger's) under this issuer's key id. */
  authorization(claims: TokenClaims, key: KeyObject = this.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const payload = base64url(
      JSON.stringify({
        iss: claims.iss ?? CHANNEL_ISSUER,
        aud: claims.aud,
        serviceurl: claims.serviceUrl,
        nbf: now - 60,
        iat: now - 60,
        exp: now + (claims.expiresIn ?? 3600),
      }),
    );
    const signature = base64url(sign('sha256', Buffer.from(`${header}.${payload}`), key));
    return `Bearer ${header}.${payload}.${signature}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A key nobody published: what a forger signs with. */
export function forgerKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
