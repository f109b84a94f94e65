import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { AuditEntry } from '../../src/store/store-port.js';
import {
  channelClaims,
  createSigningKey,
  FixedTokenCredentialsFactory,
  type OpenIdServer,
  outboundTestToken,
  type SigningKey,
  signToken,
  startOpenIdServer,
} from '../support/bot-framework-tokens.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import {
  cardOf,
  channelId,
  channelMessage,
  executeInvoke,
  fromUser,
  nextActivityId,
  tenantId,
} from '../support/teams-activities.js';

/**
 * With MicrosoftAppId set, every POST /api/messages must carry a Bot Framework JWT that
 * botbuilder's real validation accepts: signed by a key of the channel's OpenID metadata
 * (endorsed for msteams), issuer, audience = app id, `serviceurl` = the activity's, not expired.
 * The metadata is served locally and tokens are signed here, so nothing reaches the internet.
 */

const appId = '6c0d5a3e-0000-4000-8000-00000000b07a';
const otherAppId = '6c0d5a3e-0000-4000-8000-0000000e7117';
const botTenant = '00000000-0000-0000-0000-00000000aaaa';

const teamsKey = createSigningKey('teams-2026');
/** Same kid as the published key, another private key: a forged signature. */
const forger = createSigningKey('teams-2026');
/** Published, but endorsed for other channels only. */
const webChatKey = createSigningKey('webchat-2026');
/** Never published. */
const unlistedKey = createSigningKey('unlisted-2026');

type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

interface AuthSettings {
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppTenantId: string;
  MicrosoftAppType: AppType;
  ToBotFromChannelTokenIssuer?: string;
}

/** A test bot with authentication on, validating against `idp`, answering with a fixed outbound token. */
async function startAuthBot(
  idp: OpenIdServer,
  settings: AuthSettings,
  channelMetadataUrl = idp.channelMetadataUrl,
): Promise<AuthBot> {
  const env: Record<string, string> = {
    ...settings,
    ToBotFromChannelOpenIdMetadataUrl: channelMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: idp.emulatorMetadataUrl,
  };
  const bot = await startTestBot(env, {
    botFrameworkCredentials: new FixedTokenCredentialsFactory(settings),
  });
  return new AuthBot(bot, settings.ToBotFromChannelTokenIssuer);
}

class AuthBot {
  constructor(
    readonly bot: TestBot,
    private readonly issuer: string | undefined,
  ) {}

  get serviceUrl(): string {
    return this.bot.connector.url;
  }

  /** `Bearer <token>` for this bot, signed by `key`, with `claims` changing the valid ones. */
  bearer(claims: Record<string, unknown> = {}, key: SigningKey = teamsKey, header = {}): string {
    const valid = channelClaims({ appId, serviceUrl: this.serviceUrl, issuer: this.issuer });
    return `Bearer ${signToken({ ...valid, ...claims }, key, header)}`;
  }

  /** alice types `whoami` in a new 1:1 chat; the request carries `authorization` when given. */
  async whoami(authorization?: string): Promise<{ conversationId: string; status: number; body: unknown }> {
    const conversationId = `auth-${nextActivityId()}`;
    const answer = await this.bot.postActivity(
      {
        type: 'message',
        id: nextActivityId(),
        from: fromUser('alice'),
        conversation: { id: conversationId, conversationType: 'personal', tenantId },
        channelData: { tenant: { id: tenantId } },
        text: 'whoami',
      },
      authorization === undefined ? {} : { authorization },
    );
    return { conversationId, ...answer };
  }

  async audit(): Promise<AuditEntry[]> {
    const store = await SqliteStore.open({ file: join(this.bot.dataDir, 'chatops.db') });
    try {
      return await store.listAudit({ limit: 1000 });
    } finally {
      await store.close();
    }
  }

  async auditIn(conversationId: string): Promise<AuditEntry[]> {
    return (await this.audit()).filter((e) => e.channel === conversationId);
  }

  /** A command with a good token is answered (and, once it is, anything a refused one started would have been too). */
  async expectAnswered(conversationId: string): Promise<void> {
    await this.bot.waitFor(conversationId, (t) => /operator/i.test(t));
  }

  /** Nothing ran for `conversationId`: no reply, no audit entry, after a good request went all the way through. */
  async expectNothingRan(conversationId: string): Promise<void> {
    const probe = await this.whoami(this.bearer());
    expect(probe.status).toBe(200);
    await this.expectAnswered(probe.conversationId);
    expect(this.bot.connector.inConversation(conversationId)).toEqual([]);
    expect(
      this.bot.connector.requests.filter((r) => r.url.includes(encodeURIComponent(conversationId))),
    ).toEqual([]);
    expect(await this.auditIn(conversationId)).toEqual([]);
  }
}

const multiTenant: AuthSettings = {
  MicrosoftAppId: appId,
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: '',
  MicrosoftAppType: 'MultiTenant',
};

