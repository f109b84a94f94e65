import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { withStore } from './alert-test-kit.js';

/** The alert commands as people type them, and what they answer when something is off. */
describe('alert commands', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  async function say(
    text: string,
    conversationId: string,
    done: (t: string) => boolean,
    user: 'alice' | 'dave' = 'alice',
  ) {
    const before = bot.connector.inConversation(conversationId).length;
    await bot.send(text, user, conversationId);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const fresh = bot.connector
        .inConversation(conversationId)
        .slice(before)
        .map((m) => cardText(m.versions.at(-1)));
      const found = fresh.find(done);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no answer to ${text}`);
  }

  it('subscribes, lists, mutes and unsubscribes a channel', { timeout: 30_000 }, async () => {
    const channel = 'c-alert-commands';
    expect(await say('alerts subscribe rpo shop', channel, (t) => t.startsWith('Subscribed'))).toContain(
      'about shop',
    );
    expect(
      await say('alerts subscribe rpo shop', channel, (t) => t.startsWith('Already subscribed')),
    ).toBeDefined();
    await say('alerts subscribe backup-failed', channel, (t) => t.startsWith('Subscribed'));
    await say('alerts mute rpo for 2h', channel, (t) => t.startsWith('Muted'));
    const list = await say('alerts list', channel, (t) => t.startsWith('Alerts'), 'dave');
    expect(list).toMatch(/rpo\nshop/);
    expect(list).toMatch(/backup-failed\neverything/);
    expect(list).toContain('Muted');
    expect(
      await say('alerts unsubscribe drill-overdue', channel, (t) => /nothing to stop/.test(t)),
    ).toBeDefined();
    expect(await say('alerts unsubscribe all', channel, (t) => t.startsWith('Unsubscribed'))).toContain(
      '2 subscription(s)',
    );
    const left = await withStore(bot, (store) => store.alerts.listSubscriptions({ conversationId: channel }));
    expect(left).toEqual([]);
  });

  it('refuses a viewer, an unknown scope and a mute too long, saying what to do', {
    timeout: 30_000,
  }, async () => {
    const channel = 'c-alert-refusals';
    expect(
      await say('alerts subscribe all', channel, (t) => t.startsWith('Not permitted'), 'dave'),
    ).toContain('operator');
    expect(await say('alerts subscribe rpo shpo', channel, (t) => t.startsWith('Unknown scope'))).toContain(
      '“shop”',
    );
    expect(
      await say('alerts mute all for 30d', channel, (t) => /7 days|too long|at most/i.test(t)),
    ).toBeDefined();
    expect(await say('alerts subscribe backups', channel, (t) => /backup-failed/.test(t))).toBeDefined();
    const left = await withStore(bot, (store) => store.alerts.listSubscriptions({ conversationId: channel }));
    expect(left).toEqual([]);
  });
});
