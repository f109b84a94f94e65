/**
 * The card model. Operations and the router produce Views; cards/ draws them as Adaptive Cards
 * (Teams, console) and Block Kit (Slack). Keep it small and semantic: no layout, no platform terms.
 */
export type Tone = 'neutral' | 'good' | 'warning' | 'attention' | 'accent';

export interface Fact {
  label: string;
  value: string;
}

export interface Table {
  title?: string;
  columns: string[];
  rows: string[][];
  /** Small print under the table ("3 more not shown", totals). */
  note?: string;
}

export type StepState = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface ProgressStep {
  label: string;
  state: StepState;
  detail?: string;
}

export interface Progress {
  /** 0..100 when known. */
  percent?: number;
  steps: ProgressStep[];
}

export interface ViewAction {
  label: string;
  /** Routed to the router as an ActionChatEvent verb. */
  verb: string;
  data: Record<string, string>;
  style?: 'default' | 'positive' | 'destructive';
  /** Text of a confirmation prompt shown before the action is sent, where the platform has one. */
  confirm?: string;
}

export interface ViewLink {
  label: string;
  /** An absolute https URL. */
  url: string;
}

/**
 * A card with a version per viewer (Teams' user-specific views). Where the platform has them, the
 * people listed get their own version (asked of the bot with `verb` and `data` as they open the
 * card) and everyone else sees the card without its buttons. Elsewhere every viewer sees `actions`,
 * and each click is checked, as it always is.
 */
export interface PersonalViews {
  verb: string;
  data: Record<string, string>;
  /** Entra object ids of the people who get their own version (the adapter maps them to its ids). */
  viewers: string[];
  /** Set on the version made for one viewer: it shows that viewer's buttons and stays personal. */
  forViewer?: boolean;
}

export interface View {
  /** What kind of card this is ("snapshot-result", "help", "error"); used by tests and golden files. */
  kind: string;
  title: string;
  tone?: Tone;
  /** One or two sentences under the title. Plain text; `code` spans allowed. */
  summary?: string;
  facts?: Fact[];
  tables?: Table[];
  progress?: Progress;
  /** Further paragraphs: next steps, warnings. Plain text; `code` spans allowed. */
  notes?: string[];
  actions?: ViewAction[];
  /** Web pages to open (a job in the Azure portal): link buttons, which never reach the bot. */
  links?: ViewLink[];
  personal?: PersonalViews;
  /**
   * Text to copy exactly (a file-restore script): shown whole, in a monospace block, never escaped
   * as markdown or shortened; at most MAX_CODE_LENGTH characters, so every platform can show it.
   */
  code?: { title: string; text: string };
  /** Small print at the bottom: reference id, timing. */
  footer?: string;
}

/** The longest `View.code` every platform shows whole: one Slack section, so it is copied in one go. */
export const MAX_CODE_LENGTH = 2_900;

/** A one-line plain-text rendering, for notifications and platforms' `text` fallbacks. */
export function viewToPlainText(view: View): string {
  return view.summary ? `${view.title}: ${view.summary}` : view.title;
}
