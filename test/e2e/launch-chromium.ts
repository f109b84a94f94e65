import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

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
