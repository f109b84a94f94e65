import MarkdownIt from 'markdown-it';
import { RAW_AZURE_SPELLINGS } from '../../src/chat/domain-words.js';

/**
 * What a reader sees of a card, read as the clients do, and the check every card's visible text
 * must pass (issue 22: "Rendering checked, not assumed").
 *
 * Adaptive Card text is read twice: as a CommonMark client shows it (markdown-it, which web hosts
 * of the official renderer use, default preset: tables and strikethrough on, HTML off) and raw (a
 * client that applies no markdown). Both readings must be the same text and pass the check.
 * Block Kit is read as Slack's mrkdwn shows it.
 */

/** One text of a card: where it is, and what each reading shows. */
export interface VisibleText {
  where: string;
  source: string;
  /** What a markdown client shows (line breaks as "\n"). */
  shown: string;
  /** What a client that applies no markdown shows; undefined where the platform always formats. */
  raw?: string;
}

const markdownIt = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

/** The text a browser shows for markdown-it's HTML: block ends and <br> are line breaks. */
export function readMarkdown(text: string): string {
  const html = markdownIt.render(text);
  return decodeHtml(
    html
      // Line breaks in the HTML source are soft breaks: a browser shows a space.
      .replace(/\n/g, ' ')
      .replace(/<br\s*\/?>\s?/g, '\n')
      .replace(/<\/(p|li|h[1-6]|blockquote|pre|tr|ul|ol|table)>\s?/g, '\n')
      .replace(/<\/t[dh]>\s?/g, ' ')
      .replace(/<hr\s*\/?>\s?/g, '\n')
      .replace(/<[^>]+>/g, ''),
  ).replace(/\n+$/, '');
}

function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The same text for a reader: runs of white space count as one. */
export function sameForReader(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every text of an Adaptive Card, with both readings where the text is markdown. */
export function readAdaptiveCard(card: unknown): VisibleText[] {
  const texts: VisibleText[] = [];
  const markdown = (where: string, source: unknown): void => {
    if (typeof source !== 'string') return;
    texts.push({ where, source, shown: readMarkdown(source), raw: source });
  };
  const plain = (where: string, source: unknown): void => {
    if (typeof source === 'string') texts.push({ where, source, shown: source, raw: source });
  };
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${where}[${index}]`);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock') markdown(`${where}.text`, element.text);
    if (element.type === 'TextRun') plain(`${where}.text`, element.text);
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const [index, fact] of (element.facts as { title?: unknown; value?: unknown }[]).entries()) {
        markdown(`${where}.facts[${index}].title`, fact.title);
        markdown(`${where}.facts[${index}].value`, fact.value);
      }
    }
    if (typeof element.type === 'string' && element.type.startsWith('Action.')) {
      plain(`${where}.title`, element.title);
    }
    for (const [key, value] of Object.entries(element)) {
      // An Action.Execute's fallback repeats its title.
      if (key === 'facts' || key === 'fallback' || key === 'data' || key === 'refresh') continue;
      if (value && typeof value === 'object') walk(value, `${where}.${key}`);
    }
  };
  walk(card, 'card');
  return texts;
}

/**
 * Slack's mrkdwn as a reader sees it: preformatted blocks and `code` spans lose their fences,
 * `*bold*`, `_italic_` and `~strike~` their marks, `<url|label>` shows the label, `<@U1>` a
 * mention, and `&amp;`, `&lt;`, `&gt;` the bare characters.
 */
export function readMrkdwn(text: string): string {
  const pieces = text.split(/```\n?([\s\S]*?)\n?```/);
  return pieces
    .map((piece, index) => (index % 2 === 1 ? decodeSlack(piece) : readMrkdwnInline(piece)))
    .join('');
}

function readMrkdwnInline(text: string): string {
  const shown = text
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*\n]*?\S)\*(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}~])~(?=\S)([^~\n]*?\S)~(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/<([^<>|]+)\|([^<>]+)>/g, '$2')
    .replace(/<[@#!]([^<>]+)>/g, '@$1')
    .replace(/<([^<>]+)>/g, '$1');
  return decodeSlack(shown);
}

function decodeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Every text of a Slack message (chat.postMessage or chat.update arguments, or renderBlockKit's result). */
export function readSlackMessage(message: unknown): VisibleText[] {
  const texts: VisibleText[] = [];
  const add = (where: string, object: unknown): void => {
    if (!object || typeof object !== 'object') return;
    const { type, text } = object as { type?: unknown; text?: unknown };
    if (typeof text !== 'string') return;
    texts.push({ where, source: text, shown: type === 'mrkdwn' ? readMrkdwn(text) : decodeSlack(text) });
  };
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${where}[${index}]`);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const path = `${where}.${key}`;
      if ((key === 'text' || key === 'title' || key === 'confirm' || key === 'deny') && isTextObject(value))
        add(path, value);
      else if (key === 'fields' || key === 'elements') {
        for (const [index, item] of (Array.isArray(value) ? value : []).entries()) {
          if (isTextObject(item)) add(`${path}[${index}]`, item);
          else walk(item, `${path}[${index}]`);
        }
      } else if (value && typeof value === 'object') walk(value, path);
    }
  };
  const { text, blocks } = (message ?? {}) as { text?: unknown; blocks?: unknown };
  // The notification text is mrkdwn too where Slack shows it (a message without blocks).
  if (typeof text === 'string') texts.push({ where: 'text', source: text, shown: readMrkdwn(text) });
  walk(blocks, 'blocks');
  return texts;
}

