import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openChatPage, say, usePageBot } from './launch-chromium.js';

/**
 * Issue 6's walkthrough in the local chat page, in a real browser: alice asks to replace the disks
 * of vm-web-02 from its latest recovery point; the card shows the point's age and what is lost; bob
 * approves; the restore runs (the VM stopped and started again) and the card names the new disks.
 */

const setup = usePageBot('restore', 600);

describe('a restore in the local chat page', () => {
  it('asks with the recovery point’s age, runs on bob’s approval, and shows the new disks', async () => {
    const page = await openChatPage(setup(), { width: 1100, height: 1500 });

    const asked = await say(
      page,
      'restore vm-web-02 replace because bad deploy wiped /var/www',
      /Approval needed: Replace the disks of vm-web-02/,
    );
    expect(asked).toMatch(/Recovery point\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(\d+ (min|h|days) ago\)/);
    expect(asked).toContain('is lost');
    const approvalId = /apr-[0-9a-f]{8}/.exec(asked)?.[0] ?? 'missing';
    const card = page.locator('.message.bot', { hasText: approvalId }).first();

    await page.getByLabel('Chatting as').selectOption('bob');
    await card.getByRole('button', { name: 'Approve' }).click();
    const result = page.locator('.message.bot', { hasText: 'Replace the disks of vm-web-02: done' });
    await expect.poll(() => result.count(), { timeout: 60_000 }).toBe(1);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('vm-web-02 was started again');
    expect(text).toMatch(/vm-web-02-osdisk-\d{8}-\d{6}/);
    await expect
      .poll(async () => (await card.textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/Approved by bob: done/);
    await page.screenshot({
      path: join(import.meta.dirname, '..', '..', 'docs', 'restore-page.png'),
      fullPage: true,
    });
  });
});
