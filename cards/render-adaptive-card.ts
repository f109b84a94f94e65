import type { Tone, View } from '../src/chat/view.js';
import type { AdaptiveCard, CardColor, CardElement, TextBlock } from './adaptive-card.js';
import { escapeCardMarkdown, escapeCardMarkdownKeepingCode } from './escape-card-markdown.js';
import { renderCardAction } from './render-card-actions.js';
import { renderCardProgress } from './render-card-progress.js';
import { renderCardTable } from './render-card-table.js';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

const TONE_COLOR: Record<Tone, CardColor> = {
  neutral: 'Default',
  good: 'Good',
  warning: 'Warning',
  attention: 'Attention',
  accent: 'Accent',
};

/**
 * A View as an Adaptive Card 1.5 (what Teams renders, and the local chat page through the official
 * renderer). Pure: the same View always gives the same JSON, which the golden files pin down.
 */
export function renderAdaptiveCard(view: View): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: '1.5',
    body: renderBody(view),
    msteams: { width: 'Full' },
  };
  if (view.actions && view.actions.length > 0) card.actions = view.actions.map(renderCardAction);
  return card;
}

function renderBody(view: View): CardElement[] {
  const body: CardElement[] = [renderTitle(view)];
  if (view.summary) body.push(paragraph(view.summary, 'Small'));
  if (view.facts && view.facts.length > 0) {
    body.push({
      type: 'FactSet',
      spacing: 'Medium',
      facts: view.facts.map((fact) => ({
        title: escapeCardMarkdown(fact.label),
        value: escapeCardMarkdown(fact.value),
      })),
    });
  }
  if (view.progress) body.push(...renderCardProgress(view.progress));
  for (const table of view.tables ?? []) body.push(...renderCardTable(table));
  for (const note of view.notes ?? []) body.push(paragraph(note, 'Medium'));
  if (view.footer) {
    body.push({
      type: 'TextBlock',
      text: escapeCardMarkdownKeepingCode(view.footer),
      wrap: true,
      size: 'Small',
      isSubtle: true,
      spacing: 'Medium',
      separator: true,
    });
  }
  return body;
}

function renderTitle(view: View): TextBlock {
  const title: TextBlock = {
    type: 'TextBlock',
    text: escapeCardMarkdown(view.title),
    wrap: true,
    size: 'Medium',
    weight: 'Bolder',
    style: 'heading',
  };
  const color = TONE_COLOR[view.tone ?? 'neutral'];
  if (color !== 'Default') title.color = color;
  return title;
}

/** Summaries and notes may hold `code` spans on purpose (commands to type); everything else is escaped. */
function paragraph(text: string, spacing: TextBlock['spacing']): TextBlock {
  return { type: 'TextBlock', text: escapeCardMarkdownKeepingCode(text), wrap: true, spacing };
}
