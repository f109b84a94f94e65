import type { Table } from '../src/chat/view.js';
import type { ContextBlock, SlackBlock } from './block-kit.js';
import { MAX_SECTION_TEXT_LENGTH } from './check-block-kit.js';
import { escapeSlackText, fitSlackLine, fitSlackText } from './quote-for-client.js';

/** Beyond this many columns a grid wraps on a phone; such tables are drawn as one record per row. */
export const MAX_GRID_COLUMNS = 6;
/** A grid wider than this (in characters) wraps badly in a desktop pane too: records again. */
export const MAX_GRID_WIDTH = 120;
/** Longest cell shown, so one long value cannot push every other column off the screen. */
export const MAX_CELL_WIDTH = 40;
/** The last column is not padded, so a long value there (a description) only wraps its own row. */
export const MAX_LAST_CELL_WIDTH = 80;
/** Rows shown before "N more rows not shown" (fewer when they do not fit one section). */
export const MAX_BLOCK_KIT_TABLE_ROWS = 40;

const FENCE = '```';
const GAP = '  ';
/**
 * A backtick in a cell could close the preformatted block (and a later one open another), so
 * every backtick in table text becomes U+02CB MODIFIER LETTER GRAVE ACCENT, which looks alike.
 */
const BACKTICK = /`/g;
const GRAVE_LOOKALIKE = '\u02cb';

export interface BlockKitTableLimits {
  /** Rows shown; the rest are counted in a line. 0 leaves only the title and that line. */
  maxRows: number;
  /** Longest title or note, in characters. */
  maxTextLength: number;
}

/**
 * A View table as one section of preformatted text (Block Kit has no table a bot can rely on:
 * the table block is new and not in every client) with columns aligned by padding, the header
 * over a rule, and a context line for the rows left out and the table's note. Rows are cut to
 * MAX_BLOCK_KIT_TABLE_ROWS and to what fits the 3,000 characters of a section. Alignment counts
 * one column per UTF-16 unit, so wide characters (CJK, emoji) can shift a row.
 */
export function renderBlockKitTable(table: Table, limits: BlockKitTableLimits): SlackBlock[] {
  const heading = table.title?.trim() ? `*${fitSlackLine(table.title, 200)}*` : '';
  const last = table.columns.length - 1;
  const clean = (row: string[]): string[] =>
    row.map((value, i) => cleanCell(value, i === last ? MAX_LAST_CELL_WIDTH : MAX_CELL_WIDTH));
  const candidates = table.rows.slice(0, Math.max(0, limits.maxRows)).map(clean);
  const columns = clean(table.columns);
  const blocks: SlackBlock[] = [];
  let shown = 0;
  if (table.rows.length === 0) {
    blocks.push(section(heading ? `${heading}\n_None._` : '_None._'));
  } else {
    const budget = MAX_SECTION_TEXT_LENGTH - heading.length - 1 - (FENCE.length * 2 + 2);
    const drawn = drawFitting(columns, candidates, budget);
    shown = drawn.rows;
    if (shown > 0) blocks.push(section(`${heading}${heading ? '\n' : ''}${FENCE}\n${drawn.text}\n${FENCE}`));
    else if (heading) blocks.push(section(heading));
  }
  const notes: string[] = [];
  const hidden = table.rows.length - shown;
  if (hidden > 0)
    notes.push(`${hidden}${shown > 0 ? ' more' : ''} ${hidden === 1 ? 'row' : 'rows'} not shown.`);
  if (table.note) notes.push(fitSlackText(table.note, limits.maxTextLength));
  if (notes.length > 0) blocks.push(context(notes));
  return blocks;
}

/** The most rows that fit `budget` escaped characters, drawn with widths of those rows only. */
function drawFitting(columns: string[], rows: string[][], budget: number): { text: string; rows: number } {
  const wide = columns.length > MAX_GRID_COLUMNS || gridWidth(columns, rows) > MAX_GRID_WIDTH;
  const draw = wide ? drawRecords : drawGrid;
  const lines = draw(columns, rows);
  let length = lines.head.length;
  let count = 0;
  for (const row of lines.rows) {
    const added = (length > 0 ? 1 : 0) + row.length;
    if (length + added > budget) break;
    length += added;
    count += 1;
  }
  if (count === 0) return { text: '', rows: 0 };
  // Fewer rows only make columns narrower, so the redrawn text still fits.
  const fitted = count === rows.length ? lines : draw(columns, rows.slice(0, count));
  const text = (fitted.head ? [fitted.head, ...fitted.rows] : fitted.rows).join('\n');
  return { text, rows: count };
}

/** Escaped text: the part always shown (a grid's header and rule), and one string per row. */
interface DrawnLines {
  head: string;
  rows: string[];
}

function drawGrid(columns: string[], rows: string[][]): DrawnLines {
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    escapeSlackText(
      widths
        .map((width, i) => (cells[i] ?? '').padEnd(width))
        .join(GAP)
        .trimEnd(),
    );
  // The last column is unpadded and may run long; its rule stops where padded columns would.
  const rule = widths
    .map((width, i) => '─'.repeat(i === widths.length - 1 ? Math.min(width, MAX_CELL_WIDTH) : width))
    .join(GAP);
  return { head: `${line(columns)}\n${rule}`, rows: rows.map(line) };
}

/** One "column  value" line per cell and a blank line between rows: readable at any width. */
function drawRecords(columns: string[], rows: string[][]): DrawnLines {
  const width = Math.max(...columns.map((column) => column.length));
  const record = (row: string[], index: number): string => {
    const lines = columns.map((column, i) => `${column.padEnd(width)}${GAP}${row[i] ?? ''}`.trimEnd());
    return escapeSlackText(`${index > 0 ? '\n' : ''}${lines.join('\n')}`);
  };
  return { head: '', rows: rows.map(record) };
}

function gridWidth(columns: string[], rows: string[][]): number {
  return columns.reduce(
    (total, column, i) =>
      total + GAP.length + Math.max(column.length, ...rows.map((row) => (row[i] ?? '').length)),
    -GAP.length,
  );
}

/** One line, no backticks, no control characters, at most `max` characters (not yet escaped). */
function cleanCell(value: string, max: number): string {
  const line = value
    .slice(0, max + 1)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(BACKTICK, GRAVE_LOOKALIKE)
    .replace(/\p{Cc}/gu, '\uFFFD');
  if (line.length <= max) return line;
  const cut = isHighSurrogate(line.charCodeAt(max - 2)) ? max - 2 : max - 1;
  return `${line.slice(0, cut)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

function context(texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn', text, verbatim: true })) };
}
