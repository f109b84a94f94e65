import { adaptiveCardTextProblems, slackMessageTextProblems } from './read-visible-text.js';

/**
 * The fakes at the protocol boundary (fake Bot Framework connector, fake Slack Web API) hand every
 * card the bot sends to these checks: what a reader would see must have no stray escape, backtick,
 * run-on sentence or raw Azure enum (read-visible-text.ts). Under vitest, a test fails after it ran
 * when a card sent during it (or during the file's setup before it) had such text.
 */
const found = new Set<string>();

/** A Bot Framework activity the bot posted or updated: its Adaptive Cards and its text. */
export function checkSentActivity(activity: Record<string, unknown>): void {
  const attachments =
    (activity.attachments as { contentType?: string; content?: unknown }[] | undefined) ?? [];
  for (const attachment of attachments) {
    if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
    record('Teams card', titleOf(attachment.content), adaptiveCardTextProblems(attachment.content));
  }
  // Teams reads a message's text as markdown too.
  if (typeof activity.text === 'string' && activity.text) {
    const asCard = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: activity.text }] };
    record('Teams message', activity.text, adaptiveCardTextProblems(asCard));
  }
}

/** The arguments of a Slack message the bot sent (postMessage, update, ephemeral, response_url). */
export function checkSentSlackMessage(args: Record<string, unknown>): void {
  if (typeof args.text !== 'string' && !Array.isArray(args.blocks)) return;
  record('Slack message', String(args.text ?? ''), slackMessageTextProblems(args));
}

function record(what: string, title: string, problems: string[]): void {
  for (const problem of problems) found.add(`${what} "${title.slice(0, 80)}": ${problem}`);
}

function titleOf(card: unknown): string {
  const body = (card as { body?: { text?: unknown }[] } | undefined)?.body ?? [];
  const text = body[0]?.text;
  return typeof text === 'string' ? text : '';
}

/** What the checks found since the last call, and forgets it. */
export function takeSentCardProblems(): string[] {
  const problems = [...found];
  found.clear();
  return problems;
}

// The fakes also serve the benchmarks (bench/), which run outside vitest.
if (process.env.VITEST) {
  const { afterEach, expect } = await import('vitest');
  afterEach(() => {
    expect(
      takeSentCardProblems(),
      'what a reader would see in the cards the bot sent (test/support/read-visible-text.ts)',
    ).toEqual([]);
  });
}
