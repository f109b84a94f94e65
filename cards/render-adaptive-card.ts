import type { Tone, View } from '../src/chat/view.js';
import type { AdaptiveCard, CardAction, CardColor, CardElement, TextBlock } from './adaptive-card.js';
import { cardBytes, MAX_CARD_BYTES } from './check-teams-card.js';
import { MAX_TEXT_LENGTH, quoteForCard } from './quote-for-client.js';
import { renderCardAction } from './render-card-actions.js';
import { MAX_PROGRESS_STEPS, renderCardProgress } from './render-card-progress.js';
import { MAX_TABLE_ROWS, renderCardTable } from './render-card-table.js';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

const TONE_COLOR: Record<Tone, CardColor> = {
  neutral: 'Default',
  good: 'Good',
  warning: 'Warning',
  attention: 'Attention',
  accent: 'Accent',
};

/** How much of a View a card shows; whatever is left out is counted in a visible line. */
interface CardLimits {
  tableRows: number;
  steps: number;
  notes: number;
  facts: number;
  tables: number;
  textLength: number;
}

const ALL = Number.POSITIVE_INFINITY;
const FULL: CardLimits = {
  tableRows: MAX_TABLE_ROWS,
  steps: MAX_PROGRESS_STEPS,
  notes: ALL,
  facts: ALL,
  tables: ALL,
  textLength: MAX_TEXT_LENGTH,
};

/**
 * Tried in order until the card fits Teams' payload limit: table rows go first (the usual bulk),
 * then progress steps, notes, facts and whole tables, and last every text is cut shorter. The
 * title, summary, footer and actions always stay (cut texts say how much was cut).
 */
const SHRINKING_LIMITS: CardLimits[] = [
  FULL,
  { ...FULL, tableRows: 20 },
  { ...FULL, tableRows: 10 },
  { ...FULL, tableRows: 5, steps: 10 },
  { ...FULL, tableRows: 2, steps: 5, notes: 3 },
  { ...FULL, tableRows: 0, steps: 2, notes: 1, facts: 10, tables: 3 },
  { tableRows: 0, steps: 0, notes: 0, facts: 5, tables: 1, textLength: 500 },
  { tableRows: 0, steps: 0, notes: 0, facts: 0, tables: 0, textLength: 200 },
];

/**
 * A View as an Adaptive Card 1.5 (what Teams renders, and the local chat page through the official
 * renderer). Pure: the same View always gives the same JSON, which the golden files pin down.
 * The card stays within Teams' payload limit (checkTeamsCard's MAX_CARD_BYTES): a View too big
 * for it loses table rows, steps, notes and so on, each replaced by an "N more not shown" line.
 */
export function renderAdaptiveCard(view: View, options: CardOptions = {}): AdaptiveCard {
  const last = SHRINKING_LIMITS.length - 1;
  let stage = 0;
  // The text a stage would show is a lower bound of its card's size, and cheap to add up: stages
  // that cannot fit are not rendered at all (a huge View would otherwise cost seconds of escaping).
  while (stage < last && shownTextLength(view, SHRINKING_LIMITS[stage] ?? FULL) > MAX_CARD_BYTES) stage++;
  let card = renderWithLimits(view, SHRINKING_LIMITS[stage] ?? FULL, options);
  for (;;) {
    const bytes = cardBytes(card);
    if (bytes <= MAX_CARD_BYTES || stage === last) return card;
    // Each stage roughly halves the bulk: a card many times too big skips stages, so a huge View
    // costs a few renders rather than one per stage.
    const skip = Math.max(1, Math.floor(Math.log2(bytes / MAX_CARD_BYTES)));
    stage = Math.min(stage + skip, last);
    card = renderWithLimits(view, SHRINKING_LIMITS[stage] ?? FULL, options);
  }
}

/** Characters of View text a card with these limits would show, before escaping and markup. */
function shownTextLength(view: View, limits: CardLimits): number {
  const length = (text: string | undefined): number => Math.min(text?.length ?? 0, limits.textLength);
  const sum = <T>(items: T[] | undefined, max: number, size: (item: T) => number): number =>
    (items ?? []).slice(0, max).reduce((total, item) => total + size(item), 0);
  return (
    length(view.title) +
    length(view.summary) +
    length(view.footer) +
    sum(view.facts, limits.facts, (fact) => length(fact.label) + length(fact.value)) +
    // Which steps show depends on their states; the shortest ones keep this a lower bound.
    sum(
      (view.progress?.steps ?? [])
        .map((step) => length(step.label) + length(step.detail))
        .sort((a, b) => a - b),
      limits.steps,
      (size) => size,
    ) +
    sum(
      view.tables,
      limits.tables,
      (table) =>
        [table.title, table.note, ...table.columns].reduce((total, text) => total + length(text), 0) +
        sum(table.rows, limits.tableRows, (row) => row.reduce((total, cell) => total + length(cell), 0)),
    ) +
    sum(view.notes, limits.notes, length) +
    (view.code?.text.length ?? 0)
  );
}

