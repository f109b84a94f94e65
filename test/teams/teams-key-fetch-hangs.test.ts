import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textBuffer } from '../audit/audit-fixtures.js';
import {
  channelClaims,
  createSigningKey,
  FixedTokenCredentialsFactory,
  signToken,
} from '../support/bot-framework-tokens.js';
import { identities, startTestBot, type TestBot } from '../support/start-test-bot.js';

/**
 * botframework-connector fetches the OpenID metadata with no time-out (issue 21): while the endpoint
 * hangs, every request with a well-formed token waited on it. Now the first gives up after 10 s with
 * 503 and a log line, and the ones after it are answered 503 at once, without another fetch.
 */
const appId = '6c0d5a3e-0000-4000-8000-0000000a4a4a';
const key = createSigningKey('hanging-2026');

describe('when the OpenID metadata endpoint hangs', () => {
  const sockets: Socket[] = [];
  const hanging = createServer((socket) => {
    // Reads the request, never answers.
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  let metadataUrl = '';
  let bot: TestBot;
  const log = textBuffer();
  beforeAll(async () => {
    await new Promise<void>((done) => hanging.listen(0, '127.0.0.1', done));
    metadataUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hangs/.well-known/openid-configuration`;
    const settings = {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    };
    bot = await startTestBot(
      {
        ...settings,
        LOG_LEVEL: 'info',
        ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      },
      { botFrameworkCredentials: new FixedTokenCredentialsFactory(settings), logDestination: log.stream },
    );
  });
  afterAll(async () => {
    await bot?.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((done) => hanging.close(() => done()));
  });

  const whoami = async (n: number) => {
    const started = Date.now();
    const bearer = `Bearer ${signToken(channelClaims({ appId, serviceUrl: bot.connector.url }), key)}`;
    const answer = await bot.postActivity(
      {
        type: 'message',
        id: `hang-${n}`,
        from: { id: '29:alice', name: 'alice', aadObjectId: identities.alice },
        conversation: { id: `hang-conv-${n}`, conversationType: 'personal' },
        text: 'whoami',
      },
      { authorization: bearer },
    );
    return { status: answer.status, body: answer.body, ms: Date.now() - started };
  };

  it('gives up after 10 s with 503 and a log line, then answers 503 at once without asking again', async () => {
    const first = await whoami(1);
    expect(first).toMatchObject({ status: 503, body: { error: 'cannot verify the token now' } });
    expect(first.ms).toBeGreaterThan(9_000);
    expect(first.ms).toBeLessThan(14_000);
    expect(log.text()).toContain('Bot Framework signing keys could not be fetched');
    const fetches = sockets.length;
    const next = await Promise.all([2, 3, 4, 5].map(whoami));
    for (const answer of next) {
      expect(answer).toMatchObject({ status: 503, body: { error: 'cannot verify the token now' } });
      expect(answer.ms).toBeLessThan(1_000);
    }
    expect(sockets.length).toBe(fetches);
    expect(bot.connector.requests).toEqual([]);
  }, 30_000);
});