/** A local URL nothing listens on (a port just freed). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return `http://127.0.0.1:${port}/.well-known/openid-configuration`;
}

describe('Teams authentication on /api/messages', () => {
  let idp: OpenIdServer;
  beforeAll(async () => {
    idp = await startOpenIdServer([
      { key: teamsKey, endorsements: ['msteams', 'skype'] },
      { key: webChatKey, endorsements: ['webchat', 'directline'] },
    ]);
  });
  afterAll(async () => idp?.stop());

  describe('MultiTenant (app id and secret)', () => {
    let auth: AuthBot;
    beforeAll(async () => {
      auth = await startAuthBot(idp, multiTenant);
    });
    afterAll(async () => auth?.bot.stop());

    it('runs a command with a good token, and replies with the outbound token', async () => {
      const { conversationId, status } = await auth.whoami(auth.bearer());
      expect(status).toBe(200);
      await auth.expectAnswered(conversationId);
      const calls = auth.bot.connector.requests.filter((r) =>
        r.url.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`),
      );
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) expect(call.authorization).toBe(`Bearer ${outboundTestToken}`);
      const audit = await auth.auditIn(conversationId);
      expect(audit.map((e) => `${e.kind}:${e.commandId}:${e.outcome}`)).toEqual(['command:whoami:accepted']);
      // The key set came from the local metadata server, and from nowhere else.
      expect(idp.requests).toEqual(
        expect.arrayContaining(['/channel/.well-known/openid-configuration', '/channel/keys']),
      );
    });

    const now = () => Math.floor(Date.now() / 1000);
    const refused: [string, (a: AuthBot) => string | undefined][] = [
      ['no Authorization header', () => undefined],
      ['an empty Authorization header', () => ''],
      ['a Basic scheme', () => `Basic ${Buffer.from(`${appId}:secret`).toString('base64')}`],
      ['a token that is no JWT', () => 'Bearer not.a.jwt'],
      [
        'an expired token (10 minutes ago, beyond the 5 minutes of skew)',
        (a) => a.bearer({ exp: now() - 600, nbf: now() - 4000, iat: now() - 4000 }),
      ],
      ['a token for another app (audience)', (a) => a.bearer({ aud: otherAppId })],
      ['a token without audience', (a) => a.bearer({ aud: undefined })],
      ['a token from another issuer', (a) => a.bearer({ iss: 'https://api.botframework.example' })],
      [
        'a token for another serviceUrl',
        (a) => a.bearer({ serviceurl: 'https://smba.trafficmanager.net/emea/' }),
      ],
      ['a token without serviceurl', (a) => a.bearer({ serviceurl: undefined })],
      ['a token signed by another key under the published kid', (a) => a.bearer({}, forger)],
      ['a token signed by a key endorsed for other channels only', (a) => a.bearer({}, webChatKey)],
      ['a token whose kid is not in the key set', (a) => a.bearer({}, unlistedKey)],
      ['an unsigned token (alg none)', (a) => a.bearer({}, teamsKey, { alg: 'none' })],
      ['a token not valid yet (nbf in 10 minutes)', (a) => a.bearer({ nbf: now() + 600, iat: now() + 600 })],
    ];

    for (const [name, authorization] of refused) {
      it(`answers ${name} with 401 and runs nothing`, async () => {
        const answer = await auth.whoami(authorization(auth));
        expect({ status: answer.status, body: answer.body }).toEqual({
          status: 401,
          body: { error: 'unauthorized' },
        });
        await auth.expectNothingRan(answer.conversationId);
      });
    }

    it('checks an emulator token (Entra issuer) against ToBotFromEmulatorOpenIdMetadataUrl: 401 here', async () => {
      const emulatorToken = auth.bearer({
        iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
        ver: '1.0',
        appid: appId,
      });
      const answer = await auth.whoami(emulatorToken);
      expect(answer.status).toBe(401);
      // The local emulator key set is empty; the real one (login.botframework.com) was never asked.
      expect(idp.requests).toContain('/emulator/.well-known/openid-configuration');
      await auth.expectNothingRan(answer.conversationId);
    });

    it('refuses a card click without a token, and decides nothing', async () => {
      const bot = auth.bot;
      const send = async (activity: Record<string, unknown>, authorization?: string) =>
        bot.postActivity(activity, authorization === undefined ? {} : { authorization });
      for (let i = 0; i < 2; i += 1) {
        const { conversationId } = await auth.whoami(auth.bearer());
        await auth.expectAnswered(conversationId);
        const snapshot = channelMessage('alice', 'snapshot vm-web-01');
        expect((await send(snapshot, auth.bearer())).status).toBe(200);
        await bot.waitFor(`${channelId};messageid=${snapshot.id}`, (t) => t.includes('created'));
      }
      const post = channelMessage('alice', 'snapshot prune vm-web-01 older-than 0d because tidy up');
      expect((await send(post, auth.bearer())).status).toBe(200);
      const thread = `${channelId};messageid=${post.id}`;
      const message = await bot.waitFor(thread, (t) => t.includes('Approval needed'));
      const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(message.versions.at(-1)))?.[0] ?? '';
      expect(approvalId).not.toBe('');
      const decisions = async () =>
        (await auth.audit()).filter((e) => e.approvalId === approvalId && e.kind === 'decision');

      const click = () =>
        executeInvoke(
          'bob',
          post.conversation,
          'approval.approve',
          { approvalId },
          { replyToId: message.id },
        );
      const unsigned = await send(click());
      expect(unsigned).toEqual({ status: 401, body: { error: 'unauthorized' } });
      const forged = await send(click(), auth.bearer({}, forger));
      expect(forged.status).toBe(401);
      expect(await decisions()).toEqual([]);
      expect(message.versions).toHaveLength(1);

      // The same click with a good token decides: the refusals above were the token's doing.
      const signed = await send(click(), auth.bearer());
      expect(signed.status).toBe(200);
      expect(cardText({ attachments: [{ content: cardOf(signed.body) }] })).toMatch(/running as job-/);
      expect((await decisions()).map((e) => e.outcome)).toEqual(['approve']);
    });

    it('serves Teams only: a valid token for another channel (Web Chat) gets 403 and runs nothing', async () => {
      const conversationId = `webchat-${nextActivityId()}`;
      const answer = await auth.bot.postActivity(
        {
          type: 'message',
          id: nextActivityId(),
          channelId: 'webchat',
          from: { id: 'dl_forged', name: 'alice', aadObjectId: '00000000-0000-0000-0000-0000000a11ce' },
          conversation: { id: conversationId },
          text: 'snapshot vm-web-01',
        },
        // Signed by a key the metadata endorses for webchat: the token itself holds.
        { authorization: auth.bearer({}, webChatKey) },
      );
      expect(answer.status).toBe(403);
      await auth.expectNothingRan(conversationId);
    });

    it('turns the local chat page and its connector off', async () => {
      const page = await fetch(`${auth.bot.bot.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await page.text()).toMatch(/local chat page is off/);
      expect((await fetch(`${auth.bot.bot.url}/console/identities`)).status).toBe(404);
      const injected = await fetch(`${auth.bot.bot.url}/console/v3/conversations/x/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
      expect(injected.status).toBe(404);
    });
  });

  const otherTypes: [string, AuthSettings][] = [
    [
      'SingleTenant (tenant, secret, own issuer setting)',
      {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: botTenant,
        MicrosoftAppType: 'SingleTenant',
        ToBotFromChannelTokenIssuer: 'https://api.botframework.test',
      },
    ],
    [
      'UserAssignedMSI (tenant, no secret)',
      {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: '',
        MicrosoftAppTenantId: botTenant,
        MicrosoftAppType: 'UserAssignedMSI',
      },
    ],
  ];

  for (const [name, settings] of otherTypes) {
    describe(name, () => {
      let auth: AuthBot;
      beforeAll(async () => {
        auth = await startAuthBot(idp, settings);
      });
      afterAll(async () => auth?.bot.stop());

      it('runs a command with a good token', async () => {
        const { conversationId, status } = await auth.whoami(auth.bearer());
        expect(status).toBe(200);
        await auth.expectAnswered(conversationId);
        const reply = auth.bot.connector.requests.find((r) =>
          r.url.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`),
        );
        expect(reply?.authorization).toBe(`Bearer ${outboundTestToken}`);
      });

      it('refuses a token for another app, and runs nothing', async () => {
        const answer = await auth.whoami(auth.bearer({ aud: otherAppId }));
        expect(answer.status).toBe(401);
        await auth.expectNothingRan(answer.conversationId);
      });

      if (settings.ToBotFromChannelTokenIssuer) {
        it('refuses the default issuer when ToBotFromChannelTokenIssuer names another', async () => {
          const answer = await auth.whoami(auth.bearer({ iss: 'https://api.botframework.com' }));
          expect(answer.status).toBe(401);
          await auth.expectNothingRan(answer.conversationId);
        });
      }
    });
  }

  /** Not the caller's fault: 503, so the Bot Connector service retries, and nothing runs meanwhile. */
  const unreachable: [string, () => Promise<string>][] = [
    ['answers 503', async () => idp.unavailableMetadataUrl],
    ['is unreachable', closedPortUrl],
  ];
  for (const [name, metadataUrl] of unreachable) {
    describe(`when the OpenID metadata ${name}`, () => {
      let auth: AuthBot;
      beforeAll(async () => {
        auth = await startAuthBot(idp, multiTenant, await metadataUrl());
      });
      afterAll(async () => auth?.bot.stop());

      it('answers a good token with 503 and runs nothing', async () => {
        const answer = await auth.whoami(auth.bearer());
        expect({ status: answer.status, body: answer.body }).toEqual({
          status: 503,
          body: { error: 'cannot verify the token now' },
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(auth.bot.connector.requests).toEqual([]);
        expect(await auth.auditIn(answer.conversationId)).toEqual([]);
      });
    });
  }
});
