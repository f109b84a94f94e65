import { type Fact, type Tone, type View, type ViewLink, viewToPlainText } from '../src/chat/view.js';
import type { ContextBlock, SlackBlock, SlackMessage, TextObject } from './block-kit.js';
import {
  MAX_BLOCKS_JSON_LENGTH,
  MAX_BUTTON_TEXT_LENGTH,
  MAX_FIELD_TEXT_LENGTH,
  MAX_HEADER_TEXT_LENGTH,
  MAX_SECTION_FIELDS,
  MAX_SECTION_TEXT_LENGTH,
} from './check-block-kit.js';
import { escapeSlackText, fitSlackLine, fitSlackText } from './quote-for-client.js';
import { renderBlockKitActions } from './render-block-kit-actions.js';
import { MAX_BLOCK_KIT_PROGRESS_STEPS, renderBlockKitProgress } from './render-block-kit-progress.js';
import { MAX_BLOCK_KIT_TABLE_ROWS, renderBlockKitTable } from './render-block-kit-table.js';

/**
 * Tone as an emoji before the title (Block Kit has no colours outside attachments). Attention is a
 * red circle rather than a siren: it marks errors, rejections and expiries, not only emergencies.
 */
export const TONE_EMOJI: Record<Tone, string> = {
  neutral: '',
  good: ':white_check_mark:',
  warning: ':warning:',
  attention: ':red_circle:',
  accent: ':large_blue_circle:',
};

/** The notification text: Slack asks for under 4,000 characters; a line or two is what shows. */
export const FALLBACK_TEXT_LENGTH = 3000;

/** How much of a View a message shows; whatever is left out is counted in a visible line. */
interface BlockKitLimits {
  tableRows: number;
  steps: number;
  notes: number;
  facts: number;
  tables: number;
  /** Longest summary, note, fact value, footer or step text, in escaped characters (at most 3,000). */
  textLength: number;
  actions: number;
}

/**
 * The first stage holds every Block Kit limit by construction: at most 1 header + 1 summary +
 * 3 fact sections + 1 + 2 progress + 5 tables x 2 + 1 + 10 notes + 1 + 2 actions + 1 footer =
 * 33 blocks of Slack's 50, each text within its own limit. The later stages are tried in order
 * until the blocks fit Slack's total (MAX_BLOCKS_JSON_LENGTH): table rows go first, then steps,
 * notes, facts and whole tables, with every text cut shorter; last, buttons beyond 10. The title,
 * summary, footer and (nearly always) the buttons stay.
 */
const FULL: BlockKitLimits = {
  tableRows: MAX_BLOCK_KIT_TABLE_ROWS,
  steps: MAX_BLOCK_KIT_PROGRESS_STEPS,
  notes: 10,
  facts: 3 * MAX_SECTION_FIELDS,
  tables: 5,
  textLength: 3000,
  actions: 25,
};
const SHRINKING_LIMITS: BlockKitLimits[] = [
  FULL,
  { ...FULL, tableRows: 20 },
  { ...FULL, tableRows: 10, textLength: 2000 },
  { ...FULL, tableRows: 5, steps: 10, notes: 5, textLength: 1000 },
  { ...FULL, tableRows: 2, steps: 5, notes: 3, facts: 10, tables: 3, textLength: 500 },
  { tableRows: 0, steps: 2, notes: 1, facts: 4, tables: 1, textLength: 300, actions: 25 },
  { tableRows: 0, steps: 0, notes: 0, facts: 0, tables: 0, textLength: 200, actions: 10 },
];

/**
 * A View as a Slack message: Block Kit blocks and the plain-text fallback. Pure: the same View
 * always gives the same JSON, which the golden files pin down. The message holds Slack's limits
 * (checkBlockKit): a View too big loses table rows, steps, notes and so on, each replaced by an
 * "N more ... not shown" line. `view.personal` is a Teams feature: on Slack every viewer sees
 * the actions, and each click is checked when it arrives.
 */
export function renderBlockKit(view: View): SlackMessage {
  const text = renderFallbackText(view);
  const last = SHRINKING_LIMITS.length - 1;
  for (let stage = 0; ; stage++) {
    const blocks = renderBlocks(view, SHRINKING_LIMITS[stage] ?? FULL, text);
    if (stage >= last || JSON.stringify(blocks).length <= MAX_BLOCKS_JSON_LENGTH) return { text, blocks };
  }
}

function renderFallbackText(view: View): string {
  return (
    fitSlackText(viewToPlainText(view).trim(), FALLBACK_TEXT_LENGTH, 'ellipsis') ||
    fitSlackLine(view.kind, FALLBACK_TEXT_LENGTH) ||
    'Message'
  );
}

