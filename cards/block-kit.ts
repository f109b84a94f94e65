/**
 * The subset of Slack Block Kit that renderBlockKit emits, typed so that a renderer bug is a
 * compile error rather than a message Slack refuses with `invalid_blocks`. Names follow Slack's
 * reference (https://docs.slack.dev/reference/block-kit); product code may not import @slack/*
 * (only adapters/slack may), so these are our own, and a test assigns them to @slack/types'
 * `KnownBlock` to keep them in step with Slack's.
 */

/** The adapter's way back from a clicked button to the View action (slack-button-value.ts). */
export { parseButtonValue } from './slack-button-value.js';

export interface PlainTextObject {
  type: 'plain_text';
  text: string;
  /** Turn `:shortcode:` into emoji. */
  emoji?: boolean;
}

export interface MrkdwnObject {
  type: 'mrkdwn';
  text: string;
  /** true: no automatic linking of URLs, channel names or mentions (see escape-slack-text.ts). */
  verbatim?: boolean;
}

export type TextObject = PlainTextObject | MrkdwnObject;

export interface HeaderBlock {
  type: 'header';
  text: PlainTextObject;
  block_id?: string;
}

/** Needs `text` or `fields` (or both). */
export interface SectionBlock {
  type: 'section';
  text?: TextObject;
  /** Shown two to a row; at most 10. */
  fields?: TextObject[];
  block_id?: string;
}

export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
  block_id?: string;
}

export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}

export type ButtonStyle = 'primary' | 'danger';

export interface ConfirmationDialog {
  title: PlainTextObject;
  text: TextObject;
  confirm: PlainTextObject;
  deny: PlainTextObject;
  /** Colour of the confirm button; Slack's default is primary. */
  style?: ButtonStyle;
}

export interface ButtonElement {
  type: 'button';
  text: PlainTextObject;
  /** `${verb}:${index}`, unique in the message (slack-button-value.ts). */
  action_id: string;
  /** JSON `{verb, ...data}` (slack-button-value.ts). */
  value?: string;
  url?: string;
  style?: ButtonStyle;
  confirm?: ConfirmationDialog;
}

export interface ActionsBlock {
  type: 'actions';
  elements: ButtonElement[];
  block_id?: string;
}

export type SlackBlock = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock;

/** What chat.postMessage / chat.update take (with a channel): blocks, and the notification text. */
export interface SlackMessage {
  /** Plain fallback for notifications, screen readers and clients without blocks (mrkdwn-escaped). */
  text: string;
  blocks: SlackBlock[];
}
