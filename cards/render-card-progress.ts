import type { Progress, ProgressStep, StepState } from '../src/chat/view.js';
import type { CardColor, CardElement, ColumnSet, TextBlock } from './adaptive-card.js';
import { escapeCardMarkdown } from './escape-card-markdown.js';

const BAR_CELLS = 10;

/** Icon, colour and word per state: the word is there because colour alone is not accessible. */
const STEP_LOOK: Record<StepState, { icon: string; color: CardColor; word: string }> = {
  pending: { icon: '○', color: 'Default', word: 'waiting' },
  running: { icon: '◐', color: 'Accent', word: 'running' },
  succeeded: { icon: '✔', color: 'Good', word: 'done' },
  failed: { icon: '✖', color: 'Attention', word: 'failed' },
  skipped: { icon: '–', color: 'Default', word: 'skipped' },
};

/**
 * Adaptive Cards 1.5 has no progress bar element (Teams' ProgressBar came later), so the percent
 * is a text bar, and each step a row: state icon, label with detail, state word.
 */
export function renderCardProgress(progress: Progress): CardElement[] {
  const elements: CardElement[] = [];
  if (progress.percent !== undefined) elements.push(renderPercent(progress.percent));
  elements.push(...progress.steps.map(renderStep));
  return elements;
}

function renderPercent(percent: number): TextBlock {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  const filled = Math.round((clamped / 100) * BAR_CELLS);
  const bar = '▰'.repeat(filled) + '▱'.repeat(BAR_CELLS - filled);
  return { type: 'TextBlock', text: `${bar} ${clamped}%`, color: 'Accent', spacing: 'Medium', wrap: true };
}

function renderStep(step: ProgressStep): ColumnSet {
  const look = STEP_LOOK[step.state];
  const label: CardElement[] = [{ type: 'TextBlock', text: escapeCardMarkdown(step.label), wrap: true }];
  if (step.detail) {
    label.push({
      type: 'TextBlock',
      text: escapeCardMarkdown(step.detail),
      wrap: true,
      size: 'Small',
      isSubtle: true,
      spacing: 'None',
    });
  }
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: look.icon, color: look.color }] },
      { type: 'Column', width: 'stretch', items: label },
      {
        type: 'Column',
        width: 'auto',
        items: [
          {
            type: 'TextBlock',
            text: look.word,
            color: look.color,
            size: 'Small',
            isSubtle: step.state === 'pending',
          },
        ],
      },
    ],
  };
}
