/**
 * The subset of Adaptive Card 1.5 JSON that renderAdaptiveCard emits, typed so that a renderer bug
 * is a compile error rather than a card Teams silently refuses. Names follow the schema
 * (https://adaptivecards.io/schemas/adaptive-card.json).
 */
export type CardColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type CardSpacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
export type ActionStyle = 'default' | 'positive' | 'destructive';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  color?: CardColor;
  isSubtle?: boolean;
  spacing?: CardSpacing;
  separator?: boolean;
  horizontalAlignment?: 'Left' | 'Center' | 'Right';
  style?: 'default' | 'heading';
}

/** Plain text runs (no markdown), for text that must be copied exactly. */
export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: {
    type: 'TextRun';
    text: string;
    fontType?: 'Default' | 'Monospace';
    size?: 'Small' | 'Default';
  }[];
  spacing?: CardSpacing;
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
  spacing?: CardSpacing;
}

export interface Column {
  type: 'Column';
  width: 'auto' | 'stretch' | number;
  items: CardElement[];
  verticalContentAlignment?: 'Top' | 'Center' | 'Bottom';
}

export interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: CardSpacing;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: CardSpacing;
  separator?: boolean;
}

export interface TableCell {
  type: 'TableCell';
  items: CardElement[];
}

export interface TableRow {
  type: 'TableRow';
  cells: TableCell[];
  style?: 'default' | 'emphasis';
}

export interface Table {
  type: 'Table';
  columns: { width: number }[];
  rows: TableRow[];
  firstRowAsHeader: boolean;
  showGridLines?: boolean;
  gridStyle?: 'default' | 'emphasis' | 'accent';
  spacing?: CardSpacing;
}

export type CardElement = TextBlock | RichTextBlock | FactSet | ColumnSet | Container | Table;

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, string>;
  style?: ActionStyle;
}

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, string>;
  style?: ActionStyle;
  /** Clients older than Universal Actions (Teams mobile before 1.4) run this instead. */
  fallback: SubmitAction;
}

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: AdaptiveCard;
  style?: ActionStyle;
}

/** Opens a web page in the reader's browser; nothing is sent to the bot. */
export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export type CardAction = ExecuteAction | SubmitAction | ShowCardAction | OpenUrlAction;

/** Teams' user-specific views: the clients of `userIds` ask the bot for their own card with `action`. */
export interface CardRefresh {
  action: { type: 'Action.Execute'; verb: string; data: Record<string, string> };
  /** Teams user ids (`29:...`), at most 60. */
  userIds: string[];
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema?: string;
  version: '1.5';
  refresh?: CardRefresh;
  body: CardElement[];
  actions?: CardAction[];
  /** Teams only: use the whole width of the conversation pane. */
  msteams?: { width: 'Full' };
}
