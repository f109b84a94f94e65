import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import {
  botAccount,
  channelId,
  channelMessage,
  fromUser,
  groupChatMessage,
  nextActivityId,
  tenantId,
} from '../support/teams-activities.js';

/** Personal chats, group chats and channels, as Teams delivers them to /api/messages. */
describe('Teams conversations', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('answers an @mention in a channel in the thread of the command, with the mention stripped', async () => {
    const post = channelMessage('alice', 'status vm-web-01');
    expect((await bot.postActivity(post)).status).toBe(200);
    const thread = `${channelId};messageid=${post.id}`;
    const answer = await bot.waitFor(thread, (t) => t.includes('vm-web-01') && t.includes('running'));
    expect(answer.conversationId).toBe(thread);
  });

  it('answers a reply in an existing thread in that thread', async () => {
    const root = nextActivityId();
    const reply = channelMessage('alice', 'status vm-api-01', { root });
    await bot.postActivity(reply);
    const answer = await bot.waitFor(`${channelId};messageid=${root}`, (t) => t.includes('vm-api-01'));
    expect(answer.conversationId).toBe(`${channelId};messageid=${root}`);
  });

  it('ignores channel and group chat messages that do not @mention the bot', async () => {
    const group = `19:group-${Date.now()}@thread.v2`;
    await bot.postActivity(groupChatMessage('alice', group, 'status vm-web-02', false));
    const quiet = channelMessage('alice', 'status vm-web-02', { mention: false });
    await bot.postActivity(quiet);
    // The mentioned one, sent after, is answered; by then the others would have been too.
    await bot.postActivity(groupChatMessage('alice', group, 'status vm-dev-01'));
    await bot.waitFor(group, (t) => t.includes('vm-dev-01'));
    const texts = bot.connector.inConversation(group).map((m) => cardText(m.versions.at(-1)));
    expect(texts).toHaveLength(1);
    expect(bot.connector.inConversation(`${channelId};messageid=${quiet.id}`)).toEqual([]);
  });

  it('strips the mention (and Teams non-breaking space) in a group chat', async () => {
    const group = `19:group2-${Date.now()}@thread.v2`;
    await bot.postActivity(groupChatMessage('bob', group, 'whoami'));
    const answer = await bot.waitFor(group, (t) => /approver/i.test(t));
    expect(cardText(answer.versions.at(-1))).toContain('bob');
  });

  it('updates a long job’s card in place in the channel thread', async () => {
    const post = channelMessage('alice', 'snapshot vm-sql-01');
    await bot.postActivity(post);
    const thread = `${channelId};messageid=${post.id}`;
    const done = await bot.waitFor(thread, (t) => t.includes('created'), 30_000);
    expect(done.versions.length).toBeGreaterThan(1);
    // Every update went to the same message: one message in the thread for the whole job.
    expect(bot.connector.inConversation(thread)).toHaveLength(1);
    expect(bot.connector.requests.some((r) => r.method === 'PUT' && r.url.includes(done.id))).toBe(true);
  });

  it('welcomes a conversation once when installed, with the top commands', async () => {
    const conversation = {
      id: `19:welcome-${Date.now()}@thread.v2`,
      conversationType: 'groupChat',
      tenantId,
    };
    const install = {
      type: 'installationUpdate',
      action: 'add',
      id: nextActivityId(),
      from: fromUser('alice'),
      conversation,
      channelData: { tenant: { id: tenantId } },
    };
    const added = {
      type: 'conversationUpdate',
      id: nextActivityId(),
      from: fromUser('alice'),
      conversation,
      membersAdded: [botAccount],
      channelData: { tenant: { id: tenantId } },
    };
    expect((await bot.postActivity(install)).status).toBe(200);
    expect((await bot.postActivity(added)).status).toBe(200);
    const welcome = await bot.waitFor(conversation.id, (t) => t.includes('recovery bot'));
    const text = cardText(welcome.versions.at(-1));
    expect(text).toMatch(/status \\?<vm/);
    expect(text).toContain('whoami');
    expect(text).toContain('@mention');
    // Teams sends both events on an install; the second must not greet again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bot.connector.inConversation(conversation.id)).toHaveLength(1);
  });

  it('does not welcome when someone else joins', async () => {
    const conversation = { id: `19:joined-${Date.now()}@thread.v2`, conversationType: 'groupChat' };
    await bot.postActivity({
      type: 'conversationUpdate',
      id: nextActivityId(),
      from: fromUser('alice'),
      conversation,
      membersAdded: [fromUser('dave')],
    });
    await bot.postActivity(groupChatMessage('alice', conversation.id, 'whoami'));
    await bot.waitFor(conversation.id, (t) => /operator/i.test(t));
    expect(bot.connector.inConversation(conversation.id)).toHaveLength(1);
  });

  it('answers a refusal in a channel privately, and only points to it in the thread', async () => {
    const post = channelMessage('dave', 'snapshot vm-web-01');
    await bot.postActivity(post);
    const thread = `${channelId};messageid=${post.id}`;
    await bot.waitFor(thread, (t) => t.includes('private chat'));
    const created = bot.connector.created.at(-1);
    expect(created?.parameters).toMatchObject({ isGroup: false, members: [{ id: '29:dave' }], tenantId });
    const privately = await bot.waitFor(created?.id ?? '', (t) => /operator/i.test(t));
    expect(cardText(privately.versions.at(-1))).toMatch(/not allowed|needs|role/i);
    // The thread gets the pointer, never the answer itself.
    const inThread = bot.connector.inConversation(thread).map((m) => cardText(m.versions.at(-1)));
    expect(inThread.join('\n')).not.toMatch(/operator/i);
  });

  it('sent only cards Teams accepts', () => {
    expect(bot.connector.messages.length).toBeGreaterThan(5);
    expect(bot.connector.cardProblems).toEqual([]);
  });
});
