import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/main.js';
import { type EventStreamClient, openEventStream } from '../console/open-event-stream.js';
import { launchChromium } from './launch-chromium.js';

/**
 * The local chat page in a real browser against the whole bot (router, SDK clients, in-process
 * simulator): what `npm start` users see. Uses Debian's chromium, never a downloaded browser.
 */
const SCREENSHOT = join(import.meta.dirname, '..', '..', 'docs', 'chat-page.png');
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Set ids are `<vm>-<yyyymmdd>-<hhmmss>` (src/operations/snapshots/snapshot-sets.ts). */
const SET_ID = /vm-sql-01-\d{8}-\d{6}/;

interface StreamActivity {
  id: string;
  type: string;
  attachments?: { contentType: string; content: unknown }[];
}

let bot: Awaited<ReturnType<typeof startBot>> | undefined;
let browser: Browser | undefined;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chat-page-e2e-'));
  bot = await startBot({ PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '600', LOG_LEVEL: 'warn' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await bot?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local chat page', () => {
  it('greets a fresh page, takes a snapshot with live progress in view, lists the set, and refuses a viewer', async () => {
    // A laptop-sized window: the welcome and the snapshot's card do not fit in it together.
    const page = await openChatPage({ width: 1100, height: 760 });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Like Teams when the bot is added: a welcome that says what to type first.
    const welcome = page.locator('.message.bot').first();
    await expect
      .poll(() => visibleText(welcome), { timeout: 15_000 })
      .toContain('Hello, I am the recovery bot');
    expect(await visibleText(welcome)).toMatch(/snapshot <vm>|status <vm>/);
    const conversationId = await page.evaluate(() => sessionStorage.getItem('console.conversationId') ?? '');
    // Our own subscriber to the same conversation sees every card version the page is sent.
    const stream = await openEventStream(requireBot().url, conversationId);

    await send(page, 'snapshot vm-sql-01');
    const { messageId, finalCard } = await followSnapshotProgress(stream);
    const message = page.locator(`[data-activity-id="${messageId}"]`);
    await expect.poll(() => visibleText(message), { timeout: 15_000 }).toMatch(/billed/i);
    // The progress card grew into the result; the transcript followed it: no scrolling by hand.
    await expect.poll(() => wholeInView(page, message), { timeout: 2_000 }).toBe(true);
    await page.screenshot({ path: SCREENSHOT });
    const resultText = await visibleText(message);
    expect(resultText).toMatch(/provisioned/i);
    expect(resultText).toMatch(/used/i);
    expect(diskNames(resultText)).toHaveLength(3);
    expect(diskNames(JSON.stringify(finalCard))).toHaveLength(3);
    // A reload shows the same conversation and does not greet again.
    await page.reload();
    await expect.poll(() => page.locator('#stream-status').getAttribute('data-status')).toBe('open');
    await expect.poll(() => page.getByText('Hello, I am the recovery bot').count()).toBe(1);

    const list = await sendAndWaitForReply(page, 'snapshots vm-sql-01', SET_ID);
    const setInResult = SET_ID.exec(resultText)?.[0];
    if (setInResult) expect(list).toContain(setInResult);

    await page.getByLabel('Chatting as').selectOption('dave');
    const refusal = await sendAndWaitForReply(
      page,
      'snapshot vm-web-01',
      /viewer|operator|not permitted|not allowed/i,
    );
    expect(refusal).not.toMatch(/vm-web-01-\d{8}-\d{6}/);

    stream.close();
    expect(pageErrors).toEqual([]);
  });

  it('shows hostile text as text, in the user bubble and in the reply', async () => {
    const page = await openChatPage();
    await sendAndWaitForReply(
      page,
      '<img src=x onerror="window.xss=1"> **hi** [x](javascript:window.xss=2)',
      /\S/,
    );
    expect(await page.locator('#transcript img').count()).toBe(0);
    expect(await page.locator('#transcript a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();
    // The page's markdown subset builds nodes, never markup from text.
    // A module script, because the test runner rewrites dynamic import() inside evaluated functions.
    await page.addScriptTag({
      type: 'module',
      content:
        "import { renderMarkdown } from '/console/render-markdown.js'; window.renderMarkdown = renderMarkdown;",
    });
    await page.waitForFunction(() => 'renderMarkdown' in window);
    const html = await page.evaluate(() => {
      const render = (window as unknown as { renderMarkdown: (text: string) => Node }).renderMarkdown;
      const holder = document.createElement('div');
      holder.append(render('**b** <i>x</i> \\*lit\\* `c` [ok](https://example.org)'));
      return holder.innerHTML;
    });
    expect(html).toBe(
      '<strong>b</strong> &lt;i&gt;x&lt;/i&gt; *lit* <code>c</code> ' +
        '<a href="https://example.org" target="_blank" rel="noopener noreferrer">ok</a>',
    );
  });

  it('echoes markdown in quoted input as typed, never as formatting', async () => {
    const page = await openChatPage();
    const typed = '**bold**_it_~~gone~~';
    const reply = await sendAndWaitForReply(page, typed, /\S/);
    // Cards show marks that would format as look-alikes (cards/quote-for-client.ts), the same
    // characters whether a client applies markdown or not; pasted back, they read as typed.
    expect(reply).toContain('∗∗bold∗∗ˍitˍ∼∼gone∼∼');
    const lastReply = page.locator('.message.bot').last();
    expect(await lastReply.locator('strong, em, del, s').count()).toBe(0);
    // Anything else in a code span shows as it is, as in CommonMark.
    await page.addScriptTag({
      type: 'module',
      content:
        "import { renderMarkdown } from '/console/render-markdown.js'; window.renderMarkdown = renderMarkdown;",
    });
    await page.waitForFunction(() => 'renderMarkdown' in window);
    const html = await page.evaluate(() => {
      const render = (window as unknown as { renderMarkdown: (text: string) => Node }).renderMarkdown;
      const holder = document.createElement('div');
      holder.append(render('`**a** _b_ c\\d`'));
      return holder.innerHTML;
    });
    expect(html).toBe('<code>**a** _b_ c\\d</code>');
  });
});

function requireBot(): NonNullable<typeof bot> {
  if (!bot) throw new Error('the bot did not start');
  return bot;
}

async function openChatPage(viewport = { width: 1100, height: 1000 }): Promise<Page> {
  if (!browser) throw new Error('chromium did not start');
  const page = await browser.newPage({ viewport });
  await page.goto(requireBot().url);
  await expect.poll(() => page.locator('#stream-status').getAttribute('data-status')).toBe('open');
  await page.getByText('Local chat: talking to the bot against the built-in Azure simulator').waitFor();
  return page;
}

/** Whether the whole message is inside the transcript's visible area (no part scrolled away). */
async function wholeInView(page: Page, message: Locator): Promise<boolean> {
  const box = await message.boundingBox();
  const area = await page.locator('#transcript').boundingBox();
  if (!box || !area) return false;
  return box.y >= area.y - 1 && box.y + box.height <= area.y + area.height + 1;
}

/** The text as laid out, with line breaks between table cells (textContent runs them together). */
function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property.
  return locator.innerText();
}

async function send(page: Page, text: string): Promise<void> {
  const input = page.getByLabel('Message to the bot');
  await input.fill(text);
  await input.press('Enter');
}

/** Sends `text` and returns the text of the first bot message after it, once it matches `expected`. */
async function sendAndWaitForReply(page: Page, text: string, expected: RegExp): Promise<string> {
  const before = await page.locator('.message.bot').count();
  await send(page, text);
  const reply = page.locator('.message.bot').nth(before);
  await reply.waitFor({ timeout: 15_000 });
  await expect.poll(() => visibleText(reply), { timeout: 15_000 }).toMatch(expected);
  return visibleText(reply);
}

/**
 * The snapshot reply must be one message that is posted as a progress card and then updated in
 * place until it shows the billed sizes (DESIGN: progress updates the same message).
 */
async function followSnapshotProgress(
  stream: EventStreamClient,
): Promise<{ messageId: string; finalCard: unknown }> {
  let messageId = '';
  for (;;) {
    const event = (await stream.next(30_000)).data as { type: string; activity: StreamActivity };
    const card = event.activity.attachments?.find(
      (attachment) => attachment.contentType === CARD_TYPE,
    )?.content;
    if (!card) continue;
    const text = JSON.stringify(card);
    if (!messageId && event.type === 'activity' && text.includes('vm-sql-01')) {
      messageId = event.activity.id;
      expect(text, 'the first card is progress, not yet the result').not.toMatch(/billed/i);
    } else if (
      messageId &&
      event.type === 'update' &&
      event.activity.id === messageId &&
      /billed/i.test(text)
    ) {
      return { messageId, finalCard: card };
    }
  }
}

/** Disk names as the simulator's estate gives them (vm-sql-01-osdisk, ...-datadisk-0), not set ids. */
function diskNames(text: string): string[] {
  const names = text.match(/vm-sql-01-[a-z][\w-]*/gi) ?? [];
  return [...new Set(names)];
}
