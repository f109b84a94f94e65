import { join } from 'node:path';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileOf, exportAudit } from '../../src/audit/export-audit.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { StorePort } from '../../src/store/store-port.js';
import { textBuffer } from '../audit/audit-fixtures.js';
import { openEventStream } from '../console/open-event-stream.js';
import {
  channelClaims,
  createSigningKey,
  FixedTokenCredentialsFactory,
  type OpenIdServer,
  signToken,
  startOpenIdServer,
} from '../support/bot-framework-tokens.js';
import { cardText } from '../support/fake-bot-connector.js';
import { createTestSchema, type TestSchema } from '../support/postgres-schema.js';
import { type SlackTestBot, signingSecret, slackText, startSlackTestBot } from '../support/slack-test-bot.js';
import { identities, startTestBot, type TestBot } from '../support/start-test-bot.js';

/**
 * Issue 21: at LOG_LEVEL=trace with tracing on, every command that handles a secret (file restore
 * on Teams, Slack and the local page) and every configured secret (the Slack tokens, the Teams app
 * password, the database URL's password) stays out of the log, the audit export, /metrics and the
 * spans. Slack's Web API logs each request body at debug; the script and its password travel in one.
 */
const slackBotToken = 'xoxb-1111111111-2222222222-TraceSecretBotToken';
const teamsPassword = 'Teams~App~Passw0rd~TraceSecret';
const dbPassword = 'Db-TraceSecret-Passw0rd';
const appId = '6c0d5a3e-0000-4000-8000-0000000c0ffe';
const teamsKey = createSigningKey('trace-secrets-2026');

interface Observed {
  log: () => string;
  spans: InMemorySpanExporter;
}

function observe(): Observed & {
  options: { logDestination: NodeJS.WritableStream; spanProcessor: SimpleSpanProcessor };
} {
  const log = textBuffer();
  const spans = new InMemorySpanExporter();
  return {
    log: log.text,
    spans,
    options: { logDestination: log.stream, spanProcessor: new SimpleSpanProcessor(spans) },
  };
}

/** Waits until `count` approved file restores have ended (their spans end with them). */
function approvedRunsEnded(observed: Observed, count: number): Promise<true> {
  return waitUntil(
    () =>
      observed.spans.getFinishedSpans().filter((span) => span.name === 'approved restore.files').length >=
      count
        ? true
        : undefined,
    'the approved file restores to end',
  );
}

/** Everything the bot wrote down: the log, the spans, /metrics and the audit export. */
async function everythingRecorded(url: string, observed: Observed, store: StorePort): Promise<string> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const audit = textBuffer();
  const count = await exportAudit(store, audit.stream, { since: { text: '1h', milliseconds: 3_600_000 } });
  expect(count).toBeGreaterThan(3);
  const spans = observed.spans
    .getFinishedSpans()
    .map((span) => JSON.stringify({ name: span.name, attributes: span.attributes, events: span.events }));
  expect(spans.length).toBeGreaterThan(3);
  return [observed.log(), spans.join('\n'), metrics, audit.text()].join('\n');
}

