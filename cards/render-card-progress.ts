import type { Progress, ProgressStep, StepState } from '../src/chat/view.js';
import type { CardColor, CardElement, ColumnSet, TextBlock } from './adaptive-card.js';
import { quoteForCard } from './quote-for-client.js';

const BAR_CELLS = 10;

/** Icon, colour and word per state: the word is there because colour alone is not accessible. */
const STEP_LOOK: Record<StepState, { icon: string; color: CardColor; word: string }> = {
  pending: { icon: '○', color: 'Default', word: 'waiting' },
  running: { icon: '◐', color: 'Accent', word: 'running' },
  succeeded: { icon: '✔', color: 'Good', word: 'done' },
  failed: { icon: '✖', color: 'Attention', word: 'failed' },
  skipped: { icon: '–', color: 'Default', word: 'skipped' },
};

/** A job with a step per snapshot set or disk can have a hundred; a card shows this many. */
export const MAX_PROGRESS_STEPS = 20;

/** Which steps stay visible when there are too many: failures and work in flight, then what is next. */
const STEP_RANK: Record<StepState, number> = { failed: 0, running: 1, pending: 2, succeeded: 3, skipped: 3 };
const STATE_ORDER: StepState[] = ['failed', 'running', 'succeeded', 'pending', 'skipped'];

export interface ProgressLimits {
  /** Steps shown; the others are counted in one line. */
  maxSteps?: number;
  /** Longest label or detail, in characters. */
  maxTextLength?: number;
}

/**
 * Adaptive Cards 1.5 has no progress bar element (Teams' ProgressBar came later), so the percent
 * is a text bar, and each step a row: state icon, label with detail, state word. Past `maxSteps`,
 * failed and running steps are kept first, then pending, then finished ones, in their own order,
 * and a line counts the rest by state.
 */
export function renderCardProgress(progress: Progress, limits: ProgressLimits = {}): CardElement[] {
  const elements: CardElement[] = [];
  if (progress.percent !== undefined) elements.push(renderPercent(progress.percent));
  const { shown, hidden } = selectSteps(progress.steps, limits.maxSteps ?? MAX_PROGRESS_STEPS);
  elements.push(...shown.map((step) => renderStep(step, limits.maxTextLength)));
  if (hidden.length > 0) elements.push(renderHidden(hidden, shown.length > 0));
  return elements;
}

function selectSteps(steps: ProgressStep[], max: number): { shown: ProgressStep[]; hidden: ProgressStep[] } {
  if (steps.length <= max) return { shown: steps, hidden: [] };
  const kept = new Set(
    steps
      .map((step, index) => ({ rank: STEP_RANK[step.state], index }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .slice(0, Math.max(0, max))
      .map(({ index }) => index),
  );
  return {
    shown: steps.filter((_step, index) => kept.has(index)),
    hidden: steps.filter((_step, index) => !kept.has(index)),
  };
}

/** "72 more steps not shown: 40 done, 32 waiting." */
function renderHidden(hidden: ProgressStep[], more: boolean): TextBlock {
  const counts = STATE_ORDER.map((state) => {
    const count = hidden.filter((step) => step.state === state).length;
    return count > 0 ? `${count} ${STEP_LOOK[state].word}` : '';
  }).filter(Boolean);
  const noun = hidden.length === 1 ? 'step' : 'steps';
  return {
    type: 'TextBlock',
    text: `${hidden.length}${more ? ' more' : ''} ${noun} not shown: ${counts.join(', ')}.`,
    wrap: true,
    size: 'Small',
    isSubtle: true,
    spacing: 'Small',
  };
}

function renderPercent(percent: number): TextBlock {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  const filled = Math.round((clamped / 100) * BAR_CELLS);
  const bar = '▰'.repeat(filled) + '▱'.repeat(BAR_CELLS - filled);
  return { type: 'TextBlock', text: `${bar} ${clamped}%`, color: 'Accent', spacing: 'Medium', wrap: true };
}

function renderStep(step: ProgressStep, maxTextLength?: number): ColumnSet {
  const look = STEP_LOOK[step.state];
  const label: CardElement[] = [
    { type: 'TextBlock', text: quoteForCard(step.label, maxTextLength), wrap: true },
  ];
  if (step.detail) {
    label.push({
      type: 'TextBlock',
      text: quoteForCard(step.detail, maxTextLength),
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
