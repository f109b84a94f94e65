import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { fromUser, nextActivityId } from '../support/teams-activities.js';

/** Whatever arrives at /api/messages, the bot answers with a status and stays up. */
describe('bad Bot Framework activities', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  const personal = (id: string) => ({ id, conversationType: 'personal' });

  async function stillAnswers(): Promise<void> {
    const conversation = `after-${nextActivityId()}`;
    await bot.postActivity({
      type: 'message',
      id: nextActivityId(),
      from: fromUser('alice'),
      conversation: personal(conversation),
      text: 'whoami',
    });
    await bot.waitFor(conversation, (t) => /operator/i.test(t));
  }

  const refused: [string, Record<string, unknown>][] = [
    [
      'a message without from',
      { type: 'message', id: '1', conversation: personal('c1'), text: 'snapshot vm-web-01' },
    ],
    [
      'an invoke without from',
      { type: 'invoke', name: 'adaptiveCard/action', id: '2', conversation: personal('c2') },
    ],
    [
      'a from without id',
      { type: 'message', id: '3', from: { name: 'x' }, conversation: personal('c3'), text: 'x' },
    ],
    ['no type', { id: '4', from: fromUser('alice'), conversation: personal('c4'), text: 'status vm-web-01' }],
    ['no conversation', { type: 'message', id: '5', from: fromUser('alice'), text: 'status vm-web-01' }],
    [
      'a serviceUrl that is no URL',
      {
        type: 'message',
        from: fromUser('alice'),
        conversation: personal('c6'),
        serviceUrl: 'javascript:alert(1)',
      },
    ],
    [
      'text that is not a string',
      { type: 'message', from: fromUser('alice'), conversation: personal('c7'), text: { a: 1 } },
    ],
    [
      'entities that are not a list',
      { type: 'message', from: fromUser('alice'), conversation: personal('c8'), text: 'x', entities: 'x' },
    ],
  ];

  for (const [name, activity] of refused) {
    it(`answers ${name} with 400 and runs nothing`, async () => {
      const before = bot.connector.messages.length;
      const answer = await bot.postActivity(activity);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: expect.any(String) });
      expect(bot.connector.messages.length).toBe(before);
    });
  }

  it('ignores an unknown activity type with 200', async () => {
    const answer = await bot.postActivity({
      type: 'somethingNew',
      id: nextActivityId(),
      from: fromUser('alice'),
      conversation: personal('unknown-type'),
    });
    expect(answer.status).toBe(200);
    expect(bot.connector.inConversation('unknown-type')).toEqual([]);
  });

  it('answers an invoke with an unknown name 501, and a card action with a bad payload 400', async () => {
    const base = {
      type: 'invoke',
      id: nextActivityId(),
      from: fromUser('bob'),
      conversation: personal('bad-invoke'),
    };
    expect((await bot.postActivity({ ...base, name: 'composeExtension/unknown', value: {} })).status).toBe(
      501,
    );
    for (const value of [
      undefined,
      'x',
      { action: 'approve' },
      { action: { verb: 42 } },
      { action: { verb: 'x'.repeat(500) } },
    ]) {
      const answer = await bot.postActivity({
        ...base,
        id: nextActivityId(),
        name: 'adaptiveCard/action',
        value,
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ type: 'application/vnd.microsoft.error' });
    }
  });

  it('answers a click on a request that does not exist with a card that says so', async () => {
    const answer = await bot.postActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: nextActivityId(),
      from: fromUser('bob'),
      conversation: personal('no-request'),
      value: {
        action: { type: 'Action.Execute', verb: 'approval.approve', data: { approvalId: 'apr-00000000' } },
      },
    });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('no approval request apr-00000000');
  });

  it('refuses a body that is not JSON (400) or over the size limit (413)', async () => {
    const notJson = await fetch(`${bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message",',
    });
    expect(notJson.status).toBe(400);
    const huge = await bot.postActivity({
      type: 'message',
      from: fromUser('alice'),
      conversation: personal('huge'),
      text: 'x'.repeat(1024 * 1024),
    });
    expect(huge.status).toBe(413);
    const array = await fetch(`${bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,2,3]',
    });
    expect(array.status).toBe(400);
  });

  it('keeps answering after all of the above', async () => {
    await stillAnswers();
  });
});
