import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';

/**
 * Slack vouches for the user id, not the name (issue 21): alice (U0ALICE) who calls herself "bob"
 * in her Slack profile is still alice on the approval card, as requester; and bob (U0BOB) who calls
 * himself "carol" is bob where the card names who approved.
 */
describe('Slack people are named by the policy, not by their profile', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
  });
  afterAll(async () => t?.stop());

  it('names the requester and the approver by the policy name for their Slack id', async () => {
    // A slash command as U0ALICE whose self-chosen name is "bob".
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: 'T0CONTOSO',
      team_domain: 'contoso',
      channel_id: 'C0NAMES',
      channel_name: 'ops',
      user_id: 'U0ALICE',
      user_name: 'bob',
      command: '/recovery',
      text: 'restore files vm-web-02',
      api_app_id: 'A0RECOVERY',
      response_url: `${t.slack.url.replace(/\/api\/$/, '')}/commands/response-names`,
      trigger_id: `trigger-names-${Date.now()}`,
    });
    expect((await t.post(form.toString(), 'application/x-www-form-urlencoded')).status).toBe(200);
    const card = await t.waitForMessage(
      (m, text) => m.channel === 'C0NAMES' && /Approval needed|Requested by/.test(text),
    );
    const text = slackText(card.versions.at(-1));
    expect(text).toMatch(/Requested by\*?\s*alice/);
    expect(text).not.toMatch(/Requested by\*?\s*bob/);
    // bob, calling himself "carol", approves: the card and the channel say bob.
    expect((await t.click('bob', card, 'Approve', 'carol')).status).toBe(200);
    const approved = await t.waitForMessage((m, body) => m.ts === card.ts && /Approved by/.test(body));
    const resolved = slackText(approved.versions.at(-1));
    expect(resolved).toMatch(/Approved by bob/);
    expect(resolved).not.toMatch(/carol/);
    // Closed once it is open (a close typed while Azure still mounts it finds nothing to close).
    await t.waitForMessage(
      (m, body) => m.channel === 'C0NAMES' && body.includes('File restore from vm-web-02: open'),
    );
    await t.slash('alice', 'restore files vm-web-02 done', 'C0NAMES');
    await t.waitForMessage(
      (m, body) => m.channel === 'C0NAMES' && body.includes('File restore of vm-web-02 closed'),
    );
  });
});
