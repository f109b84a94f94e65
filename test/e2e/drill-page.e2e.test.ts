import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DrillReport } from '../../src/operations/drill-report.js';
import { openChatPage, say, usePageBot } from './launch-chromium.js';

/**
 * Issue 7's walkthrough in the local chat page, in a real browser: alice asks for a drill of shop;
 * the pre-flight card asks for approval; bob approves; the progress card shows the groups; bob
 * clicks Done on the manual step; the VMs are up; alice cleans up with notes and gets the report.
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
    expect(asked).toContain('vnet-dr-test (isolated');
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
    expect(report).toMatch(/Achieved RTO\s*\d+ s/);
    const reportCard = page.locator('.message.bot', { hasText: 'Drill report dr-' }).last();
    await reportCard.screenshot({ path: join(docs, 'drill-report.png') });

    // The report's RTO is the simulator's: trigger to the end of the last group's task.
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
      properties: { tasks: { taskType: string; endTime?: string }[] };
    };
    const lastGroupEnd = Math.max(
      ...job.properties.tasks
        .filter((t) => t.taskType === 'GroupTaskDetails')
        .map((t) => Date.parse(t.endTime ?? '')),
    );
    expect(stored.rtoSeconds).toBe(Math.round((lastGroupEnd - Date.parse(stored.triggeredAt ?? '')) / 1000));
    expect(report).toMatch(new RegExp(`Achieved RTO\\s*${stored.rtoSeconds} s`));
  });
});