async function waitUntil<T>(find: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The password and a line of the mount script from a file-restore answer's text. */
function secretsOf(text: string): string[] {
  const password = /Password\*?\n(\S{15})/.exec(text)?.[1];
  const script = /base64 -d (?:>|&gt;) (\S+\.py)/.exec(text)?.[1];
  expect(password, text).toMatch(/^[A-Za-z0-9]{15}$/);
  expect(script, text).toBeDefined();
  const encoded = /\n([A-Za-z0-9+/]{60,})/.exec(text)?.[1];
  expect(encoded, text).toBeDefined();
  return [password ?? '', encoded?.slice(0, 40) ?? ''];
}

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

describe('no secret at LOG_LEVEL=trace with tracing on', () => {
  let slackBot: SlackTestBot | undefined;
  let localBot: TestBot | undefined;
  let idp: OpenIdServer | undefined;
  let schema: TestSchema | undefined;
  let store: StorePort | undefined;
  afterEach(async () => {
    await store?.close();
    await slackBot?.stop();
    await localBot?.stop();
    await idp?.stop();
    await schema?.drop();
    store = slackBot = localBot = idp = schema = undefined;
  });

  it('Slack and Teams (authentication on, PostgreSQL when there is one): file restore, tokens, the database password', async () => {
    idp = await startOpenIdServer([{ key: teamsKey, endorsements: ['msteams'] }]);
    const databaseUrl = process.env.DATABASE_URL;
    schema = databaseUrl ? await createTestSchema(withPassword(databaseUrl)) : undefined;
    const observed = observe();
    const settings = {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: teamsPassword,
      MicrosoftAppType: 'MultiTenant',
    };
    slackBot = await startSlackTestBot(
      {
        LOG_LEVEL: 'trace',
        SLACK_BOT_TOKEN: slackBotToken,
        ...settings,
        ToBotFromChannelOpenIdMetadataUrl: idp.channelMetadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: idp.emulatorMetadataUrl,
        ...(schema ? { DATABASE_URL: schema.databaseUrl } : {}),
      },
      { ...observed.options, botFrameworkCredentials: new FixedTokenCredentialsFactory(settings) },
    );
    const t = slackBot;
    await t.slash('alice', 'restore files vm-web-02', 'C0FILES');
    const card = await t.waitForMessage(
      (m, text) => m.channel === 'C0FILES' && text.includes('Approval needed'),
    );
    expect((await t.click('bob', card, 'Approve')).status).toBe(200);
    const script = await waitUntil(
      () => t.slack.ephemerals.find((e) => slackText(e.args).includes('your script (private)')),
      'the script on Slack',
    );
    const slackSecrets = secretsOf(slackText(script.args));
    await t.slash('alice', 'restore files vm-web-02 done', 'C0FILES');
    await t.waitForMessage(
      (m, text) => m.channel === 'C0FILES' && text.includes('File restore of vm-web-02 closed'),
    );

    // An authenticated Teams message: botbuilder reads the app password's settings.
    const bearer = `Bearer ${signToken(channelClaims({ appId, serviceUrl: t.bot.connector.url }), teamsKey)}`;
    const answer = await t.bot.postActivity(
      {
        type: 'message',
        id: 'trace-teams-1',
        from: { id: '29:alice', name: 'alice', aadObjectId: identities.alice },
        conversation: { id: 'trace-teams-conv', conversationType: 'personal' },
        text: 'whoami',
      },
      { authorization: bearer },
    );
    expect(answer.status).toBe(200);
    await t.bot.waitFor('trace-teams-conv', (text) => text.length > 0);

    await approvedRunsEnded(observed, 1);
    store = schema
      ? await PostgresStore.open({ connectionString: schema.databaseUrl })
      : await SqliteStore.open({ file: databaseFileOf(t.bot.dataDir) });
    const recorded = await everythingRecorded(t.bot.bot.url, observed, store);
    // Slack's own debug lines are there, at trace: only those that carry a payload are left out.
    expect(observed.log()).toMatch(/"level":10,.*"component":"slack"/);
    for (const secret of [...slackSecrets, slackBotToken, signingSecret, teamsPassword, dbPassword])
      expect(recorded).not.toContain(secret);
    expect(recorded).not.toContain('TARGET_PASSWORD');
  }, 90_000);

  it('Teams and the local page (authentication off): file restore', async () => {
    const observed = observe();
    localBot = await startTestBot({ LOG_LEVEL: 'trace' }, observed.options);
    const bot = localBot;
    // Teams.
    const { conversationId } = await bot.send('restore files vm-web-01', 'alice');
    const card = await bot.waitFor(conversationId, (text) => text.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(card.versions.at(-1)))?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    const teamsScript = await bot.waitFor(conversationId, (t) => t.includes('your script (private)'), 30_000);
    const teamsSecrets = secretsOf(cardText(teamsScript.versions.at(-1)));
    await bot.ask('restore files vm-web-01 done', (t) => t.includes('closed'));

    // The local page: channel `console`, its connector on the bot's own server.
    const pageConversation = 'trace-page-conv';
    const stream = await openEventStream(bot.bot.url, pageConversation);
    const page = (activity: Record<string, unknown>, user: 'alice' | 'bob') =>
      bot.postActivity({
        channelId: 'console',
        serviceUrl: `${bot.bot.url}/console/`,
        from: { id: `console-${user}`, name: user, aadObjectId: identities[user] },
        conversation: { id: pageConversation, conversationType: 'personal' },
        ...activity,
      });
    let lastActivityId = '';
    const pageText = async (done: (text: string) => boolean) => {
      for (;;) {
        const event = (await stream.next(30_000)).data as { activity?: Record<string, unknown> };
        const text = `${String(event.activity?.text ?? '')}\n${cardText(event.activity)}`;
        if (done(text)) {
          lastActivityId = String(event.activity?.id ?? '');
          return text;
        }
      }
    };
    try {
      await page({ type: 'message', id: 'trace-page-1', text: 'restore files vm-web-02' }, 'alice');
      const pageCard = await pageText((text) => text.includes('Approval needed'));
      const pageApproval = /apr-[0-9a-f]{8}/.exec(pageCard)?.[0] ?? '';
      const verb = 'approval.approve';
      const click = await page(
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          id: 'trace-page-2',
          replyToId: lastActivityId,
          value: { action: { type: 'Action.Execute', verb, data: { verb, approvalId: pageApproval } } },
        },
        'bob',
      );
      expect(click.status).toBe(200);
      const pageSecrets = secretsOf(await pageText((text) => text.includes('your script (private)')));
      await page({ type: 'message', id: 'trace-page-3', text: 'restore files vm-web-02 done' }, 'alice');
      await pageText((text) => text.includes('closed'));

      await approvedRunsEnded(observed, 2);
      store = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
      const recorded = await everythingRecorded(bot.bot.url, observed, store);
      for (const secret of [...teamsSecrets, ...pageSecrets]) expect(recorded).not.toContain(secret);
      expect(recorded).not.toContain('TARGET_PASSWORD');
    } finally {
      stream.close();
    }
  }, 90_000);
});

/** The test run's DATABASE_URL with a password in it (PostgreSQL trusts this machine and ignores it). */
function withPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = dbPassword;
  return parsed.toString();
}
