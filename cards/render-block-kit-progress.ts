import type { Progress, ProgressStep, StepState } from '../src/chat/view.js';
import type { SlackBlock } from './block-kit.js';
import { MAX_SECTION_TEXT_LENGTH } from './check-block-kit.js';
import { fitSlackText } from './quote-for-client.js';

const BAR_CELLS = 10;

/** Emoji and word per state: the word is there for screen readers (they read emoji by name). */
const STEP_LOOK: Record<StepState, { emoji: string; word: string }> = {
  pending: { emoji: ':white_circle:', word: 'waiting' },
  running: { emoji: ':hourglass_flowing_sand:', word: 'running' },
  succeeded: { emoji: ':white_check_mark:', word: 'done' },
  failed: { emoji: ':x:', word: 'failed' },
  skipped: { emoji: ':fast_forward:', word: 'skipped' },
};

/** As on Teams (render-card-progress.ts): a job with a step per disk or set can have a hundred. */
export const MAX_BLOCK_KIT_PROGRESS_STEPS = 20;
const MAX_LABEL_LENGTH = 200;
const MAX_DETAIL_LENGTH = 300;

/** Which steps stay when there are too many: failures and work in flight, then what is next. */
const STEP_RANK: Record<StepState, number> = { failed: 0, running: 1, pending: 2, succeeded: 3, skipped: 3 };
const STATE_ORDER: StepState[] = ['failed', 'running', 'succeeded', 'pending', 'skipped'];

export interface BlockKitProgressLimits {
  /** Steps shown; the others are counted in one line. */
  maxSteps: number;
  /** Longest label or detail, in characters. */
  maxTextLength: number;
}

/**
 * Progress as one section: a text bar for the percent (`▰▰▰▰▱▱▱▱▱▱ 40%`), then a line per step
 * (`:x: Verify (failed) — Conflict: ...`). Past `maxSteps`, or past what fits a section, failed
 * and running steps are kept first, then pending, then finished ones, shown in their own order;
 * a context line counts the rest by state, with the same words as on Teams.
 */
export function renderBlockKitProgress(progress: Progress, limits: BlockKitProgressLimits): SlackBlock[] {
  const bar = percentBar(progress.percent);
  const ranked = progress.steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => STEP_RANK[a.step.state] - STEP_RANK[b.step.state] || a.index - b.index)
    .slice(0, Math.max(0, limits.maxSteps));
  let length = bar.length;
  const kept: { index: number; line: string }[] = [];
  for (const { step, index } of ranked) {
    const line = stepLine(step, limits.maxTextLength);
    const added = (length > 0 ? 1 : 0) + line.length;
    if (length + added > MAX_SECTION_TEXT_LENGTH) break;
    length += added;
    kept.push({ index, line });
  }
  kept.sort((a, b) => a.index - b.index);
  const blocks: SlackBlock[] = [];
  const lines = [...(bar ? [bar] : []), ...kept.map(({ line }) => line)];
  if (lines.length > 0) blocks.push({ type: 'section', text: mrkdwn(lines.join('\n')) });
  const shown = new Set(kept.map(({ index }) => index));
  const hidden = progress.steps.filter((_step, index) => !shown.has(index));
  if (hidden.length > 0) {
    blocks.push({ type: 'context', elements: [mrkdwn(hiddenLine(hidden, kept.length > 0))] });
  }
  return blocks;
}

function stepLine(step: ProgressStep, maxTextLength: number): string {
  const look = STEP_LOOK[step.state];
  const label = fitSlackText(step.label, Math.min(maxTextLength, MAX_LABEL_LENGTH));
  const detail = step.detail
    ? ` — ${fitSlackText(step.detail, Math.min(maxTextLength, MAX_DETAIL_LENGTH))}`
    : '';
  return `${look.emoji} ${label} (${look.word})${detail}`;
}

/** "72 more steps not shown: 40 done, 32 waiting." */
function hiddenLine(hidden: ProgressStep[], more: boolean): string {
  const counts = new Map<StepState, number>();
  for (const step of hidden) counts.set(step.state, (counts.get(step.state) ?? 0) + 1);
  const parts = STATE_ORDER.filter((state) => counts.has(state)).map(
    (state) => `${counts.get(state)} ${STEP_LOOK[state].word}`,
  );
  const noun = hidden.length === 1 ? 'step' : 'steps';
  return `${hidden.length}${more ? ' more' : ''} ${noun} not shown: ${parts.join(', ')}.`;
}

/** Empty when there is no (usable) percent. */
function percentBar(percent: number | undefined): string {
  if (percent === undefined || !Number.isFinite(percent)) return '';
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  const filled = Math.round((clamped / 100) * BAR_CELLS);
  return `${'▰'.repeat(filled)}${'▱'.repeat(BAR_CELLS - filled)} ${clamped}%`;
}

function mrkdwn(text: string): { type: 'mrkdwn'; text: string; verbatim: true } {
  return { type: 'mrkdwn', text, verbatim: true };
}
