import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStore } from '../alerts/alert-test-kit.js';
import { cardText } from '../support/fake-bot-connector.js';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';
import type { User } from '../support/start-test-bot.js';

/**
 * Reads have their own per-person limit (each one spends the bot identity's Azure read quota), and
 * a person is one person on every platform: alice on Teams and alice on Slack (one member of the
 * policy) share her read limit and her change limit.
 */
describe('per-person limits across platforms', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot({
      RATE_LIMIT_READS_PER_MINUTE: '4',
      RATE_LIMIT_USER_PER_MINUTE: '2',
      RATE_LIMIT_CHANNEL_PER_MINUTE: '100',
    });
  });
  afterAll(async () => t?.stop());

  /** Sends on Teams (a personal chat) and resolves with the bot's next answer there. */
  async function onTeams(text: string, user: User, conversationId: string): Promise<string> {
    const before = t.bot.connector.inConversation(conversationId).length;
    await t.bot.send(text, user, conversationId);
    await expect.poll(() => t.bot.connector.inConversation(conversationId).length).toBeGreaterThan(before);
    return cardText(t.bot.connector.inConversation(conversationId)[before]?.versions.at(-1));
  }

  /** Runs `/recovery <text>` and resolves with the bot's next answer: in the thread, or to the user alone. */
  async function onSlack(text: string, user: string, channel: string): Promise<string> {
    const inThreads = () => t.slack.messages.filter((m) => m.channel === channel && m.threadTs);
    const privately = () => t.slack.ephemerals.filter((e) => e.channel === channel);
    const [threadsBefore, privatelyBefore] = [inThreads().length, privately().length];
    expect((await t.slash(user, text, channel)).status).toBe(200);
    await expect
      .poll(() => inThreads().length + privately().length)
      .toBeGreaterThan(threadsBefore + privatelyBefore);
    const answer = inThreads()[threadsBefore]?.versions.at(-1) ?? privately()[privatelyBefore]?.args;
    return slackText(answer);
  }

  it('stops the 5th read of one person, on whichever platform, and only hers', {
    timeout: 30_000,
  }, async () => {
    expect(await onTeams('whoami', 'alice', 'reads-teams')).toContain('alice');
    expect(await onSlack('whoami', 'alice', 'C0READS')).toContain('alice');
    expect(await onTeams('alerts list', 'alice', 'reads-teams')).toMatch(/^Alerts/);
    expect(await onSlack('alerts list', 'alice', 'C0READS')).toMatch(/Alerts/);
    const slowed = await onSlack('whoami', 'alice', 'C0READS');
    expect(slowed).toContain('Slow down');
    expect(slowed).toMatch(
      /you have run 4 reads in the last minute, the limit per person\. Try again in \d+ s/,
    );
    expect(await onTeams('alerts list', 'alice', 'reads-teams')).toMatch(/^Slow down/);
    // Someone else reads on; alice may still change things (changes have their own limit).
    expect(await onTeams('whoami', 'bob', 'reads-bob')).toContain('bob');
    expect(await onTeams('alerts mute rpo for 1h', 'alice', 'reads-teams')).toMatch(/^Muted/);
    await t.bot.advanceClock(61);
    expect(await onSlack('whoami', 'alice', 'C0READS')).toContain('alice');
    const refusals = await withStore(t.bot, (store) => store.listAudit({ limit: 100 }));
    expect(
      refusals.filter((e) => e.kind === 'refusal' && /reads in the last minute/.test(e.outcome)),
    ).toHaveLength(2);
  });

  it('counts the changes of one person on Teams and Slack together', { timeout: 30_000 }, async () => {
    await t.bot.advanceClock(61);
    expect(await onTeams('alerts mute rpo for 2h', 'alice', 'changes-teams')).toMatch(/^Muted/);
    expect(await onSlack('alerts mute rpo for 2h', 'alice', 'C0CHANGES')).toMatch(/Muted/);
    const slowed = await onTeams('alerts mute rpo for 3h', 'alice', 'changes-teams');
    expect(slowed).toMatch(/^Slow down/);
    expect(slowed).toContain('you have started 2 changes in the last minute, the limit per person');
    expect(await onSlack('alerts mute rpo for 3h', 'alice', 'C0CHANGES')).toContain('Slow down');
    expect(await onSlack('alerts mute rpo for 3h', 'bob', 'C0CHANGES')).toMatch(/Muted/);
  });
});
