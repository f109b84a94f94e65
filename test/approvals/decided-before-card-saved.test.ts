import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/**
 * Teams shows a card as soon as it has it, before the bot learns the card's id; an approver (or the
 * sweep) can decide in between. The request must still remember its card and show the decision on
 * it: a card that keeps "Approval needed" after a decision invites a second one.
 */
describe('a request decided before its card was remembered', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('shows the decision on its card once the post returns', async () => {
    let answerPosts: (() => void) | undefined;
    bot.connector.postsAnsweredAfter = new Promise((resolve) => {
      answerPosts = resolve;
    });
    try {
      const { conversationId } = await bot.send('dr drill crm', 'alice');
      const card = await bot.waitFor(conversationId, (t) => /apr-[0-9a-f]{8}/.test(t));
      const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(card.versions.at(-1)))?.[0] ?? '';
      expect(await bot.click('approval.reject', { approvalId }, 'bob')).toContain('Rejected');
    } finally {
      bot.connector.postsAnsweredAfter = undefined;
      answerPosts?.();
    }
    const [card] = bot.connector.messages.filter((m) => /apr-[0-9a-f]{8}/.test(cardText(m.versions[0])));
    await expect.poll(() => cardText(card?.versions.at(-1)), { timeout: 10_000 }).toMatch(/Rejected by bob/);
    // And a later look at it (the requester's `approvals`) agrees: nothing is waiting.
    expect(await bot.ask('approvals', (t) => /approval/i.test(t), 'alice')).not.toContain('dr drill crm');
  }, 30_000);
});