function isTextObject(value: unknown): boolean {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as { text?: unknown }).text === 'string' &&
    ((value as { type?: unknown }).type === 'mrkdwn' || (value as { type?: unknown }).type === 'plain_text')
  );
}

/** Azure's own enum spellings, which a reader should never see: the vocabulary's list (src/chat/domain-words.ts). */
export const RAW_AZURE_ENUMS = RAW_AZURE_SPELLINGS;
const RAW_ENUM = new RegExp(`\\b(${RAW_AZURE_ENUMS.join('|')})\\b`);

/**
 * Words that start the product's sentences ("Wait for ...", "Deletes 2 snapshots.", "Try ...").
 * Seen right after a word with no full stop between, they mean two sentences ran together.
 */
const SENTENCE_STARTS = [
  'Add',
  'Ask',
  'Cancel',
  'Check',
  'Creates',
  'Deletes',
  'Enable',
  'Ensure',
  'If',
  'Make',
  'Nothing',
  'Please',
  'Reply',
  'Restores',
  'Retry',
  'Run',
  'See',
  'Starts',
  'Stops',
  'The',
  'Then',
  'This',
  'Try',
  'Type',
  'Use',
  'Wait',
];
/** Names that end in one of those words, which are no sentence start there. */
const PROPER_NOUNS: string[] = [];
// A button's name ("the Cancel button") is not a sentence. One space only: two or more (or a tab)
// separate the columns of a preformatted table ("schedules    The drill schedules ...").
const RUN_ON = new RegExp(`([\\p{L}\\p{N}%)]) (${SENTENCE_STARTS.join('|')})\\b(?![-'’])(?! button)`, 'gu');

const STRAY_ESCAPE = 'a stray escape';

/** What is wrong with one visible text, for a reader: empty when nothing is. */
export function visibleTextProblems(shown: string): string[] {
  const problems: string[] = [];
  const strayEscape = /\\[!-/:-@[-`{-~]/.exec(shown);
  if (strayEscape) problems.push(`${STRAY_ESCAPE} "${around(shown, strayEscape.index)}"`);
  const backtick = shown.indexOf('`');
  if (backtick >= 0) problems.push(`a backtick "${around(shown, backtick)}"`);
  for (const runOn of shown.matchAll(RUN_ON)) {
    const at = runOn.index ?? 0;
    const context = shown.slice(Math.max(0, at - 30), at + runOn[0].length);
    if (PROPER_NOUNS.some((noun) => context.endsWith(noun))) continue;
    problems.push(`sentences run together "${around(shown, at + 1)}"`);
  }
  const enumWord = RAW_ENUM.exec(shown);
  if (enumWord) problems.push(`a raw Azure enum "${enumWord[1]}" in "${around(shown, enumWord.index)}"`);
  return problems;
}

function around(text: string, at: number): string {
  return text.slice(Math.max(0, at - 40), at + 40).replace(/\n/g, '⏎');
}

/** The problems of every text of an Adaptive Card: each reading's, and any difference between them. */
export function adaptiveCardTextProblems(card: unknown): string[] {
  const problems: string[] = [];
  for (const text of readAdaptiveCard(card)) {
    for (const problem of visibleTextProblems(text.shown)) problems.push(`${text.where}: ${problem}`);
    if (text.raw === undefined) continue;
    if (sameForReader(text.raw) !== sameForReader(text.shown)) {
      problems.push(
        `${text.where}: reads differently with markdown ("${sameForReader(text.shown).slice(0, 120)}") and without ("${sameForReader(text.raw).slice(0, 120)}")`,
      );
    } else {
      for (const problem of visibleTextProblems(text.raw))
        if (!problems.includes(`${text.where}: ${problem}`)) problems.push(`${text.where}: ${problem} (raw)`);
    }
  }
  return problems;
}

/**
 * The problems of every text of a Slack message, read as mrkdwn. mrkdwn has no escapes, so a
 * backslash inside a code span (quoted input) is what the user typed, not an escape: those spans
 * are left out of the escape check.
 */
export function slackMessageTextProblems(message: unknown): string[] {
  return readSlackMessage(message).flatMap((text) => {
    const outsideCode = readMrkdwn(text.source.replace(/`[^`\n]+`/g, '“…”'));
    const strayEscape = visibleTextProblems(outsideCode).filter((problem) =>
      problem.startsWith(STRAY_ESCAPE),
    );
    return [
      ...visibleTextProblems(text.shown).filter((problem) => !problem.startsWith(STRAY_ESCAPE)),
      ...strayEscape,
    ].map((problem) => `${text.where}: ${problem}`);
  });
}
