import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';

/** Debian's chromium, never a downloaded browser; flags keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Types `text` in the local chat page and waits for the bot's next message to match; resolves with its text. */
export async function say(page: Page, text: string, expected: RegExp): Promise<string> {
  const before = await page.locator('.message.bot').count();
  const input = page.getByLabel('Message to the bot');
  await input.fill(text);
  await input.press('Enter');
  const reply = page.locator('.message.bot').nth(before);
  await expect.poll(async () => (await reply.textContent()) ?? '', { timeout: 15_000 }).toMatch(expected);
  return (await reply.textContent()) ?? '';
}

export interface PageBot {
  bot: RunningBot;
  browser: Browser;
  dataDir: string;
}

/**
 * A bot on a data dir of its own and a browser, started before the file's tests and stopped after
 * them; the returned getter gives both (it throws when the setup failed).
 */
export function usePageBot(prefix: string, speed: number): () => PageBot {
  let running: Partial<PageBot> = {};
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-e2e-`));
    running = { dataDir };
    running.bot = await startBot({
      PORT: '0',
      DATA_DIR: dataDir,
      SIMULATOR_SPEED: String(speed),
      LOG_LEVEL: 'warn',
    });
    running.browser = await launchChromium();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.bot?.close();
    if (running.dataDir) rmSync(running.dataDir, { recursive: true, force: true });
  });
  return () => {
    const { bot, browser, dataDir } = running;
    if (!bot || !browser || !dataDir) throw new Error('setup failed');
    return { bot, browser, dataDir };
  };
}

/** A page on the local chat, once its event stream is open. */
export async function openChatPage(
  setup: PageBot,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await setup.browser.newPage({ viewport });
  await page.goto(setup.bot.url);
  await expect.poll(() => page.locator('#stream-status').getAttribute('data-status')).toBe('open');
  return page;
}