function renderBlocks(view: View, limits: BlockKitLimits, fallback: string): SlackBlock[] {
  const maxText = limits.textLength;
  const blocks: SlackBlock[] = [];
  if (view.title.trim()) blocks.push(renderHeader(view));
  if (view.summary?.trim()) blocks.push(section(fitSlackText(view.summary, maxText)));
  blocks.push(...renderFacts(view.facts ?? [], limits));
  if (view.progress) {
    blocks.push(...renderBlockKitProgress(view.progress, { maxSteps: limits.steps, maxTextLength: maxText }));
  }
  const tables = view.tables ?? [];
  const shownTables = tables.slice(0, limits.tables);
  for (const table of shownTables) {
    blocks.push(...renderBlockKitTable(table, { maxRows: limits.tableRows, maxTextLength: maxText }));
  }
  blocks.push(...notShown(tables.length - shownTables.length, shownTables.length > 0, 'table'));
  const notes = view.notes ?? [];
  const shownNotes = notes.slice(0, limits.notes);
  for (const note of shownNotes) if (note.trim()) blocks.push(section(fitSlackText(note, maxText)));
  blocks.push(...notShown(notes.length - shownNotes.length, shownNotes.length > 0, 'note'));
  if (view.code) blocks.push(...renderCode(view.code));
  blocks.push(...renderBlockKitActions(view.actions ?? [], limits.actions));
  if (view.links?.length) blocks.push(renderLinks(view.links));
  if (view.footer?.trim()) blocks.push(context([fitSlackText(view.footer, maxText)]));
  // A view with nothing to show (a blank title, say) still needs a block Slack accepts.
  if (blocks.length === 0) blocks.push(section(fallback));
  return blocks;
}

function renderHeader(view: View): SlackBlock {
  const emoji = TONE_EMOJI[view.tone ?? 'neutral'];
  const prefix = emoji ? `${emoji} ` : '';
  const title = fitSlackLine(view.title, MAX_HEADER_TEXT_LENGTH - prefix.length);
  return { type: 'header', text: { type: 'plain_text', text: `${prefix}${title}`, emoji: true } };
}

/** Facts as section fields (`*label*` over the value, two to a row), ten to a section. */
function renderFacts(facts: Fact[], limits: BlockKitLimits): SlackBlock[] {
  const shown = facts.slice(0, limits.facts);
  const fields = shown.map((fact) => mrkdwn(factText(fact, limits.textLength)));
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < fields.length; i += MAX_SECTION_FIELDS) {
    blocks.push({ type: 'section', fields: fields.slice(i, i + MAX_SECTION_FIELDS) });
  }
  blocks.push(...notShown(facts.length - shown.length, shown.length > 0, 'fact'));
  return blocks;
}

function factText(fact: Fact, maxText: number): string {
  const label = fact.label.trim() ? `*${fitSlackLine(fact.label, 200)}*\n` : '';
  const room = Math.min(maxText, MAX_FIELD_TEXT_LENGTH) - label.length;
  return `${label}${fitSlackText(fact.value, room)}` || '–';
}

/**
 * Text to copy exactly, in preformatted sections split at line ends to fit a section each; never
 * cut. Only &, < and > are escaped, which Slack shows (and copies) as themselves.
 */
function renderCode(code: NonNullable<View['code']>): SlackBlock[] {
  const room = MAX_SECTION_TEXT_LENGTH - 8;
  const chunks: string[] = [];
  let current = '';
  for (const line of escapeSlackText(code.text).split('\n')) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= room || !current) current = next;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current) chunks.push(current);
  const fence = '```';
  return [
    section(`*${fitSlackLine(code.title, 200)}*`),
    ...chunks.map((chunk) => section(`${fence}\n${chunk}\n${fence}`)),
  ];
}

/** "3 more notes not shown." (or "3 notes not shown." when none are), or nothing. */
function notShown(count: number, more: boolean, noun: string): ContextBlock[] {
  if (count <= 0) return [];
  return [context([`${count}${more ? ' more' : ''} ${noun}${count === 1 ? '' : 's'} not shown.`])];
}

function mrkdwn(text: string): TextObject {
  return { type: 'mrkdwn', text, verbatim: true };
}

function section(text: string): SlackBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function context(texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map(mrkdwn) };
}

/** Link buttons: Slack opens the URL (and still tells the bot, which ignores a click with a url). */
function renderLinks(links: ViewLink[]): SlackBlock {
  return {
    type: 'actions',
    elements: links.slice(0, 5).map((link, n) => ({
      type: 'button',
      text: {
        type: 'plain_text',
        text: fitSlackLine(link.label, MAX_BUTTON_TEXT_LENGTH) || '…',
        emoji: true,
      },
      action_id: `link:${n}`,
      url: link.url,
    })),
  };
}
