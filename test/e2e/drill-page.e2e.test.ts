import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DrillReport } from '../../src/operations/site-recovery/drill-report.js';
import { openChatPage, say, usePageBot } from './launch-chromium.js';

/**
 * Issue 7's walkthrough in the local chat page, in a real browser: alice asks for a drill of shop;
 * the pre-flight card asks for approval; bob approves; the progress card shows the groups; bob
 * clicks Done on the manual step; the VMs are up; alice cleans up with notes and gets the report,
 * whose two RTOs (VMs running, service restored) are the simulator's task times to the second.
 * Screenshots of the approval card, the progress card and the report go to docs/ for the README.
 */

const setup = usePageBot('drill', 60);
const docs = join(import.meta.dirname, '..', '..', 'docs');

describe('a DR drill in the local chat page', () => {
  it('runs from alice’s request and bob’s approval to the report', async () => {
    const { bot, dataDir } = setup();
    const page = await openChatPage(setup(), { width: 1100, height: 1400 });

    const asked = await say(
      page,
      'dr drill shop because quarterly DR exercise',
      /Approval needed: DR drill of shop/,
    );
    expect(asked).toContain('vnet-dr-test, isolated');
    expect(asked).toContain('Confirm DNS cutover');
    const approvalId = /apr-[0-9a-f]{8}/.exec(asked)?.[0] ?? 'missing';
    const approvalCard = page.locator('.message.bot', { hasText: approvalId }).first();
    await approvalCard.screenshot({ path: join(docs, 'drill-approval.png') });

    await page.getByLabel('Chatting as').selectOption('bob');
    await approvalCard.getByRole('button', { name: 'Approve' }).click();
    const progress = page.locator('.message.bot', { hasText: 'Waiting for a manual step' });
    await expect.poll(() => progress.count(), { timeout: 60_000 }).toBe(1);
    expect(await progress.textContent()).toContain('Group 3: Start virtual machines (vm-web-01, vm-web-02)');
    await progress.screenshot({ path: join(docs, 'drill-progress.png') });

    const manual = page.locator('.message.bot', { hasText: 'shop: manual step waiting' });
    await manual.getByRole('button', { name: 'Done' }).click();
    const up = page.locator('.message.bot', { hasText: 'Drill VMs are running in vnet-dr-test' });
    await expect.poll(() => up.count(), { timeout: 60_000 }).toBeGreaterThan(0);

    await page.getByLabel('Chatting as').selectOption('alice');
    const report = await say(
      page,
      'dr cleanup shop notes "web and api answered on vnet-dr-test"',
      /Drill report dr-\d{8}-shop-[0-9a-f]{4}: shop succeeded/,
    );
    expect(report).toContain('done by bob via chat');
    expect(report).toContain('web and api answered on vnet-dr-test');
    expect(report).toContain('no production VM uses it');
    expect(report).toMatch(/RTO, VMs running\s*\d+ s/);
    expect(report).toMatch(/RTO, service restored\s*\d+ s/);
    const reportCard = page.locator('.message.bot', { hasText: 'Drill report dr-' }).last();
    await reportCard.screenshot({ path: join(docs, 'drill-report.png') });

    // The report's RTOs are the simulator's: its job's start to the end of the last group's task
    // and to the end of the confirmed manual step, in whole seconds of the times as shown.
    const id = /dr-\d{8}-shop-[0-9a-f]{4}/.exec(report)?.[0] ?? '';
    const db = new Database(join(dataDir, 'chatops.db'), { readonly: true });
    const row = db.prepare('SELECT body FROM drill_reports WHERE id = ?').get(id) as { body: string };
    db.close();
    const stored = JSON.parse(row.body) as DrillReport;
    const vault =
      '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu';
    const jobs = await bot.simulator?.handle({
      method: 'GET',
      url: `https://management.azure.com${vault}/replicationJobs/${stored.siteRecoveryJob}?api-version=2023-06-01`,
      headers: {},
    });
    const job = JSON.parse(jobs?.body ?? '{}') as {
      properties: {
        startTime: string;
        tasks: {
          taskType: string;
          friendlyName: string;
          endTime?: string;
          groupTaskCustomDetails?: { rpGroupType?: string };
        }[];
      };
    };
    const { startTime, tasks } = job.properties;
    const seconds = (end: string | undefined) =>
      Math.floor(Date.parse(end ?? '') / 1000) - Math.floor(Date.parse(startTime) / 1000);
    const lastGroup = tasks.filter((t) => t.groupTaskCustomDetails?.rpGroupType === 'Boot').at(-1);
    const manualTask = tasks.find((t) => t.friendlyName.includes('Confirm DNS cutover'));
    expect(stored.vmsRunningSeconds).toBe(seconds(lastGroup?.endTime));
    expect(stored.serviceRestoredSeconds).toBe(seconds(manualTask?.endTime));
    expect(report).toMatch(new RegExp(`RTO, VMs running\\s*${stored.vmsRunningSeconds} s`));
    expect(report).toMatch(new RegExp(`RTO, service restored\\s*${stored.serviceRestoredSeconds} s`));
    expect(report).toContain(`${startTime.slice(0, 19).replace('T', ' ')} UTC`);
  });
});
