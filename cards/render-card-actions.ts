import type { ViewAction } from '../src/chat/view.js';
import type { CardAction, ExecuteAction } from './adaptive-card.js';
import { quoteForCard } from './quote-for-client.js';

/**
 * Universal Actions: `Action.Execute` reaches the bot as an `adaptiveCard/action` invoke whose
 * response replaces the card; clients without Universal Actions run the `Action.Submit` fallback,
 * which arrives as a message whose `value` is the same data. The verb is in the data too, so
 * both paths carry everything the router needs.
 */
export function renderCardAction(action: ViewAction): CardAction {
  const execute = renderExecute(action);
  if (!action.confirm) return execute;
  // Adaptive Cards have no confirmation dialog; a ShowCard with the question and the real
  // button inside is the closest, and keeps a destructive click to two deliberate steps.
  return {
    type: 'Action.ShowCard',
    title: `${action.label}…`,
    ...styleOf(action),
    card: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: quoteForCard(action.confirm), wrap: true }],
      actions: [execute],
    },
  };
}

function renderExecute(action: ViewAction): ExecuteAction {
  // The button's own verb wins over a stray `verb` key in the data.
  const { verb: _shadowed, ...rest } = action.data;
  const data = { verb: action.verb, ...rest };
  return {
    type: 'Action.Execute',
    title: action.label,
    verb: action.verb,
    data,
    ...styleOf(action),
    fallback: { type: 'Action.Submit', title: action.label, data: { ...data }, ...styleOf(action) },
  };
}

function styleOf(action: ViewAction): { style?: 'positive' | 'destructive' } {
  return action.style === 'positive' || action.style === 'destructive' ? { style: action.style } : {};
}
