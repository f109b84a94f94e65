import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite-store.js';
import { textBuffer } from '../../audit/audit-fixtures.js';
import { cardText } from '../../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';
import { channelId, channelMessage } from '../../support/teams-activities.js';

const subscription = '00000000-0000-0000-0000-000000000001';
const item = (rg: string, vm: string) =>
  `/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu/backupFabrics/Azure/protectionContainers/iaasvmcontainer;iaasvmcontainerv2;${rg};${vm}/protectedItems/vm;iaasvmcontainerv2;${rg};${vm}`;

/** The monospace block of the newest private card to a user: the lines to paste. */
function pastedLines(bot: TestBot, user: string): string {
  const chats = new Set(
    bot.connector.created
      .filter((c) => JSON.stringify(c.parameters.members ?? []).includes(`29:${user}`))
      .map((c) => c.id),
  );
  const cards = bot.connector.messages
    .filter((m) => chats.has(m.conversationId))
    .map((m) => JSON.stringify(m.versions.at(-1)));
  const run = cards
    .map((card) => /"type":"TextRun","text":("(?:[^"\\]|\\.)*")/.exec(card)?.[1])
    .filter((text): text is string => text !== undefined)
    .at(-1);
  return run ? (JSON.parse(run) as string) : '';
}

/**
 * `restore files`: item-level recovery from a Teams channel. The script and its password reach the
 * requester in their own chat with the bot and nowhere else: not the channel, the logs or the audit.
 */
