import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SlackBlock, SlackMessage, TextObject } from '../../cards/block-kit.js';
import {
  checkBlockKit,
  MAX_BLOCKS,
  MAX_BLOCKS_JSON_LENGTH,
  MAX_HEADER_TEXT_LENGTH,
  MAX_SECTION_TEXT_LENGTH,
} from '../../cards/check-block-kit.js';
import { fitSlackLine, fitSlackText } from '../../cards/escape-slack-text.js';
import { renderBlockKit } from '../../cards/render-block-kit.js';
import { parseButtonValue, verbOfActionId } from '../../cards/slack-button-value.js';
import type { ProgressStep, View, ViewAction } from '../../src/chat/view.js';
import { expectGolden } from './expect-golden.js';
import { SAMPLE_VIEWS } from './sample-views.js';

/** Every text object in a message, in order (header, sections, fields, context, buttons, dialogs). */
function textObjects(blocks: SlackBlock[]): TextObject[] {
  return blocks.flatMap((block): TextObject[] => {
    switch (block.type) {
      case 'header':
        return [block.text];
      case 'section':
        return [...(block.text ? [block.text] : []), ...(block.fields ?? [])];
      case 'context':
        return block.elements;
      case 'actions':
        return block.elements.flatMap((button) => [
          button.text,
          ...(button.confirm
            ? [button.confirm.title, button.confirm.text, button.confirm.confirm, button.confirm.deny]
            : []),
        ]);
      default:
        return [];
    }
  });
}

const texts = (message: SlackMessage): string[] => textObjects(message.blocks).map((text) => text.text);
const allText = (message: SlackMessage): string => texts(message).join('\n');

/** Slack reads `<...>` as links, mentions and broadcasts, and `&...;` as entities: only ours may appear. */
function expectInert(text: string): void {
  expect(text).not.toMatch(/[<>]/);
  expect(text.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
}

function sectionTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
}

function contextTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((block) =>
    block.type === 'context' ? block.elements.map((element) => element.text) : [],
  );
}

function buttons(message: SlackMessage) {
  return message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
}

