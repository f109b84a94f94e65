import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AppCredentials, type AuthenticatorResult } from 'botframework-connector';

/**
 * Bot Framework authentication, offline: RSA signing keys, RS256 tokens as the Bot Connector
 * service signs them, an OpenID metadata server that publishes the keys (what
 * ToBotFromChannelOpenIdMetadataUrl points at), and outbound credentials with a fixed token.
 */

/** The issuer botbuilder expects of channel tokens unless ToBotFromChannelTokenIssuer says otherwise. */
export const botFrameworkIssuer = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** The public half as a JWK (kty, n, e), as a key set lists it. */
  jwk: { kty: string; n: string; e: string };
}

export function createSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { kty, n, e } = publicKey.export({ format: 'jwk' });
  if (!kty || !n || !e) throw new Error('node:crypto exported an RSA public key without n or e');
  return { kid, privateKey, jwk: { kty, n, e } };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * A compact JWS: RS256 with `kid` in the header, signed by `key`. `header` overrides fields of the
 * header (another kid, `alg: 'none'`, which leaves the signature empty).
 */
export function signToken(
  claims: Record<string, unknown>,
  key: SigningKey,
  header: Record<string, unknown> = {},
): string {
  const fullHeader = { alg: 'RS256', typ: 'JWT', kid: key.kid, ...header };
  const input = `${base64url(JSON.stringify(fullHeader))}.${base64url(JSON.stringify(claims))}`;
  if (fullHeader.alg === 'none') return `${input}.`;
  return `${input}.${base64url(sign('sha256', Buffer.from(input), key.privateKey))}`;
}

/**
 * The claims of a token the Bot Connector service sends with an activity: issuer, audience (the
 * bot's app id), the activity's serviceUrl, and a validity window around now.
 */
export function channelClaims(options: {
  appId: string;
  serviceUrl: string;
  issuer?: string;
  /** Seconds from now; negative for the past. */
  notBeforeInSeconds?: number;
  expiresInSeconds?: number;
}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: options.issuer ?? botFrameworkIssuer,
    aud: options.appId,
    serviceurl: options.serviceUrl,
    iat: now + (options.notBeforeInSeconds ?? -60),
    nbf: now + (options.notBeforeInSeconds ?? -60),
    exp: now + (options.expiresInSeconds ?? 3600),
  };
}

export interface OpenIdServer {
  /** The channel's OpenID metadata (ToBotFromChannelOpenIdMetadataUrl). */
  channelMetadataUrl: string;
  /** The emulator's (ToBotFromEmulatorOpenIdMetadataUrl): an empty key set, so that path always refuses. */
  emulatorMetadataUrl: string;
  /** Metadata that answers 503, as an identity provider in trouble does. */
  unavailableMetadataUrl: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  stop(): Promise<void>;
}

/**
 * Serves OpenID metadata and a JWKS with `keys` for the channel, each with its endorsements (the
 * channels it may sign for; Bot Framework's keys list them). botbuilder caches a key set per
 * metadata URL for the whole process and refreshes at most hourly: the keys are fixed at start.
 */
export async function startOpenIdServer(
  keys: { key: SigningKey; endorsements?: string[] }[],
): Promise<OpenIdServer> {
  const requests: string[] = [];
  let base = '';
  const documents: Record<string, (() => unknown) | undefined> = {
    '/channel/.well-known/openid-configuration': () => ({
      issuer: botFrameworkIssuer,
      jwks_uri: `${base}/channel/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
    }),
    '/channel/keys': () => ({
      keys: keys.map(({ key, endorsements }) => ({
        ...key.jwk,
        use: 'sig',
        kid: key.kid,
        ...(endorsements ? { endorsements } : {}),
      })),
    }),
    '/emulator/.well-known/openid-configuration': () => ({ jwks_uri: `${base}/emulator/keys` }),
    '/emulator/keys': () => ({ keys: [] }),
  };
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '';
    requests.push(path);
    const document = documents[path];
    if (path.startsWith('/unavailable/')) {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'temporarily unavailable' }));
      return;
    }
    response.writeHead(document ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(document ? document() : { error: `no document at ${path}` }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    channelMetadataUrl: `${base}/channel/.well-known/openid-configuration`,
    emulatorMetadataUrl: `${base}/emulator/.well-known/openid-configuration`,
    unavailableMetadataUrl: `${base}/unavailable/.well-known/openid-configuration`,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** The bearer token FixedTokenCredentialsFactory signs every outbound call with. */
export const outboundTestToken = 'outbound-test-token';

/**
 * Outbound credentials that skip Entra: AppCredentials' own caching and request signing, with a
 * token that is always `token` instead of one from the login endpoint.
 */
class FixedTokenAppCredentials extends AppCredentials {
  constructor(
    appId: string,
    oAuthScope: string,
    private readonly token: string,
  ) {
    super(appId, undefined, oAuthScope);
  }

  protected override async refreshToken(): Promise<AuthenticatorResult> {
    return { accessToken: this.token, expiresOn: new Date(Date.now() + 3_600_000) };
  }
}

/**
 * botbuilder's own credentials factory for the bot's settings (app type, tenant, the MSI and
 * password rules, and above all `isValidAppId`, which inbound validation checks the token's
 * audience with), except that outbound credentials carry a fixed token: offline there is no Entra.
 */
export class FixedTokenCredentialsFactory extends ConfigurationServiceClientCredentialFactory {
  constructor(
    settings: {
      MicrosoftAppId: string;
      MicrosoftAppPassword?: string;
      MicrosoftAppType: string;
      MicrosoftAppTenantId?: string;
    },
    private readonly token: string = outboundTestToken,
  ) {
    super(settings);
  }

  override async createCredentials(appId: string, audience: string): Promise<FixedTokenAppCredentials> {
    if (!(await this.isValidAppId(appId))) throw new Error(`Invalid appId ${appId}.`);
    return new FixedTokenAppCredentials(appId, audience, this.token);
  }
}
