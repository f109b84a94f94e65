import type { ViewAction } from '../src/chat/view.js';
import type { ButtonElement, ConfirmationDialog, PlainTextObject, SlackBlock } from './block-kit.js';
import {
  MAX_BUTTON_TEXT_LENGTH,
  MAX_CONFIRM_BUTTON_LENGTH,
  MAX_CONFIRM_TEXT_LENGTH,
  MAX_CONFIRM_TITLE_LENGTH,
} from './check-block-kit.js';
import { fitSlackLine, fitSlackText } from './quote-for-client.js';
import { buttonActionId, encodeButtonValue } from './slack-button-value.js';

/**
 * A View's actions as one actions block of buttons (Slack takes at most 25 in a block; the rest
 * are counted in a context line). Each button is `action_id` `${verb}:${index}` and `value`
 * `{verb, ...data}` (slack-button-value.ts); positive is Slack's `primary` style, destructive
 * `danger`. An action with `confirm` gets Slack's own confirmation dialog: the action's label as
 * title and confirm button, its question as text, and "Cancel".
 */
export function renderBlockKitActions(actions: ViewAction[], maxActions: number): SlackBlock[] {
  const shown = actions.slice(0, Math.max(0, maxActions));
  const blocks: SlackBlock[] = [];
  if (shown.length > 0) blocks.push({ type: 'actions', elements: shown.map(renderButton) });
  const hidden = actions.length - shown.length;
  if (hidden > 0) {
    const text = `${hidden}${shown.length > 0 ? ' more' : ''} ${hidden === 1 ? 'action' : 'actions'} not shown.`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text, verbatim: true }] });
  }
  return blocks;
}

function renderButton(action: ViewAction, index: number): ButtonElement {
  const button: ButtonElement = {
    type: 'button',
    text: plain(action.label, MAX_BUTTON_TEXT_LENGTH),
    action_id: buttonActionId(action.verb, index),
    value: encodeButtonValue(action.verb, action.data),
  };
  if (action.style === 'positive') button.style = 'primary';
  if (action.style === 'destructive') button.style = 'danger';
  if (action.confirm) button.confirm = renderConfirm(action, action.confirm);
  return button;
}

function renderConfirm(action: ViewAction, question: string): ConfirmationDialog {
  const dialog: ConfirmationDialog = {
    title: plain(action.label, MAX_CONFIRM_TITLE_LENGTH),
    text: { type: 'plain_text', text: fitSlackText(question, MAX_CONFIRM_TEXT_LENGTH, 'ellipsis') || '?' },
    confirm: plain(action.label, MAX_CONFIRM_BUTTON_LENGTH),
    deny: { type: 'plain_text', text: 'Cancel' },
  };
  if (action.style === 'destructive') dialog.style = 'danger';
  return dialog;
}

/** Slack refuses empty text; a label-less button still needs something to click. */
function plain(text: string, max: number): PlainTextObject {
  return { type: 'plain_text', text: fitSlackLine(text, max) || '…', emoji: true };
}
