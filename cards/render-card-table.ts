import type { Table as ViewTable } from '../src/chat/view.js';
import type { CardElement, Container, Table, TableCell, TextBlock } from './adaptive-card.js';
import { quoteForCard, truncateText } from './quote-for-client.js';

/** Beyond this many columns a Table is unreadable in a Teams chat pane or on a phone. */
export const MAX_TABLE_COLUMNS = 6;
/** Keeps a card well under Teams' 28 KB payload limit; the rest is summarised in a line. */
export const MAX_TABLE_ROWS = 40;

export interface TableLimits {
  /** Rows shown; the rest are counted in a line. 0 leaves only the title and that line. */
  maxRows?: number;
  /** Longest cell, title or note, in characters. */
  maxTextLength?: number;
}

/**
 * A View table as Adaptive Card elements: a 1.5 `Table` when it fits, one FactSet per row when it
 * is too wide, and a "none" line when it is empty (a header-only table reads like an error).
 */
export function renderCardTable(table: ViewTable, limits: TableLimits = {}): CardElement[] {
  const maxText = limits.maxTextLength;
  const clip = (row: string[]): string[] => row.map((value) => truncateText(value, maxText));
  const columns = clip(table.columns);
  const elements: CardElement[] = [];
  if (table.title) elements.push(text(table.title, { weight: 'Bolder', spacing: 'Medium' }, maxText));
  const shown = table.rows.slice(0, Math.max(0, limits.maxRows ?? MAX_TABLE_ROWS)).map(clip);
  if (table.rows.length === 0) {
    elements.push(text('None.', { isSubtle: true, spacing: 'Small' }));
  } else if (shown.length === 0) {
    // Nothing fits: say so rather than show a header over no rows.
  } else if (columns.length > MAX_TABLE_COLUMNS) {
    elements.push(...shown.map((row) => renderRowAsFacts(columns, row)));
  } else {
    // Without a title line above, the table needs its own gap from the facts or text before it.
    elements.push(renderTable(columns, shown, table.title ? 'Small' : 'Medium'));
  }
  const hidden = table.rows.length - shown.length;
  if (hidden > 0) {
    const rows = hidden === 1 ? 'row' : 'rows';
    elements.push(smallPrint(`${hidden}${shown.length > 0 ? ' more' : ''} ${rows} not shown.`));
  }
  if (table.note) elements.push(smallPrint(truncateText(table.note, maxText)));
  return elements;
}

function renderTable(columns: string[], rows: string[][], spacing: Table['spacing']): Table {
  const header = {
    type: 'TableRow' as const,
    style: 'emphasis' as const,
    cells: columns.map((column) => cell(column, true)),
  };
  return {
    type: 'Table',
    columns: columns.map((column, i) => ({
      width: columnWeight([column, ...rows.map((row) => row[i] ?? '')]),
    })),
    firstRowAsHeader: true,
    showGridLines: false,
    spacing,
    rows: [
      header,
      ...rows.map((row) => ({
        type: 'TableRow' as const,
        cells: columns.map((_c, i) => cell(row[i] ?? '', false)),
      })),
    ],
  };
}

/** Relative width from the longest value, so disk names get room and sizes do not. */
function columnWeight(values: string[]): number {
  const longest = Math.max(...values.map((value) => value.length));
  return Math.min(4, Math.max(1, Math.ceil(longest / 8)));
}

function renderRowAsFacts(columns: string[], row: string[]): Container {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Small',
    items: [
      {
        type: 'FactSet',
        facts: columns.map((column, i) => ({
          title: quoteForCard(column),
          value: quoteForCard(row[i] ?? ''),
        })),
      },
    ],
  };
}

function cell(value: string, header: boolean): TableCell {
  return { type: 'TableCell', items: [text(value, header ? { weight: 'Bolder' } : {})] };
}

function text(value: string, options: Omit<TextBlock, 'type' | 'text'>, maxLength?: number): TextBlock {
  return { type: 'TextBlock', text: quoteForCard(value, maxLength), wrap: true, ...options };
}

function smallPrint(value: string): TextBlock {
  return text(value, { size: 'Small', isSubtle: true, spacing: 'Small' });
}
