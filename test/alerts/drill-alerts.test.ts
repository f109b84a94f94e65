import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { messagesMatching, poll, shown, startPortalDrill, subscribe, withStore } from './alert-test-kit.js';

/**
 * Drill alerts end to end (Teams protocol, the real SDK against the simulator, its clock): an
 * overdue drill, resolved by a drill done in the portal; that drill's VMs left running past their
 * cleanup time, with a "Clean up now" button that a viewer may not use and an operator may.
 */
describe('drill alerts', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('says a drill is overdue once, in scope, and resolves it in the thread after a drill', {
    timeout: 60_000,
  }, async () => {
    const overdue = await subscribe(bot, 'drill-overdue crm');
    const cleanup = await subscribe(bot, 'drill-cleanup');
    const first = await poll(bot);
    expect(first.posted).toBe(1);
    const cards = messagesMatching(bot, overdue, /Drill overdue/);
    expect(cards.map((m) => cardText(m.versions.at(-1)))).toEqual([
      expect.stringContaining('Drill overdue: crm'),
    ]);
    expect(cardText(cards[0]?.versions.at(-1))).toContain('crm has never had a drill');
    // shop is overdue too, but this channel asked about crm only; the other channel about cleanups.
    expect(shown(bot, overdue).join('\n')).not.toContain('Drill overdue: shop');
    expect(shown(bot, cleanup)).toHaveLength(1);
    // Another poll: the same incident, nothing new to say.
    const again = await poll(bot);
    expect(again).toMatchObject({ opened: 0, posted: 0, updated: 0 });
    expect(cards[0]?.versions).toHaveLength(1);

    // A drill of crm started in the portal, not by the bot.
    const status = await startPortalDrill(bot, 'crm');
    expect(status).toBe(202);
    await bot.advanceClock(30 * 60);
    const afterDrill = await poll(bot);
    expect(afterDrill.resolved).toBe(1);
    expect(cardText(cards[0]?.versions.at(-1))).toMatch(/Resolved: Drill overdue: crm/);
    expect(cardText(cards[0]?.versions.at(-1))).not.toContain('Start drill');
    const reply = messagesMatching(bot, overdue, /^Resolved: Drill overdue: crm/).filter(
      (m) => m !== cards[0],
    );
    expect(reply).toHaveLength(1);
    expect(cardText(reply[0]?.versions.at(-1))).toContain('crm had a drill');
  });

  it('tells the channel when drill VMs outlive their cleanup time, and its button goes through roles', {
    timeout: 60_000,
  }, async () => {
    const [cleanup] = (await withStore(bot, (store) => store.alerts.listSubscriptions())).filter(
      (s) => s.kind === 'drill-cleanup',
    );
    const channel = cleanup?.conversation.conversationId ?? '';
    // Cleanup is due 4 h after the drill started, and the bot waits 15 min more for its own.
    await bot.advanceClock(3 * 3600);
    await poll(bot);
    expect(messagesMatching(bot, channel, /Drill VMs still running/)).toHaveLength(0);
    await bot.advanceClock(3600 + 20 * 60);
    await poll(bot);
    const [card] = messagesMatching(bot, channel, /Drill VMs still running: crm/);
    expect(cardText(card?.versions.at(-1))).toContain('Clean up now');

    expect(await bot.click('run', { command: 'dr cleanup crm' }, 'dave', channel)).toMatch(/Requested/);
    await bot.waitFor(channel, (t) => /operator/i.test(t) && /dave|role/i.test(t));
    expect(await bot.click('run', { command: 'dr cleanup crm' }, 'alice', channel)).toMatch(/Requested/);
    await bot.waitFor(channel, (t) => /cleaned up|Drill report/i.test(t), 30_000);
    await bot.advanceClock(30 * 60);
    await poll(bot);
    expect(cardText(card?.versions.at(-1))).toMatch(/^Resolved: Drill VMs still running: crm/);
    const audit = await withStore(bot, (store) => store.listAudit({ limit: 200 }));
    const clicks = audit.filter((e) => e.commandId === 'dr.cleanup' && e.origin === 'button');
    expect(clicks.map((e) => [e.actor.displayName, e.kind])).toEqual(
      expect.arrayContaining([
        ['dave', 'refusal'],
        ['alice', 'command'],
      ]),
    );
  });
});
