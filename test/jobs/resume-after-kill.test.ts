import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approve, say, startBotProcess, until } from '../support/bot-process.js';
import { cardText, FakeBotConnector } from '../support/fake-bot-connector.js';

describe('a job survives SIGKILL of the bot', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-kill-'));
  const connector = new FakeBotConnector();
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeAll(() => connector.start());

  it('finishes a snapshot set after a restart, in the same message, exactly once', async () => {
    const first = await startBotProcess(dataDir);
    children.push(first.child);
    // In a channel thread: the resumed result must reach the same thread, through the stored reference.
    const thread = await say(first.url, connector, 'snapshot vm-sql-01');
    const last = () => cardText(connector.inConversation(thread)[0]?.versions.at(-1));
    await until(() => last().includes('Snapshotting vm-sql-01'), 'the progress card');
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(last()).not.toContain('created');

    const second = await startBotProcess(dataDir);
    children.push(second.child);
    await until(() => last().includes('Snapshot set of vm-sql-01 created'), 'the resumed result', 60_000);
    expect(connector.inConversation(thread)).toHaveLength(1);
    const setId = /vm-sql-01-\d{8}-\d{6}-[0-9a-f]{4}/.exec(last())?.[0];

    const check = await say(second.url, connector, 'snapshots vm-sql-01');
    await until(
      () => cardText(connector.inConversation(check)[0]?.versions.at(-1)).includes('Snapshot sets'),
      'the set list',
    );
    const listed = cardText(connector.inConversation(check)[0]?.versions.at(-1));
    // One set, the one made (its next-step line names it again).
    expect(new Set(listed.match(/vm-sql-01-\d{8}-\d{6}-[0-9a-f]{4}/g))).toEqual(new Set([setId]));
    expect(listed).toContain('1 set(s)');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connector.inConversation(thread)).toHaveLength(1);
  }, 120_000);

  it('follows an Azure Backup job to its end after a restart, and reports once', async () => {
    // At speed 120 a backup of vm-web-02 takes about 10 s: time to kill the bot in the middle.
    const backupDir = mkdtempSync(join(tmpdir(), 'chatops-kill-backup-'));
    try {
      const first = await startBotProcess(backupDir, '120');
      children.push(first.child);
      const thread = await say(first.url, connector, 'backup vm-web-02');
      const last = () => cardText(connector.inConversation(thread)[0]?.versions.at(-1));
      await until(
        () => last().includes('Backing up vm-web-02') && last().includes('cancel job-'),
        'the backup job',
      );
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      expect(last()).not.toContain('Backup of vm-web-02 done');

      const second = await startBotProcess(backupDir, '120');
      children.push(second.child);
      await until(() => last().includes('Backup of vm-web-02 done'), 'the resumed backup', 60_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(connector.inConversation(thread)).toHaveLength(1);
      expect(last()).toMatch(/New recovery point \S+/);
    } finally {
      rmSync(backupDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('takes up a restore that replaces disks after a restart: one Restore job, the VM started again, one result', async () => {
    // At speed 30 the restore of vm-web-02 takes about 12 s: time to kill the bot in the middle.
    const restoreDir = mkdtempSync(join(tmpdir(), 'chatops-kill-restore-'));
    try {
      const first = await startBotProcess(restoreDir, '30');
      children.push(first.child);
      const thread = await say(first.url, connector, 'restore vm-web-02 replace');
      const texts = () => connector.inConversation(thread).map((m) => cardText(m.versions.at(-1)));
      await until(() => texts().some((t) => t.includes('Approval needed')), 'the approval card');
      const approvalId = /apr-[0-9a-f]{8}/.exec(texts()[0] ?? '')?.[0] ?? '';
      await approve(first.url, connector, approvalId);
      const progress = () => texts().find((t) => t.startsWith('Replace the disks of vm-web-02')) ?? '';
      await until(() => progress().includes('Transfer data from vault'), 'the restore job');
      const azureJob = /Azure Backup job ([0-9a-f-]{36})/.exec(progress())?.[1];
      expect(azureJob).toBeDefined();
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      expect(progress()).not.toContain(': done');

      const second = await startBotProcess(restoreDir, '30');
      children.push(second.child);
      await until(
        () => progress().includes('Replace the disks of vm-web-02: done'),
        'the resumed restore',
        60_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const results = texts().filter((t) => t.startsWith('Replace the disks of vm-web-02'));
      expect(results).toHaveLength(1);
      // The same Azure job to the end: the restarted bot started no second restore.
      expect(progress()).toContain(`Azure Backup job ${azureJob}`);
      expect(progress()).toMatch(/it is running/);
      expect(progress()).toContain('vm-web-02 was started again');
    } finally {
      rmSync(restoreDir, { recursive: true, force: true });
    }
  }, 120_000);
});
