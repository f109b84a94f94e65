import { afterAll, describe, expect, it } from 'vitest';
import { nextRunAfter, parseScheduleRule, type ScheduleRule } from '../../src/schedules/schedule-rule.js';
import { messagesMatching, shown, withStore } from '../alerts/alert-test-kit.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

const ruleText = 'monthly on the first monday 09:00 Europe/Amsterdam';

function rule(): ScheduleRule {
  const parsed = parseScheduleRule(ruleText);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
}

/**
 * `schedule drill` end to end: the drill request (with its approval card) is posted at its time,
 * once; a bot that was down at that time asks when it is back, says how late, and a restart after
 * that asks nothing again.
 */
describe('scheduled drills', () => {
  const bots: TestBot[] = [];
  afterAll(async () => {
    await bots.at(-1)?.stop();
  });

  it('fires at its time once, and once late after the bot was down', { timeout: 90_000 }, async () => {
    const first = await startTestBot();
    bots.push(first);
    const now = () => new Date(Date.now() + first.clockOffsetMs());
    const { conversationId } = await first.send(`schedule drill shop ${ruleText}`, 'alice');
    const due = nextRunAfter(rule(), now());
    const created = await first.waitFor(conversationId, (t) => /Drills of shop scheduled/.test(t));
    const createdText = cardText(created.versions.at(-1));
    expect(createdText).toContain('monthly on the first Monday at 09:00 Europe/Amsterdam');
    expect(createdText).toContain(`${due.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    const id = /sc-[0-9a-f]{6}/.exec(createdText)?.[0] ?? '';
    expect(await first.ask('schedules', (t) => t.includes(id))).toContain('shop');

    // A minute before: nothing. Just after: the request, once.
    await first.advanceClock(Math.floor((due.getTime() - now().getTime()) / 1000) - 60);
    expect(await first.bot.fireSchedules()).toBe(0);
    await first.advanceClock(90);
    expect(await first.bot.fireSchedules()).toBe(1);
    expect(await first.bot.fireSchedules()).toBe(0);
    const notice = await first.waitFor(conversationId, (t) => t.startsWith('Scheduled drill: shop'));
    expect(cardText(notice.versions.at(-1))).not.toContain('late');
    const approval = await first.waitFor(conversationId, (t) => t.includes('Approval needed'), 30_000);
    const approvalText = cardText(approval.versions.at(-1));
    expect(approvalText).toContain('shop');
    expect(approvalText).toContain('alice');
    expect(approvalText).toContain(`scheduled drill (${id}`);

    // Down over the next run; back 2 h 10 min after it.
    const next = nextRunAfter(rule(), now());
    await first.bot.close();
    const lateBy = 2 * 3600_000 + 10 * 60_000;
    const second = await startTestBot(
      {},
      {},
      {
        dataDir: first.dataDir,
        connector: first.connector,
        clockOffsetMs: first.clockOffsetMs() + (next.getTime() - now().getTime()) + lateBy,
      },
    );
    bots.push(second);
    const late = await second.waitFor(
      conversationId,
      (t) => t.startsWith('Scheduled drill: shop') && t.includes('late'),
      30_000,
    );
    expect(cardText(late.versions.at(-1))).toContain('This is 2 h 10 min late');
    expect(await second.bot.fireSchedules()).toBe(0);

    // Another restart at the same time asks for nothing.
    await second.bot.close();
    const third = await startTestBot(
      {},
      {},
      {
        dataDir: first.dataDir,
        connector: first.connector,
        clockOffsetMs: second.clockOffsetMs(),
      },
    );
    bots.push(third);
    expect(await third.bot.fireSchedules()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(messagesMatching(third, conversationId, /^Scheduled drill: shop/)).toHaveLength(2);
    const stored = await withStore(third, (store) => store.alerts.getSchedule(id));
    expect(stored?.nextRunAt.toISOString()).toBe(nextRunAfter(rule(), next).toISOString());
    expect(shown(third, conversationId).filter((t) => t.includes('Approval needed'))).toHaveLength(2);
  });

  it('refuses a schedule it cannot read, an unknown app and a viewer, with the fix', {
    timeout: 30_000,
  }, async () => {
    const bot = bots.at(-1) as TestBot;
    expect(
      await bot.ask('schedule drill shop fortnightly', (t) => /Cannot read the schedule/.test(t)),
    ).toContain('weekly on friday 14:00 UTC');
    expect(await bot.ask('schedule drill shpo monthly', (t) => /Unknown app/.test(t))).toContain('shop');
    expect(
      await bot.ask(
        'schedule drill crm weekly on friday 14:00 Europe/Amsterdam',
        (t) => /Not permitted/.test(t),
        'dave',
      ),
    ).toContain('operator');
    const schedules = await withStore(bot, (store) => store.alerts.listSchedules());
    expect(schedules.map((s) => s.app)).toEqual(['shop']);
  });
});
