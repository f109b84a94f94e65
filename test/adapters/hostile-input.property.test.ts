import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestBot, startSlackTestBot } from '../support/slack-test-bot.js';
import { identities } from '../support/start-test-bot.js';

/**
 * Hostile input at every door: random Bot Framework activities and random Slack payloads (signed,
 * so they get past the signature check into the adapters). Whatever arrives, the bot answers with
 * a status below 500 (or botbuilder's 501 for an unknown invoke), never crashes, leaves no unhandled rejection, and still answers a real
 * command afterwards.
 */
const runs = Number(process.env.PROPERTY_RUNS ?? 60);

describe('hostile input to the adapters (property)', () => {
  let t: SlackTestBot;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(async () => {
    t = await startSlackTestBot({ LOG_LEVEL: 'silent' });
    process.on('unhandledRejection', onRejection);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await t?.stop();
  });

  const users = fc.constantFrom(...Object.entries(identities));
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom(
      'snapshot vm-web-01 --dry-run',
      'dr drill shop',
      '<at>bot</at>',
      'help',
      'x'.repeat(5000),
    ),
  );
  const junk = fc.anything({ maxDepth: 3 });

  const activity = fc.record(
    {
      type: fc.oneof(
        fc.constantFrom('message', 'invoke', 'conversationUpdate', 'messageReaction', 'event'),
        junk,
      ),
      id: fc.oneof(fc.string({ maxLength: 40 }), junk),
      name: fc.oneof(fc.constantFrom('adaptiveCard/action', 'task/fetch', 'composeExtension/query'), junk),
      from: fc.oneof(
        users.map(([name, aad]) => ({ id: `29:${name}`, name, aadObjectId: aad })),
        junk,
      ),
      conversation: fc.oneof(
        fc.record({
          id: fc.string({ maxLength: 60 }),
          conversationType: fc.constantFrom('personal', 'channel', 'groupChat'),
        }),
        junk,
      ),
      text: fc.oneof(text, junk),
      value: fc.oneof(
        fc.record({
          action: fc.record({ type: fc.constant('Action.Execute'), verb: fc.string(), data: junk }),
        }),
        junk,
      ),
      channelData: junk,
      entities: junk,
      attachments: junk,
      replyToId: fc.oneof(fc.string({ maxLength: 20 }), junk),
    },
    { requiredKeys: [] },
  );

  it('answers any activity below 500 and keeps running', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(activity, async (body) => {
        const { status } = await t.bot.postActivity(body as Record<string, unknown>);
        // 501 is botbuilder's own answer to an invoke no handler takes ("not implemented").
        expect(status === 501 || status < 500, `status ${status}`).toBe(true);
      }),
      { numRuns: runs },
    );
    const raw = await fetch(`${t.bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message", "text": ',
    });
    expect(raw.status).toBeLessThan(500);
    expect(await t.bot.ask('whoami', (x) => /operator/.test(x))).toBeDefined();
    expect(rejections).toEqual([]);
  });

  const slackBody = fc.oneof(
    fc.record(
      {
        type: fc.oneof(
          fc.constantFrom(
            'block_actions',
            'view_submission',
            'shortcut',
            'event_callback',
            'url_verification',
          ),
          junk,
        ),
        user: fc.oneof(
          fc.record({ id: fc.constantFrom('U0ALICE', 'U0BOB', 'U0DAVE', 'U0NOBODY'), name: fc.string() }),
          junk,
        ),
        actions: fc.oneof(
          fc.array(
            fc.record({
              action_id: fc.string(),
              value: fc.oneof(fc.json(), fc.string(), junk),
              type: fc.constant('button'),
            }),
            { maxLength: 2 },
          ),
          junk,
        ),
        container: junk,
        channel: junk,
        message: junk,
        trigger_id: fc.string({ maxLength: 30 }),
        event: fc.oneof(
          fc.record({
            type: fc.constantFrom('app_mention', 'message'),
            user: fc.string(),
            text,
            channel: fc.string(),
            ts: fc.string(),
          }),
          junk,
        ),
        event_id: fc.string({ maxLength: 20 }),
        challenge: junk,
      },
      { requiredKeys: [] },
    ),
    junk,
  );

  it('answers any signed Slack payload below 500 and keeps running', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        slackBody,
        fc.constantFrom('json', 'form-payload', 'form-command'),
        async (body, shape) => {
          let response: { status: number };
          if (shape === 'json') response = await t.post(JSON.stringify(body) ?? 'null', 'application/json');
          else if (shape === 'form-payload')
            response = await t.post(
              new URLSearchParams({ payload: JSON.stringify(body) ?? '' }).toString(),
              'application/x-www-form-urlencoded',
            );
          else
            response = await t.post(
              new URLSearchParams({
                command: '/recovery',
                text: typeof body === 'string' ? body : String(JSON.stringify(body) ?? '').slice(0, 500),
                user_id: 'U0DAVE',
                channel_id: 'C0FUZZ',
                trigger_id: `fuzz-${Math.random()}`,
              }).toString(),
              'application/x-www-form-urlencoded',
            );
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: runs },
    );
    await t.slash('alice', 'whoami', 'C0AFTERFUZZ');
    await t.waitForMessage((m, text) => m.channel === 'C0AFTERFUZZ' && /operator/i.test(text));
    expect(rejections).toEqual([]);
  });

  it('answers malformed signed Slack bodies with a 400 that says what is wrong', async () => {
    for (const [body, reason] of [
      ['{"event":0}', 'event must be an object'],
      ['{"type":"event_callback","event":{"type":7}}', 'event.type must be a string'],
      ['{"type":"block_actions","actions":[1]}', 'actions must be a list of objects'],
      ['{"type":"block_actions","user":[]}', 'user must be an object or a string'],
    ] as const) {
      const response = await t.post(body, 'application/json');
      expect(response.status, body).toBe(400);
      expect(response.text).toContain(reason);
    }
  });
});
