import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_VIEWS } from '../cards/sample-views.js';
import {
  sameForReader,
  slackMessageTextProblems,
  visibleTextProblems,
} from '../support/read-visible-text.js';
import { launchChromium } from './launch-chromium.js';

/**
 * Rendering checked, not assumed (issue 22): every golden card (test/fixtures/golden, one per card
 * kind and state the renderers are tested with) drawn by the official `adaptivecards` renderer in
 * Chromium with the chat page's Teams host config, three ways: with markdown-it as the markdown
 * processor (as web hosts do), with none (a client that shows text raw), and with the local chat
 * page's own markdown. What each shows (innerText) must be the same text and pass the
 * visible-text check; every Block Kit golden is read as Slack's mrkdwn and checked the same way.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const GOLDEN = join(ROOT, 'test', 'fixtures', 'golden');
const ORIGIN = 'http://cards.test';
const FILES: Record<string, string> = {
  '/vendor/adaptivecards.js': join(ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js'),
  '/vendor/markdown-it.js': join(
    ROOT,
    'node_modules',
    'markdown-it',
    'dist',
    'browser',
    'markdown-it.umd.min.js',
  ),
  '/public/render-card.js': join(ROOT, 'adapters', 'console', 'public', 'render-card.js'),
  '/public/render-markdown.js': join(ROOT, 'adapters', 'console', 'public', 'render-markdown.js'),
};
const PAGE = `<!doctype html><html><head><meta charset="utf-8"></head><body style="width: 600px">
<script src="/vendor/adaptivecards.js"></script>
<script src="/vendor/markdown-it.js"></script>
<script type="module">
import { TEAMS_HOST_CONFIG } from '/public/render-card.js';
import { markdownToSafeHtml } from '/public/render-markdown.js';
const md = window.markdownit('default', { html: false, linkify: false, typographer: false });
const processors = {
  markdownIt: (text, result) => { result.outputHtml = md.render(text); result.didProcess = true; },
  raw: (_text, result) => { result.didProcess = false; },
  chatPage: (text, result) => { result.outputHtml = markdownToSafeHtml(text); result.didProcess = true; },
};
const hostConfig = new AdaptiveCards.HostConfig(TEAMS_HOST_CONFIG);
window.readCard = (json) => {
  const readings = {};
  for (const [name, processor] of Object.entries(processors)) {
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = processor;
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.parse(json, new AdaptiveCards.SerializationContext());
    const element = card.render();
    if (!element) throw new Error('the card did not render');
    document.body.append(element);
    readings[name] = element.innerText;
    element.remove();
  }
  return readings;
};
window.ready = true;
</script></body></html>`;

function goldens(kind: 'adaptive-card' | 'block-kit'): string[] {
  return readdirSync(join(GOLDEN, kind))
    .filter((file) => file.endsWith('.json'))
    .sort();
}

function readGolden(kind: string, file: string): unknown {
  return JSON.parse(readFileSync(join(GOLDEN, kind, file), 'utf8'));
}

let browser: Browser | undefined;
let page: Page | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: PAGE });
    const file = FILES[path];
    if (!file) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(file, 'utf8') });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
});

afterAll(async () => {
  await browser?.close();
});

describe('golden files cover every card kind', () => {
  it('has an Adaptive Card and a Block Kit golden for every sample view, and nothing else', () => {
    const names = Object.keys(SAMPLE_VIEWS)
      .map((name) => `${name}.json`)
      .sort();
    expect(goldens('adaptive-card')).toEqual(names);
    expect(goldens('block-kit')).toEqual(names);
  });
});

describe('Adaptive Cards as the official renderer draws them (Teams host config)', () => {
  for (const file of goldens('adaptive-card')) {
    it(`${file} reads the same with markdown-it, raw and on the chat page, and reads cleanly`, async () => {
      const card = readGolden('adaptive-card', file);
      const readings = (await page?.evaluate(
        (json) =>
          (window as unknown as { readCard: (json: unknown) => Record<string, string> }).readCard(json),
        card,
      )) as Record<string, string>;
      const markdown = readings.markdownIt ?? '';
      expect(markdown).toMatch(/\S/);
      expect(visibleTextProblems(markdown)).toEqual([]);
      expect(sameForReader(readings.raw ?? '')).toBe(sameForReader(markdown));
      expect(sameForReader(readings.chatPage ?? '')).toBe(sameForReader(markdown));
    });
  }
});

describe('Block Kit as Slack shows mrkdwn', () => {
  for (const file of goldens('block-kit')) {
    it(`${file} reads cleanly`, () => {
      expect(slackMessageTextProblems(readGolden('block-kit', file))).toEqual([]);
    });
  }
});