describe('file restore', () => {
  let bot: TestBot;
  const logs = textBuffer();
  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'debug' }, { logDestination: logs.stream });
  });
  afterAll(async () => bot?.stop());

  /** Asks in the channel as alice, approves as bob; resolves with the thread's id. */
  async function requestAndApprove(text: string): Promise<string> {
    const post = channelMessage('alice', text);
    await bot.postActivity(post);
    const thread = `${channelId};messageid=${post.id}`;
    const card = await bot.waitFor(thread, (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(card.versions.at(-1)))?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    return thread;
  }

  /** The 1:1 chats the bot opened with a user for private answers. */
  function privateChatsOf(user: string): string[] {
    return bot.connector.created
      .filter((c) => JSON.stringify(c.parameters.members ?? []).includes(`29:${user}`))
      .map((c) => c.id);
  }

  /** Private messages to a user, as text, newest last. */
  function privateTexts(user: string): string[] {
    const chats = new Set(privateChatsOf(user));
    return bot.connector.messages
      .filter((m) => chats.has(m.conversationId))
      .map((m) => cardText(m.versions.at(-1)));
  }

  async function waitForPrivate(user: string, done: (text: string) => boolean): Promise<string> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const found = privateTexts(user).find(done);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`No such private message to ${user}; saw:\n${privateTexts(user).join('\n---\n')}`);
  }

  async function activeSessions(rg: string, vm: string): Promise<number> {
    const response = await bot.bot.simulator?.handle({
      method: 'GET',
      url: `https://management.azure.com/subscriptions/${subscription}${item(rg, vm)}/recoveryPoints?api-version=2023-06-01`,
      headers: {},
    });
    const body = JSON.parse(response?.body ?? '{}') as {
      value: { properties: { isInstantIlrSessionActive?: boolean } }[];
    };
    return body.value.filter((p) => p.properties.isInstantIlrSessionActive).length;
  }

  async function auditText(): Promise<string> {
    const store = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
    try {
      return JSON.stringify(await store.listAudit({ limit: 1000 }));
    } finally {
      await store.close();
    }
  }

  it('sends the script and its password privately to the requester only, and closes on done', async () => {
    const thread = await requestAndApprove('restore files vm-web-01');
    await bot.waitFor(thread, (t) => t.includes('File restore from vm-web-01: open'), 30_000);
    const text = await waitForPrivate('alice', (t) => t.includes('vm-web-01: your script (private)'));
    const password = /Password\n(\S{15})\n/.exec(text)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{15}$/);
    // The lines to paste save the script through base64 (chat clients mangle spaces and quotes).
    const paste = pastedLines(bot, 'alice');
    expect(paste).toMatch(/^base64 -d > vm-web-01_\S+\.py <<'END'\n/);
    const dir = mkdtempSync(join(tmpdir(), 'ilr-paste-'));
    try {
      execFileSync('sh', ['-c', paste.replace(/\nsudo python3 .*$/, '')], { cwd: dir });
      const saved = readdirSync(dir).find((f) => f.endsWith('.py')) ?? '';
      const script = readFileSync(join(dir, saved), 'utf8');
      expect(script).toContain(`TargetPassword="${password}"`);
      expect(script).toContain('\n    return 0\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const firstLine = paste.split('\n')[1] ?? 'missing';
    expect(text).toContain('restore files vm-web-01 done');
    expect(await activeSessions('rg-shop-prod', 'vm-web-01')).toBe(1);

    // Nobody else sees it: not the thread, not bob's chat, not the logs, not the audit.
    const everywhereElse = bot.connector.messages
      .filter((m) => !privateChatsOf('alice').includes(m.conversationId))
      .map((m) => m.versions.map((v) => JSON.stringify(v)).join('\n'))
      .join('\n');
    expect(everywhereElse).not.toContain(password);
    expect(everywhereElse).not.toContain('TargetPassword');
    expect(everywhereElse).not.toContain(firstLine);
    expect(logs.text()).toContain('"command":"restore.files"');
    expect(logs.text()).not.toContain(password);
    expect(logs.text()).not.toContain('TargetPassword');
    expect(logs.text()).not.toContain(firstLine);
    expect(await auditText()).not.toContain(password);

    // A second one while it is open is refused before anyone is asked to approve.
    const again = await bot.ask('restore files vm-web-01', (t) => t.includes('already open'));
    expect(again).toContain('restore files vm-web-01 done');

    await bot.postActivity(
      channelMessage('alice', 'restore files vm-web-01 done', { root: thread.split('=')[1] }),
    );
    await bot.waitFor(thread, (t) => t.includes('File restore of vm-web-01 closed'), 30_000);
    await bot.waitFor(thread, (t) => t.includes('File restore from vm-web-01: closed'), 30_000);
    expect(await activeSessions('rg-shop-prod', 'vm-web-01')).toBe(0);
    const nothing = await bot.ask('restore files vm-web-01 done', (t) => t.includes('No file restore'));
    expect(nothing).toContain('Nothing to close');
  });

  it('reminds the requester 30 minutes before the 12 hours end, then revokes the session', async () => {
    const thread = await requestAndApprove('restore files vm-api-01');
    await bot.waitFor(thread, (t) => t.includes('File restore from vm-api-01: open'), 30_000);
    await bot.advanceClock(11.6 * 3600);
    const reminder = await waitForPrivate('alice', (t) => t.includes('File restore from vm-api-01 ends in'));
    expect(reminder).toMatch(/ends in (2[0-9]|30) min/);
    expect(await activeSessions('rg-shop-prod', 'vm-api-01')).toBe(1);
    await bot.advanceClock(0.5 * 3600);
    const closed = await bot.waitFor(
      thread,
      (t) => t.includes('File restore from vm-api-01: closed'),
      30_000,
    );
    expect(cardText(closed.versions.at(-1))).toContain('Access ended after 12 h');
    expect(cardText(closed.versions.at(-1))).not.toContain('revoked;');
    expect(await activeSessions('rg-shop-prod', 'vm-api-01')).toBe(0);
    expect(privateTexts('alice').filter((t) => t.includes('vm-api-01 ends in'))).toHaveLength(1);
  });

  it('closes the session again when the script cannot reach the requester privately', async () => {
    bot.connector.refusePrivateChats = true;
    try {
      const thread = await requestAndApprove('restore files vm-sql-01');
      const result = await bot.waitFor(thread, (t) => t.includes('closed again'), 30_000);
      expect(cardText(result.versions.at(-1))).toContain('revoked at once');
      expect(await activeSessions('rg-shop-prod', 'vm-sql-01')).toBe(0);
      const inThread = bot.connector.inConversation(thread).map((m) => JSON.stringify(m.versions));
      expect(inThread.join('\n')).not.toContain('TargetPassword');
    } finally {
      bot.connector.refusePrivateChats = false;
    }
  });
});