describe('renderBlockKit', () => {
  for (const [name, view] of Object.entries(SAMPLE_VIEWS)) {
    it(`renders ${name} as its golden message, which Slack accepts`, () => {
      const message = renderBlockKit(view);
      expectGolden(`block-kit/${name}.json`, message);
      expect(checkBlockKit(message)).toEqual([]);
    });
  }

  it('gives blocks Slack’s own types accept (checked by tsc)', () => {
    // A compile-time test: if our Block Kit types drift from @slack/types, this stops compiling.
    const blocks: KnownBlock[] = renderBlockKit(SAMPLE_VIEWS.actions as View).blocks;
    expect(blocks.length).toBeGreaterThan(0);
  });

  it('is pure: the same view gives the same message, and the view is not changed', () => {
    const view = structuredClone(SAMPLE_VIEWS['snapshot-result'] as View);
    const before = structuredClone(view);
    expect(renderBlockKit(view)).toEqual(renderBlockKit(structuredClone(view)));
    expect(view).toEqual(before);
  });

  it('uses the plain text of the view, escaped, as the notification text', () => {
    const message = renderBlockKit({ kind: 'x', title: 'R&D <b>', summary: 'a <!channel> b' });
    expect(message.text).toBe('R&amp;D &lt;b&gt;: a &lt;!channel&gt; b');
  });

  it('cuts a long notification text with an ellipsis', () => {
    const message = renderBlockKit({ kind: 'x', title: 't', summary: '&'.repeat(5000) });
    expect(message.text.length).toBeLessThanOrEqual(3000);
    expect(message.text).toMatch(/^t: (&amp;)+…$/);
  });

  it('shows the tone as an emoji before the title, and nothing for neutral', () => {
    const header = (view: View) => renderBlockKit(view).blocks[0];
    expect(header({ kind: 'x', title: 'Done', tone: 'good' })).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: ':white_check_mark: Done', emoji: true },
    });
    expect(header({ kind: 'x', title: 'Hm', tone: 'warning' })).toMatchObject({
      text: { text: ':warning: Hm' },
    });
    expect(header({ kind: 'x', title: 'No', tone: 'attention' })).toMatchObject({
      text: { text: ':red_circle: No' },
    });
    expect(header({ kind: 'x', title: 'Help', tone: 'accent' })).toMatchObject({
      text: { text: ':large_blue_circle: Help' },
    });
    expect(header({ kind: 'x', title: 'Plain' })).toMatchObject({ text: { text: 'Plain' } });
  });

  describe('escaping', () => {
    const hostile = 'hi <!channel> <!here> <@U1> <#C1> <https://evil.example|click> & &amp; >quote';
    const view: View = {
      kind: 'error',
      title: hostile,
      summary: `${hostile} \`code <@U2>\``,
      facts: [{ label: 'You typed', value: hostile }],
      progress: { steps: [{ label: hostile, state: 'failed', detail: hostile }] },
      tables: [{ title: hostile, columns: ['A', 'B'], rows: [[hostile, '<@U3>']], note: hostile }],
      notes: [hostile],
      actions: [{ label: 'Go & <@U4>', verb: 'go', data: { x: '<@U5>' }, confirm: hostile }],
      footer: hostile,
    };
    const message = renderBlockKit(view);

    it('makes mentions, broadcasts and links inert everywhere', () => {
      for (const text of texts(message)) expectInert(text);
      expectInert(message.text);
      expect(allText(message)).toContain('&lt;!channel&gt;');
      expect(allText(message)).toContain('&lt;@U1&gt;');
      expect(allText(message)).toContain('&lt;https://evil.example|click&gt;');
      expect(allText(message)).toContain('&amp;amp;');
      expect(checkBlockKit(message)).toEqual([]);
    });

    it('sends every mrkdwn text verbatim, so Slack links no bare URL, #channel or @here', () => {
      const mrkdwn = textObjects(message.blocks).filter((text) => text.type === 'mrkdwn');
      expect(mrkdwn.length).toBeGreaterThan(5);
      for (const text of mrkdwn) expect(text).toMatchObject({ verbatim: true });
    });

    it('keeps the code spans of summaries and notes, escaped inside', () => {
      const summary = renderBlockKit({
        kind: 'x',
        title: 't',
        summary: 'Type `help <cmd>` or `snapshot vm_1`.',
      });
      expect(sectionTexts(summary)[0]).toBe('Type `help &lt;cmd&gt;` or `snapshot vm_1`.');
    });

    it('leaves the button value as JSON for the adapter (values are not displayed)', () => {
      expect(parseButtonValue(buttons(message)[0]?.value ?? '')).toEqual({
        verb: 'go',
        data: { x: '<@U5>' },
      });
    });

    it('keeps backticks in table cells from closing the preformatted block', () => {
      const table = renderBlockKit({
        kind: 'x',
        title: 't',
        tables: [
          {
            columns: ['Name`', 'Value'],
            rows: [
              ['```', 'a `b` c'],
              ['``` *bold* <@U1>', '````'],
            ],
          },
        ],
      });
      const text = sectionTexts(table)[0] ?? '';
      expect(text.startsWith('```\n')).toBe(true);
      expect(text.endsWith('\n```')).toBe(true);
      expect(text.slice(4, -4)).not.toContain('`');
      expect(text).toContain('ˋˋˋ *bold* &lt;@U1&gt;');
    });

    it('replaces control characters, and keeps table cells on one line', () => {
      const table = renderBlockKit({
        kind: 'x',
        title: 'a\u0007b',
        tables: [{ columns: ['A', 'B'], rows: [['one\ntwo', 'x\ty']] }],
      });
      expect(table.blocks[0]).toMatchObject({ text: { text: 'a\uFFFDb' } });
      expect(sectionTexts(table)[0]).toContain('one two  x y');
    });
  });

  describe('limits', () => {
    it('puts 100 facts in sections of 10 fields, 30 of them, and counts the rest', () => {
      const facts = Array.from({ length: 100 }, (_v, i) => ({ label: `Fact ${i}`, value: `value ${i}` }));
      const message = renderBlockKit({ kind: 'x', title: 't', facts });
      const sections = message.blocks.filter((block) => block.type === 'section' && block.fields);
      expect(sections.map((block) => (block.type === 'section' ? block.fields?.length : 0))).toEqual([
        10, 10, 10,
      ]);
      expect(contextTexts(message)).toContain('70 more facts not shown.');
      expect(checkBlockKit(message)).toEqual([]);
    });

    it('shows the first rows of a 10,000-row table and says how many were left out', () => {
      const rows = Array.from({ length: 10_000 }, (_v, i) => [`vm-${i}`, 'running', `rg-${i % 7}`]);
      const message = renderBlockKit({
        kind: 'vm-list',
        title: 'VMs',
        tables: [{ columns: ['VM', 'Power', 'RG'], rows }],
      });
      expect(checkBlockKit(message)).toEqual([]);
      const table = sectionTexts(message)[0] ?? '';
      expect(table).toContain('vm-0 ');
      const shown = table.split('\n').length - 4;
      expect(shown).toBe(40);
      expect(contextTexts(message)).toContain(`${10_000 - shown} more rows not shown.`);
    });

    it('aligns table columns', () => {
      const message = renderBlockKit({
        kind: 'x',
        title: 't',
        tables: [
          {
            columns: ['Disk', 'Size'],
            rows: [
              ['a', '1 GiB'],
              ['long-name', '22 GiB'],
            ],
          },
        ],
      });
      expect(sectionTexts(message)[0]).toBe(
        ['```', 'Disk       Size', '─────────  ──────', 'a          1 GiB', 'long-name  22 GiB', '```'].join(
          '\n',
        ),
      );
    });

    it('cuts rows to fit one section when cells are long', () => {
      const rows = Array.from({ length: 40 }, (_v, i) => [`vm-${i}`, '&'.repeat(200), 'z'.repeat(200)]);
      const message = renderBlockKit({
        kind: 'x',
        title: 't',
        tables: [{ columns: ['VM', 'A', 'B'], rows }],
      });
      expect(checkBlockKit(message)).toEqual([]);
      expect(sectionTexts(message)[0]?.length).toBeLessThanOrEqual(MAX_SECTION_TEXT_LENGTH);
      expect(contextTexts(message).join(' ')).toMatch(/^\d+ more rows not shown\.$/);
    });

    it('shows 25 of 100 buttons and counts the rest', () => {
      const actions: ViewAction[] = Array.from({ length: 100 }, (_v, i) => ({
        label: `Button ${i}`,
        verb: 'job.cancel',
        data: { jobId: `j${i}` },
      }));
      const message = renderBlockKit({ kind: 'x', title: 't', actions });
      expect(buttons(message)).toHaveLength(25);
      expect(contextTexts(message)).toContain('75 more actions not shown.');
      expect(checkBlockKit(message)).toEqual([]);
    });

    it('cuts a 5,000-character title, summary and notes, saying how much', () => {
      const message = renderBlockKit({
        kind: 'x',
        title: 't'.repeat(5000),
        tone: 'warning',
        summary: 's'.repeat(5000),
        notes: ['n'.repeat(5000), 'm'.repeat(5000)],
        footer: 'f'.repeat(5000),
      });
      expect(checkBlockKit(message)).toEqual([]);
      const header = message.blocks[0];
      expect(header?.type === 'header' && header.text.text.length).toBe(MAX_HEADER_TEXT_LENGTH);
      expect(header?.type === 'header' && header.text.text).toMatch(/^:warning: t+…$/);
      const [summary, ...notes] = sectionTexts(message);
      expect(summary).toMatch(/^s+… \(\d+ more characters\)$/);
      expect(notes[0]).toMatch(/^n+… \(\d+ more characters\)$/);
      expect(contextTexts(message).at(-1)).toMatch(/^f+… \(\d+ more characters\)$/);
    });

    it('counts cut characters from the original text, escapes included', () => {
      const message = renderBlockKit({ kind: 'x', title: 't', summary: `<${'y'.repeat(3100)}` });
      const summary = sectionTexts(message)[0] ?? '';
      expect(summary.length).toBeLessThanOrEqual(MAX_SECTION_TEXT_LENGTH);
      const kept = summary.replace(/… \(\d+ more characters\)$/, '').replace('&lt;', '<').length;
      expect(summary).toMatch(new RegExp(`… \\(${3101 - kept} more characters\\)$`));
    });

    it('never cuts inside an escape', () => {
      for (let pad = 0; pad < 6; pad++) {
        const summary = sectionTexts(
          renderBlockKit({ kind: 'x', title: 't', summary: `${'a'.repeat(pad)}${'&'.repeat(3000)}` }),
        )[0];
        expect(summary).toMatch(/^a*(&amp;)+… \(\d+ more characters\)$/);
      }
    });

    it('shows at most 20 progress steps, failed and running first, and counts the rest', () => {
      const steps: ProgressStep[] = Array.from({ length: 90 }, (_v, i) => ({
        label: `set-${i} of vm-sql-01`,
        state: i < 40 ? 'succeeded' : i === 40 ? 'running' : 'pending',
        detail: `deleting 3 disks of set-${i}`,
      }));
      steps[75] = { label: 'set-75 of vm-sql-01', state: 'failed', detail: 'Conflict: the set is locked' };
      const message = renderBlockKit({ kind: 'x', title: 't', progress: { percent: 44, steps } });
      expect(checkBlockKit(message)).toEqual([]);
      const progress = sectionTexts(message)[0] ?? '';
      expect(progress.split('\n')[0]).toBe('▰▰▰▰▱▱▱▱▱▱ 44%');
      const shown = [...progress.matchAll(/set-(\d+) of vm-sql-01/g)].map((match) => Number(match[1]));
      expect(shown).toEqual([40, ...Array.from({ length: 18 }, (_v, i) => 41 + i), 75]);
      expect(progress).toContain(':x: set-75 of vm-sql-01 (failed) — Conflict: the set is locked');
      expect(contextTexts(message)).toContain('70 more steps not shown: 40 done, 30 waiting.');
    });

    it('draws no bar for a percent that is not a number', () => {
      const message = renderBlockKit({
        kind: 'x',
        title: 't',
        progress: { percent: Number.NaN, steps: [{ label: 'a', state: 'running' }] },
      });
      expect(sectionTexts(message)).toEqual([':hourglass_flowing_sand: a (running)']);
    });

    it('keeps the blocks under Slack’s total, cutting rows first', () => {
      const rows = Array.from({ length: 40 }, (_v, i) => [`vm-${i}`, 'x'.repeat(30), 'y'.repeat(30)]);
      const tables = Array.from({ length: 5 }, (_v, t) => ({
        title: `T${t}`,
        columns: ['VM', 'A', 'B'],
        rows,
      }));
      const message = renderBlockKit({
        kind: 'x',
        title: 't',
        summary: 'Every VM.',
        tables,
        notes: ['Bye.'],
      });
      expect(checkBlockKit(message)).toEqual([]);
      expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(MAX_BLOCKS_JSON_LENGTH);
      expect(allText(message)).toContain('Every VM.');
      expect(allText(message)).toContain('*T4*');
      expect(allText(message)).toContain('Bye.');
      expect(contextTexts(message).some((text) => /^\d+ more rows not shown\.$/.test(text))).toBe(true);
    });

    it('leaves a view that fits untouched by the size guard', () => {
      const rows = Array.from({ length: 40 }, (_v, i) => [`vm-${i}`, 'running']);
      const message = renderBlockKit({
        kind: 'x',
        title: 'VMs',
        tables: [{ columns: ['VM', 'Power'], rows }],
      });
      expect(allText(message)).not.toContain('not shown');
    });

    it('fits the worst view: a megabyte of text, 10,000 rows, steps, facts, notes and buttons', () => {
      const long = (tag: string) => `${tag} ${'<&>`*_'.repeat(2000)}`;
      // One shared row: building 300,000 distinct long rows would cost far more than rendering them.
      const row = Array.from({ length: 8 }, (_c, c) => long(`r${c}`));
      const view: View = {
        kind: 'everything',
        title: long('title'),
        summary: `summary ${'s'.repeat(1_000_000)}`,
        facts: Array.from({ length: 200 }, (_v, i) => ({ label: long(`f${i}`), value: long(`v${i}`) })),
        progress: {
          percent: 50,
          steps: Array.from({ length: 10_000 }, (_v, i) => ({
            label: long(`s${i}`),
            state: 'failed' as const,
          })),
        },
        tables: Array.from({ length: 30 }, (_v, t) => ({
          title: long(`table${t}`),
          columns: Array.from({ length: 8 }, (_c, c) => long(`c${c}`)),
          rows: Array.from({ length: 10_000 }, () => row),
          note: long('note'),
        })),
        notes: Array.from({ length: 100 }, (_v, i) => long(`n${i}`)),
        actions: Array.from({ length: 40 }, (_v, i) => ({
          label: long(`b${i}`),
          verb: 'approval.approve',
          data: { requestId: `r${i}` },
          confirm: long('sure?'),
          style: 'destructive' as const,
        })),
        footer: long('footer'),
      };
      const message = renderBlockKit(view);
      expect(checkBlockKit(message)).toEqual([]);
      expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
      const all = texts(message);
      expect(all[0]).toMatch(/^title /);
      expect(sectionTexts(message)[0]).toMatch(/^summary s+… \(\d+ more characters\)$/);
      expect(all.some((text) => text.startsWith('footer '))).toBe(true);
      expect(all).toContain('200 facts not shown.');
      expect(all).toContain('30 tables not shown.');
      expect(all).toContain('100 notes not shown.');
      expect(all).toContain('10000 steps not shown: 10000 failed.');
      expect(all).toContain('30 more actions not shown.');
      expect(buttons(message)).toHaveLength(10);
    });

    it('holds Slack’s limits for any view (property)', () => {
      const text = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.constantFrom('', ' ', '<!channel>', '```', '&amp;', '\n', '*_~`', 'x'.repeat(3500)),
      );
      const view = fc.record(
        {
          kind: fc.constant('any'),
          title: text,
          tone: fc.constantFrom('neutral', 'good', 'warning', 'attention', 'accent'),
          summary: text,
          facts: fc.array(fc.record({ label: text, value: text }), { maxLength: 40 }),
          progress: fc.record({
            percent: fc.option(fc.double(), { nil: undefined }),
            steps: fc.array(
              fc.record({
                label: text,
                state: fc.constantFrom('pending', 'running', 'succeeded', 'failed', 'skipped'),
                detail: fc.option(text, { nil: undefined }),
              }),
              { maxLength: 30 },
            ),
          }),
          tables: fc.array(
            fc.record({
              title: fc.option(text, { nil: undefined }),
              columns: fc.array(text, { minLength: 1, maxLength: 9 }),
              rows: fc.array(fc.array(text, { maxLength: 9 }), { maxLength: 50 }),
              note: fc.option(text, { nil: undefined }),
            }),
            { maxLength: 7 },
          ),
          notes: fc.array(text, { maxLength: 12 }),
          actions: fc.array(
            fc.record({
              label: text,
              verb: fc.constantFrom('approval.approve', 'job.cancel'),
              data: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
              confirm: fc.option(text, { nil: undefined }),
            }),
            { maxLength: 30 },
          ),
          footer: text,
        },
        { requiredKeys: ['kind', 'title'] },
      );
      fc.assert(
        fc.property(view, (v) => {
          expect(checkBlockKit(renderBlockKit(v as View))).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });
  });

  describe('buttons', () => {
    const message = renderBlockKit(SAMPLE_VIEWS.actions as View);
    const [approve, reject, details] = buttons(message);

    it('names each button verb:index and carries {verb, ...data} as its value', () => {
      expect(approve).toMatchObject({ action_id: 'approval.approve:0', style: 'primary' });
      expect(reject).toMatchObject({ action_id: 'approval.reject:1', style: 'danger' });
      expect(details?.style).toBeUndefined();
      expect(JSON.parse(approve?.value ?? '')).toEqual({ verb: 'approval.approve', requestId: 'req-1' });
    });

    it('round-trips every button through parseButtonValue, the button’s verb winning', () => {
      const parsed = buttons(message).map((button) => parseButtonValue(button.value ?? ''));
      expect(parsed).toEqual([
        { verb: 'approval.approve', data: { requestId: 'req-1' } },
        { verb: 'approval.reject', data: { requestId: 'req-1' } },
        { verb: 'approval.show', data: { requestId: 'req-1' } },
      ]);
      expect(buttons(message).map((button) => verbOfActionId(button.action_id))).toEqual([
        'approval.approve',
        'approval.reject',
        'approval.show',
      ]);
    });

    it('keeps action ids unique when two buttons share a verb', () => {
      const twice = renderBlockKit({
        kind: 'x',
        title: 't',
        actions: [
          { label: 'A', verb: 'job.cancel', data: { jobId: '1' } },
          { label: 'B', verb: 'job.cancel', data: { jobId: '2' } },
        ],
      });
      expect(buttons(twice).map((button) => button.action_id)).toEqual(['job.cancel:0', 'job.cancel:1']);
      expect(checkBlockKit(twice)).toEqual([]);
    });

    it('asks for confirmation with Slack’s dialog', () => {
      expect(reject?.confirm).toEqual({
        title: { type: 'plain_text', text: 'Reject', emoji: true },
        text: { type: 'plain_text', text: 'Reject the DR drill of shop?' },
        confirm: { type: 'plain_text', text: 'Reject', emoji: true },
        deny: { type: 'plain_text', text: 'Cancel' },
        style: 'danger',
      });
      expect(approve?.confirm).toBeUndefined();
    });

    it('cuts a long confirmation question to the dialog’s 300 characters', () => {
      const long = renderBlockKit({
        kind: 'x',
        title: 't',
        actions: [{ label: 'Delete', verb: 'v', data: {}, confirm: 'Really? '.repeat(100) }],
      });
      const confirm = buttons(long)[0]?.confirm;
      expect(confirm?.text.text).toHaveLength(300);
      expect(confirm?.text.text.endsWith('…')).toBe(true);
      expect(checkBlockKit(long)).toEqual([]);
    });

    it('shows every button on Slack, where there are no personal views', () => {
      const personal = renderBlockKit({
        kind: 'approval-requested',
        title: 'Approval needed',
        actions: [
          { label: 'Approve', verb: 'approval.approve', data: { approvalId: 'a' } },
          { label: 'Reject', verb: 'approval.reject', data: { approvalId: 'a' } },
        ],
        personal: { verb: 'approval.view', data: { approvalId: 'a' }, viewers: ['aad-bob'] },
      });
      expect(buttons(personal).map((button) => button.text.text)).toEqual(['Approve', 'Reject']);
    });
  });
});

