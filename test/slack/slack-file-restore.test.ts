import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlockKit } from '../../cards/check-block-kit.js';
import type { SlackMessage } from '../support/fake-slack-api.js';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';

/**
 * `restore files` from Slack: the approval by button, then the script and its password as an
 * ephemeral message to the requester alone; the channel only learns that the session is open.
 */
describe('file restore from Slack', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
  });
  afterAll(async () => t?.stop());

  const latest = (message: SlackMessage) => message.versions.at(-1) ?? {};

  it('sends the script to the requester as an ephemeral message, and nothing secret to the channel', async () => {
    await t.slash('alice', 'restore files vm-web-02', 'C0FILES');
    const card = await t.waitForMessage(
      (m, text) => m.channel === 'C0FILES' && text.includes('Approval needed'),
    );
    expect((await t.click('bob', card, 'Approve')).status).toBe(200);
    await waitUntil(() =>
      t.slack.ephemerals.some(
        (e) => e.user === 'U0ALICE' && slackText(e.args).includes('your script (private)'),
      ),
    );
    const script = t.slack.ephemerals.find((e) => slackText(e.args).includes('your script (private)'));
    expect(script?.channel).toBe('C0FILES');
    expect(checkBlockKit(script?.args)).toEqual([]);
    const text = slackText(script?.args);
    const password = /\*Password\*\n(\S{15})/.exec(text)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{15}$/);
    expect(text).toMatch(/base64 -d &gt; vm-web-02_\S+\.py &lt;&lt;'END'/);
    // Everyone else: the channel's messages and other people's ephemerals.
    await t.waitForMessage(
      (m, body) => m.channel === 'C0FILES' && body.includes('File restore from vm-web-02: open'),
    );
    const channel = t.slack.messages.map((m) => JSON.stringify(m.versions)).join('\n');
    const others = t.slack.ephemerals.filter((e) => e.user !== 'U0ALICE').map((e) => JSON.stringify(e.args));
    expect(channel).not.toContain(password);
    expect(others.join('\n')).not.toContain(password);
    expect(JSON.stringify(latest(card))).not.toContain(password);

    await t.slash('alice', 'restore files vm-web-02 done', 'C0FILES');
    await t.waitForMessage(
      (m, body) => m.channel === 'C0FILES' && body.includes('File restore of vm-web-02 closed'),
    );
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
