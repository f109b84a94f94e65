import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/main.js';
import { launchChromium, say } from './launch-chromium.js';

/**
 * Issue 3's walkthrough in the local chat page, in a real browser against the whole bot: a prune
 * waits for an approver; the requester and a viewer are refused; bob approves; it runs once; the
 * card says so; `audit` shows every step.
 */

let bot: Awaited<ReturnType<typeof startBot>> | undefined;
let browser: Browser | undefined;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'approval-e2e-'));
  bot = await startBot({ PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '600', LOG_LEVEL: 'warn' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await bot?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Clicks Approve on the approval card as the current user and waits for the bot's answer line. */
async function approve(page: Page, card: ReturnType<Page['locator']>, expected: RegExp): Promise<void> {
  const before = await page.locator('.message.bot').count();
  await card.getByRole('button', { name: 'Approve' }).click();
  const answers = page.locator('.message.bot').filter({ hasText: expected });
  await expect
    .poll(async () => (await page.locator('.message.bot').count()) > before && (await answers.count()) > 0, {
      timeout: 15_000,
    })
    .toBe(true);
}

describe('approvals in the local chat page', () => {
  it('asks, refuses the requester and a viewer, runs once on bob, and audits every step', async () => {
    if (!browser || !bot) throw new Error('setup failed');
    const page = await browser.newPage({ viewport: { width: 1100, height: 1600 } });
    await page.goto(bot.url);
    await expect.poll(() => page.locator('#stream-status').getAttribute('data-status')).toBe('open');

    await say(page, 'snapshot vm-web-01', /created/);
    await say(page, 'snapshot vm-web-01', /created/);
    await say(page, 'snapshot prune vm-web-01 older-than 0d because tidy up', /Approval needed/);
    const asked = page.locator('.message.bot', { hasText: 'Approval needed' }).last();
    // Follow the card by its request id: its title changes once decided.
    const approvalId = /apr-[0-9a-f]{8}/.exec((await asked.textContent()) ?? '')?.[0] ?? 'missing';
    const card = page.locator('.message.bot', { hasText: approvalId }).first();

    await approve(page, card, /you asked for this/i);
    await page.getByLabel('Chatting as').selectOption('dave');
    await approve(page, card, /do not hold the role/i);
    await page.getByLabel('Chatting as').selectOption('bob');
    await approve(page, card, /Approved.*running as job-/);
    await expect
      .poll(async () => (await card.textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/Approved by bob: done/);
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await expect
      .poll(() => page.locator('.message.bot', { hasText: 'Deleted 1 of 1' }).count(), { timeout: 15_000 })
      .toBe(1);

    await page.getByLabel('Chatting as').selectOption('erin');
    const audit = await say(page, 'audit 30', /Audit/);
    for (const step of ['requested', 'refused', 'approve', 'approved', 'executing', 'succeeded'])
      expect(audit).toContain(step);
    await page.screenshot({
      path: join(import.meta.dirname, '..', '..', 'docs', 'approval-page.png'),
      fullPage: true,
    });
  });
});
