import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../support/fake-bot-connector.js';
import { identities, startTestBot, type TestBot } from '../../support/start-test-bot.js';

/**
 * The walking skeleton end to end: Bot Framework activities POSTed to /api/messages with our own
 * serviceUrl, the real router and SDK clients against the embedded simulator, replies and PUT
 * updates received by a fake connector over HTTP.
 */
describe('snapshot over the Bot Framework endpoint', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('shows a progress card that turns into a result listing the 3 disks of vm-sql-01', async () => {
    const { conversationId, status } = await bot.send('snapshot vm-sql-01');
    expect(status).toBe(200);
    const message = await bot.waitFor(conversationId, (text) =>
      text.includes('Snapshot set of vm-sql-01 created'),
    );
    const first = cardText(message.versions[0]);
    expect(first).toContain('Snapshotting vm-sql-01');
    expect(message.versions.length).toBeGreaterThan(1);
    const final = cardText(message.versions.at(-1));
    for (const word of ['Provisioned', 'Used', 'Billed']) expect(final).toContain(word);
    const diskNames = new Set(final.match(/vm-sql-01-(?!\d{8})[a-z0-9_-]+/gi));
    expect(diskNames.size).toBe(3);
    expect(bot.connector.inConversation(conversationId)).toHaveLength(1);
  });

  it('lists the set with `snapshots vm-sql-01`', async () => {
    const text = await bot.ask('snapshots vm-sql-01', (t) => t.includes('Snapshot sets of vm-sql-01'));
    expect(text).toMatch(/vm-sql-01-\d{8}-\d{6}-[0-9a-f]{4}/);
    expect(text).toContain('incremental');
  });

  it('answers status, vms and whoami', async () => {
    expect(await bot.ask('status vm-web-01', (t) => t.includes('Latest snapshot set'))).toContain(
      'rg-shop-prod',
    );
    const vms = await bot.ask('vms', (t) => t.includes('VM(s)'));
    for (const vm of [
      'vm-web-01',
      'vm-web-02',
      'vm-api-01',
      'vm-sql-01',
      'vm-crm-01',
      'vm-crm-02',
      'vm-dev-01',
    ]) {
      expect(vms).toContain(vm);
    }
    expect(await bot.ask('whoami', (t) => t.includes('You are'), 'bob')).toContain('approver');
  });

  it('refuses a viewer and a stranger, and changes nothing', async () => {
    const before = await bot.ask('snapshots vm-web-01', (t) => t.includes('vm-web-01'));
    expect(await bot.ask('snapshot vm-web-01', (t) => t.includes('Not permitted'), 'dave')).toContain(
      'operator',
    );
    expect(await bot.ask('snapshot vm-web-01', (t) => t.includes('Not permitted'), 'stranger')).toContain(
      'not in the bot',
    );
    const after = await bot.ask('snapshots vm-web-01', (t) => t.includes('vm-web-01'));
    expect(after).toBe(before);
  });

  it('shows the plan on --dry-run and creates nothing', async () => {
    const plan = await bot.ask('snapshot vm-web-02 --dry-run', (t) => t.includes('Dry run'));
    expect(plan).toContain('Nothing was changed');
    expect(await bot.ask('snapshots vm-web-02', (t) => t.includes('vm-web-02'))).toContain(
      'No snapshot sets',
    );
  });

  it('runs a card button (Action.Execute invoke) and answers the invoke with a message', async () => {
    const conversationId = 'conv-button-execute';
    const response = await fetch(`${bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: 'invoke-1',
        channelId: 'msteams',
        serviceUrl: bot.connector.url,
        from: { id: '29:alice', name: 'alice', aadObjectId: identities.alice },
        recipient: { id: '28:bot', name: 'Recovery bot' },
        conversation: { id: conversationId },
        replyToId: 'm-card',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'run',
            data: { verb: 'run', command: 'snapshots vm-sql-01' },
          },
          trigger: 'manual',
        },
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: string };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(body.value).toContain('snapshots vm-sql-01');
    await bot.waitFor(conversationId, (t) => t.includes('Snapshot sets of vm-sql-01'));
  });

  it('runs the Action.Submit fallback (a message with a value) the same way', async () => {
    const conversationId = 'conv-button-submit';
    await fetch(`${bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'submit-1',
        channelId: 'msteams',
        serviceUrl: bot.connector.url,
        from: { id: '29:dave', name: 'dave', aadObjectId: identities.dave },
        recipient: { id: '28:bot', name: 'Recovery bot' },
        conversation: { id: conversationId },
        value: { verb: 'run', command: 'snapshot vm-sql-01' },
      }),
    });
    // A button runs the normal command path: dave, a viewer, is refused as if he had typed it.
    await bot.waitFor(conversationId, (t) => t.includes('Not permitted'));
  });

  it('runs a retried delivery (same activity id) once', async () => {
    const body = JSON.stringify({
      type: 'message',
      id: 'retried-activity-1',
      channelId: 'msteams',
      serviceUrl: bot.connector.url,
      from: { id: '29:alice', name: 'alice', aadObjectId: identities.alice },
      recipient: { id: '28:bot', name: 'Recovery bot' },
      conversation: { id: 'conv-retry' },
      text: 'snapshot vm-crm-01',
    });
    const post = () =>
      fetch(`${bot.bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const answers = await Promise.all([post(), post(), post()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await bot.waitFor('conv-retry', (t) => t.includes('created'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.connector.inConversation('conv-retry')).toHaveLength(1);
  });
});
