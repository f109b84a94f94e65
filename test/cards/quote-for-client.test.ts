import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteForCard } from '../../cards/quote-for-client.js';
import { renderAdaptiveCard } from '../../cards/render-adaptive-card.js';
import { renderBlockKit } from '../../cards/render-block-kit.js';
import { quoteUserText } from '../../src/commands/quote-user-text.js';
import {
  adaptiveCardTextProblems,
  readMarkdown,
  readMrkdwn,
  readSlackMessage,
  sameForReader,
  slackMessageTextProblems,
  visibleTextProblems,
} from '../support/read-visible-text.js';

/** Characters that mean something in markdown or mrkdwn, and ordinary ones around them. */
const MARKDOWN_CHARS = [
  ...'*_~`[]()<>&#!\\-+.=|:;@',
  ' ',
  ' ',
  'a',
  'b',
  'vm',
  '1',
  'é',
  'https://x.example',
  'amp;',
  '#60;',
  '\n',
];
const markdownish = fc
  .array(fc.constantFrom(...MARKDOWN_CHARS), { maxLength: 40 })
  .map((parts) => parts.join(''));
const userText = fc.oneof(
  markdownish,
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

describe('the visible-text check', () => {
  it('finds stray escapes, backticks, run-on sentences and raw Azure enums', () => {
    expect(visibleTextProblems('Add because \\<reason\\>')).toHaveLength(1);
    expect(visibleTextProblems('There is no VM named `vm-web-1`')).toHaveLength(1);
    expect(visibleTextProblems('Not done: already expired at 19:39 UTC Deletes 2 snapshot(s).')).toHaveLength(
      1,
    );
    expect(
      visibleTextProblems('VM Agent unable to communicate with Azure Backup Wait for a few minutes'),
    ).toHaveLength(1);
    expect(visibleTextProblems('Direction: PrimaryToRecovery')).toHaveLength(1);
    expect(
      visibleTextProblems(
        'Not done: already expired at 19:39 UTC. Deletes 2 snapshots of vm_web_01 <vm> 0.1 s.',
      ),
    ).toEqual([]);
    // The columns of a preformatted table (Slack's help) are apart by two or more spaces.
    expect(
      visibleTextProblems("alerts list  This channel's alerts\nschedules    The drill schedules"),
    ).toEqual([]);
  });

  it('reads markdown as a browser shows markdown-it, and mrkdwn as Slack shows it', () => {
    expect(readMarkdown('a *b* \\<c\\> `d`\n e  \nf')).toBe('a b <c> d e\nf');
    expect(readMrkdwn('*b* _i_ ~s~ `c` &lt;x&gt; &amp; <https://x|label> <@U1>')).toBe(
      'b i s c <x> & label @U1',
    );
    expect(readMrkdwn('```\na `b` *c*\n```')).toBe('a `b` *c*');
  });

  it('catches what today rendering shows in clients: escapes and backticks', () => {
    // The cards of main before issue 22: backslash escapes and backticks in the text.
    expect(
      adaptiveCardTextProblems({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '0\\.1 s' }] }),
    ).not.toEqual([]);
    expect(
      adaptiveCardTextProblems({
        type: 'AdaptiveCard',
        body: [{ type: 'TextBlock', text: 'Approve `failover shop point latest`?' }],
      }),
    ).not.toEqual([]);
  });
});

describe('quoteForCard', () => {
  it('reads the same with markdown (markdown-it) and without, for any quoted user text', () => {
    fc.assert(
      fc.property(userText, (typed) => {
        const card = renderAdaptiveCard({
          kind: 'error',
          title: typed,
          summary: `I don't know ${quoteUserText(typed)}. Type \`help\`.`,
          facts: [{ label: 'Because', value: typed }],
          notes: [typed],
        });
        const differences = adaptiveCardTextProblems(card).filter((problem) =>
          problem.includes('reads differently'),
        );
        expect(differences).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same with markdown and without for any text at all, on any number of lines', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const quoted = quoteForCard(text);
        expect(sameForReader(readMarkdown(quoted))).toBe(sameForReader(quoted));
      }),
      { numRuns: 2000 },
    );
  });

  it('never shows a backslash escape or a backtick in quoted user text', () => {
    fc.assert(
      fc.property(userText, (typed) => {
        const quoted = quoteForCard(`I don't know ${quoteUserText(typed)}.`);
        const shown = readMarkdown(quoted);
        expect(shown).not.toMatch(/\\[!-/:-@[-`{-~]|`/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('Slack quoting', () => {
  it('never lets user text become a mention, a broadcast or a link', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          userText,
          fc.constantFrom('<!channel>', '<@U0BOB>', '<https://evil.example|click>', '<!here>'),
        ),
        (typed) => {
          const message = renderBlockKit({
            kind: 'error',
            title: typed,
            summary: `I don't know ${quoteUserText(typed)}.`,
            facts: [{ label: typed, value: typed }],
            notes: [typed],
            tables: [{ columns: ['a'], rows: [[typed]], note: typed }],
            footer: typed,
          });
          for (const text of readSlackMessage(message)) expect(text.source).not.toMatch(/[<>]/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps code spans, which mrkdwn renders, so a reader sees no backtick', () => {
    const message = renderBlockKit({ kind: 'x', title: 'x', summary: 'Type `snapshot vm_web_01 <vm>`.' });
    expect(slackMessageTextProblems(message)).toEqual([]);
    expect(JSON.stringify(message)).toContain('`snapshot vm_web_01 &lt;vm&gt;`');
  });
});