describe('fitSlackText', () => {
  it('never leaves half a surrogate pair', () => {
    expect(fitSlackText('😀'.repeat(10), 5, 'ellipsis')).toBe('😀😀…');
    expect(fitSlackText('😀'.repeat(10), 4, 'ellipsis')).toBe('😀…');
  });

  it('keeps a text that fits as it is, escaped', () => {
    expect(fitSlackText('a < b', 9)).toBe('a &lt; b');
    expect(fitSlackText('a < b', 7, 'ellipsis')).toBe('a &lt;…');
    expect(fitSlackText('a < b', 6, 'ellipsis')).toBe('a …');
  });

  it('puts a line on one line and still marks the cut', () => {
    expect(fitSlackLine('a\nb\tc', 10)).toBe('a b c');
    expect(fitSlackLine(`a${'\n'.repeat(20)}b`, 10)).toBe(`a${' '.repeat(8)}…`);
  });
});

describe('parseButtonValue', () => {
  it('refuses what is not a button value of ours', () => {
    for (const garbage of ['', 'nope', '{', '[]', '["verb"]', '"verb"', 'null', '42', 'true']) {
      expect(parseButtonValue(garbage), garbage).toBeUndefined();
    }
    expect(parseButtonValue('{"data":{"a":"b"}}')).toBeUndefined();
    expect(parseButtonValue('{"verb":5}')).toBeUndefined();
    expect(parseButtonValue('{"verb":""}')).toBeUndefined();
    expect(parseButtonValue('{"verb":null}')).toBeUndefined();
  });

  it('drops values that are not strings', () => {
    expect(parseButtonValue('{"verb":"v","s":"x","n":1,"o":{"a":"b"},"l":["c"],"z":null,"b":false}')).toEqual(
      {
        verb: 'v',
        data: { s: 'x' },
      },
    );
  });

  it('keeps a "__proto__" key an ordinary key', () => {
    const parsed = parseButtonValue('{"verb":"v","__proto__":"x","toString":"y"}');
    expect(Object.getPrototypeOf(parsed?.data)).toBe(Object.prototype);
    expect(Object.keys(parsed?.data ?? {})).toEqual(['__proto__', 'toString']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('gives no verb for an action id without one', () => {
    expect(verbOfActionId('approval.approve:3')).toBe('approval.approve');
    expect(verbOfActionId('a:b:0')).toBe('a:b');
    expect(verbOfActionId('nocolon')).toBeUndefined();
    expect(verbOfActionId(':0')).toBeUndefined();
  });
});
