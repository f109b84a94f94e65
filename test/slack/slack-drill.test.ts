import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlockKit } from '../../cards/check-block-kit.js';
import type { SlackMessage } from '../support/fake-slack-api.js';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';

/**
 * A DR drill driven from Slack: the slash command, the approval and the manual step's Done button
 * clicked in Block Kit (bob approves, carol confirms the step), the VMs-up notice in the thread,
 * and the cleanup's report.
 */
describe('a DR drill in Slack', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot({ SIMULATOR_SPEED: '120' });
  });
  afterAll(async () => t?.stop());

  const latest = (message: SlackMessage) => message.versions.at(-1) ?? {};

  it('approves, confirms the manual step by button and cleans up', { timeout: 120_000 }, async () => {
    await t.slash('alice', 'dr drill shop because quarterly exercise', 'C0DRILL');
    const card = await t.waitForMessage(
      (m, text) => m.channel === 'C0DRILL' && text.includes('Approval needed'),
    );
    expect(slackText(latest(card))).toContain('vnet-dr-test, isolated: in northeurope');
    expect(checkBlockKit(latest(card))).toEqual([]);
    expect((await t.click('bob', card, 'Approve')).status).toBe(200);

    const manual = await t.waitForMessage(
      (m, text) => m.channel === 'C0DRILL' && text.includes('shop: manual step waiting'),
      60_000,
    );
    expect(checkBlockKit(latest(manual))).toEqual([]);
    expect(manual.threadTs).toBe(card.threadTs);
    expect((await t.click('carol', manual, 'Done')).status).toBe(200);
    await t.waitForMessage(
      (m, text) => m.channel === 'C0DRILL' && text.includes('done by carol via chat'),
      30_000,
    );
    await t.waitForMessage(
      (m, text) => m.channel === 'C0DRILL' && text.includes('Drill VMs are running in vnet-dr-test'),
      60_000,
    );

    await t.slash('alice', 'dr cleanup shop notes "checked from Slack"', 'C0DRILL');
    const report = await t.waitForMessage(
      (m, text) => m.channel === 'C0DRILL' && text.includes('Drill report dr-'),
      60_000,
    );
    const text = slackText(latest(report));
    expect(text).toMatch(/shop succeeded/);
    expect(text).toContain('checked from Slack');
    expect(text).toContain('done by carol via chat');
    expect(checkBlockKit(latest(report))).toEqual([]);
  });
});