export interface CardOptions {
  /**
   * Render `view.personal` as Teams' user-specific view, refreshed for these Teams user ids (the
   * first 60). Without it (the local page) every viewer sees every button.
   */
  personalFor?: string[];
}

/** Teams refreshes a card for at most this many users. */
export const MAX_REFRESH_USERS = 60;

/** Label of the button that fetches one's own version of a personal card, where Teams did not. */
export const SHOW_MY_OPTIONS = 'Show my options';

function renderWithLimits(view: View, limits: CardLimits, options: CardOptions): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: '1.5',
    body: renderBody(view, limits),
    msteams: { width: 'Full' },
  };
  const personal = options.personalFor && view.personal;
  let actions = view.actions ?? [];
  if (personal) {
    const data = { verb: personal.verb, ...personal.data };
    card.refresh = {
      action: { type: 'Action.Execute', verb: personal.verb, data },
      userIds: (options.personalFor ?? []).slice(0, MAX_REFRESH_USERS),
    };
    // The shared version shows no decision buttons; the button below fetches one's own version
    // for anyone Teams did not refresh (more than 60 people, or an id the bot could not resolve).
    if (!personal.forViewer) actions = [{ label: SHOW_MY_OPTIONS, verb: personal.verb, data: personal.data }];
  }
  const links = (view.links ?? []).map(
    (link): CardAction => ({ type: 'Action.OpenUrl', title: link.label, url: link.url }),
  );
  if (actions.length + links.length > 0) card.actions = [...actions.map(renderCardAction), ...links];
  return card;
}

function renderBody(view: View, limits: CardLimits): CardElement[] {
  const maxText = limits.textLength;
  const body: CardElement[] = [renderTitle(view, maxText)];
  if (view.summary) body.push(paragraph(view.summary, 'Small', maxText));
  const facts = view.facts ?? [];
  const shownFacts = facts.slice(0, limits.facts);
  if (shownFacts.length > 0) {
    body.push({
      type: 'FactSet',
      spacing: 'Medium',
      facts: shownFacts.map((fact) => ({
        title: quoteForCard(fact.label, maxText),
        value: quoteForCard(fact.value, maxText),
      })),
    });
  }
  body.push(...notShown(facts.length - shownFacts.length, shownFacts.length > 0, 'fact'));
  if (view.progress) {
    body.push(...renderCardProgress(view.progress, { maxSteps: limits.steps, maxTextLength: maxText }));
  }
  const tables = view.tables ?? [];
  const shownTables = tables.slice(0, limits.tables);
  for (const table of shownTables) {
    body.push(...renderCardTable(table, { maxRows: limits.tableRows, maxTextLength: maxText }));
  }
  body.push(...notShown(tables.length - shownTables.length, shownTables.length > 0, 'table'));
  const notes = view.notes ?? [];
  const shownNotes = notes.slice(0, limits.notes);
  for (const note of shownNotes) body.push(paragraph(note, 'Medium', maxText));
  body.push(...notShown(notes.length - shownNotes.length, shownNotes.length > 0, 'note'));
  if (view.code) {
    // A TextRun is plain text: a script keeps its asterisks and underscores, and is never cut.
    body.push(
      {
        type: 'TextBlock',
        text: quoteForCard(view.code.title, maxText),
        wrap: true,
        weight: 'Bolder',
        spacing: 'Medium',
      },
      {
        type: 'RichTextBlock',
        inlines: [{ type: 'TextRun', text: view.code.text, fontType: 'Monospace', size: 'Small' }],
      },
    );
  }
  if (view.footer) {
    body.push({
      type: 'TextBlock',
      text: quoteForCard(view.footer, maxText),
      wrap: true,
      size: 'Small',
      isSubtle: true,
      spacing: 'Medium',
      separator: true,
    });
  }
  return body;
}

/** "3 more notes not shown." (or "3 notes not shown." when none are), or nothing. */
function notShown(count: number, more: boolean, noun: string): TextBlock[] {
  if (count <= 0) return [];
  return [
    {
      type: 'TextBlock',
      text: `${count}${more ? ' more' : ''} ${noun}${count === 1 ? '' : 's'} not shown.`,
      wrap: true,
      size: 'Small',
      isSubtle: true,
      spacing: 'Small',
    },
  ];
}

function renderTitle(view: View, maxText: number): TextBlock {
  const title: TextBlock = {
    type: 'TextBlock',
    text: quoteForCard(view.title, maxText),
    wrap: true,
    size: 'Medium',
    weight: 'Bolder',
    style: 'heading',
  };
  const color = TONE_COLOR[view.tone ?? 'neutral'];
  if (color !== 'Default') title.color = color;
  return title;
}

/** Summaries and notes may hold `code` spans on purpose (commands to type): quoteForCard shows them as quotes. */
function paragraph(text: string, spacing: TextBlock['spacing'], maxText: number): TextBlock {
  return { type: 'TextBlock', text: quoteForCard(text, maxText), wrap: true, spacing };
}
