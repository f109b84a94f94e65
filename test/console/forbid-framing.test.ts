import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/**
 * The local chat page acts as whoever is picked in it: no other site may frame it and make its
 * visitor click Approve (clickjacking). The bot serves it as `npm start` does.
 */
describe('the local chat page cannot be framed', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it.each([
    '/',
    '/console/chat-page.js',
    '/console/vendor/adaptivecards.js',
    '/console/identities',
    '/console/no-such-file',
  ])('%s forbids every frame ancestor', async (path) => {
    const response = await fetch(`${bot.bot.url}${path}`);
    await response.arrayBuffer();
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
