import { afterAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { messagesMatching, poll, subscribe } from './alert-test-kit.js';

/**
 * Subscriptions live in the store: a channel subscribed before a restart hears the alert after it.
 * The alert: a file-restore session near its end, told to the channel (never the script or its
 * password), with a button that closes it through the normal path.
 */
describe('file-restore alerts, across a restart', () => {
  let bot: TestBot;
  afterAll(async () => bot?.stop());

  it('keeps the subscription over a restart and announces a session near its end, once', {
    timeout: 90_000,
  }, async () => {
    const first = await startTestBot();
    const channel = await subscribe(first, 'file-restore vm-web-01');
    await first.bot.close();
    bot = await startTestBot(
      {},
      {},
      {
        dataDir: first.dataDir,
        connector: first.connector,
        clockOffsetMs: first.clockOffsetMs(),
      },
    );
    await bot.send('alerts list', 'dave', channel);
    const list = await bot.waitFor(channel, (t) => t.startsWith('Alerts') && t.includes('Subscriptions'));
    expect(cardText(list.versions.at(-1))).toContain('vm-web-01');

    const { conversationId: asked } = await bot.send('restore files vm-web-01', 'alice');
    const card = await bot.waitFor(asked, (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(card.versions.at(-1)))?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    const script = await bot.waitFor(asked, (t) => t.includes('your script (private)'), 30_000);
    const password = /Password\n(\S{15})\n/.exec(cardText(script.versions.at(-1)))?.[1] ?? 'missing';

    await poll(bot);
    expect(messagesMatching(bot, channel, /File restore ends soon/)).toHaveLength(0);
    // Open for 12 h: 55 minutes before the end the channel hears it.
    await bot.advanceClock(11 * 3600 + 5 * 60);
    await poll(bot);
    await poll(bot);
    const alerts = messagesMatching(bot, channel, /File restore ends soon: vm-web-01/);
    expect(alerts).toHaveLength(1);
    const text = cardText(alerts[0]?.versions.at(-1));
    expect(text).toContain('alice');
    expect(text).toContain('Close it now');
    expect(JSON.stringify(bot.connector.inConversation(channel))).not.toContain(password);

    expect(await bot.click('run', { command: 'restore files vm-web-01 done' }, 'alice', channel)).toMatch(
      /Requested/,
    );
    await bot.waitFor(channel, (t) => /closed/i.test(t) && !t.startsWith('File restore ends soon'), 30_000);
    // The session's job ends once Azure has revoked it; the next poll after that resolves the alert.
    for (let tries = 0; tries < 100 && (await poll(bot)).resolved === 0; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cardText(alerts[0]?.versions.at(-1))).toMatch(/^Resolved: File restore ends soon: vm-web-01/);
    expect(messagesMatching(bot, channel, /^Resolved: File restore ends soon/)).toHaveLength(2);
  });
});
