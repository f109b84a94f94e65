import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openChatPage, say, usePageBot } from './launch-chromium.js';

/**
 * Issue 10 in the local chat page, in a real browser: alice subscribes the chat to every alert; the
 * watchers' next poll (every 5 s at SIMULATOR_SPEED 60) posts what is wrong in the demo estate
 * (no drill of shop or crm yet, vm-dev-01 without backup); the alert's "Start drill" button asks
 * for the drill through the normal path, with its approval card. A screenshot goes to docs/.
 */

const setup = usePageBot('alert', 60);
const docs = join(import.meta.dirname, '..', '..', 'docs');

describe('alerts in the local chat page', () => {
  it('posts the alerts of the demo estate after subscribing, with buttons that ask as usual', async () => {
    const page = await openChatPage(setup(), { width: 1100, height: 1000 });
    await say(page, 'alerts subscribe all', /Subscribed/);
    const overdue = page.locator('.message.bot', { hasText: 'Drill overdue: shop' });
    await expect.poll(() => overdue.count(), { timeout: 20_000 }).toBe(1);
    const unprotected = page.locator('.message.bot', { hasText: 'Not backed up: vm-dev-01' });
    await expect.poll(() => unprotected.count(), { timeout: 20_000 }).toBe(1);
    expect(await overdue.textContent()).toContain('shop has never had a drill');
    await overdue.screenshot({ path: join(docs, 'alert-drill-overdue.png') });

    await overdue.getByRole('button', { name: 'Start drill' }).click();
    const approval = page.locator('.message.bot', { hasText: 'Approval needed: DR drill of shop' });
    await expect.poll(() => approval.count(), { timeout: 20_000 }).toBe(1);
    expect(await approval.textContent()).toContain('alice');
    // Later polls update the same cards; they never post them again.
    await page.waitForTimeout(6_000);
    expect(await overdue.count()).toBe(1);
    expect(await unprotected.count()).toBe(1);
  });
});
