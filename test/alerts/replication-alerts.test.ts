import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { messagesMatching, poll, subscribe } from './alert-test-kit.js';

/**
 * Replication alerts end to end: vm-sql-01 stops uploading, so shop's RPO grows with the
 * simulator's clock and its health turns Warning, then Critical. One card per app and kind,
 * updated as the figures change; both resolved in their threads when replication catches up.
 */
describe('replication and RPO alerts', () => {
  let bot: TestBot;
  let rpo = '';
  let health = '';
  beforeAll(async () => {
    bot = await startTestBot({ ALERT_RPO_TARGETS: 'crm=30' });
    rpo = await subscribe(bot, 'rpo shop');
    health = await subscribe(bot, 'replication');
  });
  afterAll(async () => bot?.stop());

  it('raises one card per app, updates it as RPO grows and health worsens, and resolves both', {
    timeout: 60_000,
  }, async () => {
    await poll(bot);
    expect(messagesMatching(bot, rpo, /RPO over target/)).toHaveLength(0);
    const added = await bot.simulatorAdmin('POST', 'faults', {
      kind: 'replication-lag',
      vm: 'vm-sql-01',
      count: -1,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);

    // vm-sql-01 replicates 7 min behind; 10 min without uploads makes 17 min, over shop's 15.
    await bot.advanceClock(10 * 60);
    await poll(bot);
    const [rpoCard] = messagesMatching(bot, rpo, /RPO over target: shop/);
    expect(cardText(rpoCard?.versions.at(-1))).toMatch(/vm-sql-01 is 1[67] min behind \(target 15 min\)/);

    await bot.advanceClock(30 * 60);
    await poll(bot);
    await poll(bot);
    expect(messagesMatching(bot, rpo, /RPO over target/)).toHaveLength(1);
    expect(cardText(rpoCard?.versions.at(-1))).toMatch(/vm-sql-01 is 4[67] min behind/);
    const [healthCard] = messagesMatching(bot, health, /Replication (Warning|Critical): shop/);
    expect(cardText(healthCard?.versions.at(-1))).toContain('vm-sql-01');

    await bot.advanceClock(60 * 60);
    await poll(bot);
    expect(
      messagesMatching(bot, health, /Replication/).filter(
        (m) => !/Resolved/.test(cardText(m.versions.at(-1))),
      ),
    ).toHaveLength(1);
    expect(cardText(healthCard?.versions.at(-1))).toMatch(/^Replication Critical: shop/);

    expect(
      (await bot.simulatorAdmin('DELETE', `faults/${(added.body as { id: string }).id}`)).status,
    ).toBeLessThan(300);
    await bot.advanceClock(5 * 60);
    await poll(bot);
    expect(cardText(rpoCard?.versions.at(-1))).toMatch(/^Resolved: RPO over target: shop/);
    expect(cardText(healthCard?.versions.at(-1))).toMatch(/^Resolved: Replication Critical: shop/);
    expect(messagesMatching(bot, rpo, /^Resolved: RPO over target: shop/)).toHaveLength(2);
    expect(messagesMatching(bot, health, /^Resolved: Replication/)).toHaveLength(2);
  });
});
