import { describe, expect, it } from 'vitest';
import {
  checkBlockKit,
  MAX_ACTION_ID_LENGTH,
  MAX_ACTIONS_ELEMENTS,
  MAX_BLOCK_ID_LENGTH,
  MAX_BLOCKS,
  MAX_BLOCKS_JSON_LENGTH,
  MAX_BUTTON_TEXT_LENGTH,
  MAX_BUTTON_URL_LENGTH,
  MAX_BUTTON_VALUE_LENGTH,
  MAX_CONFIRM_BUTTON_LENGTH,
  MAX_CONFIRM_TEXT_LENGTH,
  MAX_CONFIRM_TITLE_LENGTH,
  MAX_CONTEXT_ELEMENTS,
  MAX_FALLBACK_TEXT_LENGTH,
  MAX_FIELD_TEXT_LENGTH,
  MAX_HEADER_TEXT_LENGTH,
  MAX_SECTION_FIELDS,
  MAX_SECTION_TEXT_LENGTH,
} from '../../cards/check-block-kit.js';

type Json = Record<string, unknown>;

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (extra: Json = {}): Json => ({
  type: 'button',
  text: plain('Go'),
  action_id: 'go:0',
  value: '{}',
  ...extra,
});
const confirm = (extra: Json = {}): Json => ({
  title: plain('Sure?'),
  text: plain('Really?'),
  confirm: plain('Yes'),
  deny: plain('Cancel'),
  ...extra,
});
const message = (...blocks: unknown[]): Json => ({ text: 'fallback', blocks });
const x = (length: number) => 'x'.repeat(length);

/** Checks a message, and that exactly one problem is reported, mentioning `expected`. */
function expectProblem(value: unknown, expected: string): void {
  const problems = checkBlockKit(value);
  expect(problems, JSON.stringify(problems)).toHaveLength(1);
  expect(problems[0]).toContain(expected);
}

describe('checkBlockKit', () => {
  const fine = message(
    { type: 'header', text: plain(x(MAX_HEADER_TEXT_LENGTH)) },
    { type: 'section', text: mrkdwn(x(MAX_SECTION_TEXT_LENGTH)) },
    { type: 'section', fields: Array(MAX_SECTION_FIELDS).fill(mrkdwn('f')) },
    { type: 'context', elements: Array(MAX_CONTEXT_ELEMENTS).fill(mrkdwn('c')), block_id: 'c1' },
    { type: 'divider' },
    { type: 'actions', elements: [button({ style: 'primary', confirm: confirm({ style: 'danger' }) })] },
  );

  it('accepts a message at the limits', () => {
    expect(checkBlockKit(fine)).toEqual([]);
  });

  it('flags what is not a message', () => {
    expect(checkBlockKit('nope')).toEqual(['message is not a JSON object']);
    expect(checkBlockKit(null)).toEqual(['message is not a JSON object']);
    expectProblem({ text: 'x' }, '$.blocks: not a list of blocks');
  });

  it('flags a missing or too long fallback text', () => {
    expectProblem({ blocks: [] }, '$.text: no fallback text');
    expectProblem({ text: '  ', blocks: [] }, '$.text: no fallback text');
    expectProblem({ text: x(MAX_FALLBACK_TEXT_LENGTH + 1), blocks: [] }, `over ${MAX_FALLBACK_TEXT_LENGTH}`);
  });

  it(`flags more than ${MAX_BLOCKS} blocks`, () => {
    expectProblem(
      message(...Array(MAX_BLOCKS + 1).fill({ type: 'divider' })),
      `51 blocks, over ${MAX_BLOCKS}`,
    );
    expect(checkBlockKit(message(...Array(MAX_BLOCKS).fill({ type: 'divider' })))).toEqual([]);
  });

  it('flags blocks too long in total (msg_blocks_too_long)', () => {
    const sections = Array(5).fill({ type: 'section', text: mrkdwn(x(MAX_SECTION_TEXT_LENGTH)) });
    expectProblem(message(...sections), `over ${MAX_BLOCKS_JSON_LENGTH} (msg_blocks_too_long)`);
  });

  it('flags a long or non-plain header', () => {
    expectProblem(
      message({ type: 'header', text: plain(x(151)) }),
      '$.blocks[0].text.text: 151 characters, over 150',
    );
    expectProblem(message({ type: 'header', text: mrkdwn('h') }), 'type "mrkdwn" where plain_text belongs');
  });

  it('flags section text, fields and empty sections', () => {
    expectProblem(
      message({ type: 'section', text: mrkdwn(x(3001)) }),
      '$.blocks[0].text.text: 3001 characters',
    );
    expectProblem(message({ type: 'section' }), 'section without text or fields');
    expectProblem(message({ type: 'section', fields: Array(11).fill(mrkdwn('f')) }), '11 items, over 10');
    expectProblem(
      message({ type: 'section', fields: [mrkdwn(x(MAX_FIELD_TEXT_LENGTH + 1))] }),
      '$.blocks[0].fields[0].text: 2001 characters, over 2000',
    );
    expectProblem(message({ type: 'section', text: mrkdwn('') }), 'not a non-empty string');
    expectProblem(message({ type: 'section', text: 'bare string' }), 'not a text object');
    expectProblem(message({ type: 'section', text: { type: 'markdown', text: 'x' } }), 'type "markdown"');
  });

  it('flags context blocks with too many elements', () => {
    expectProblem(message({ type: 'context', elements: Array(11).fill(mrkdwn('c')) }), '11 items, over 10');
    expectProblem(message({ type: 'context', elements: [] }), 'not a non-empty list');
  });

  it(`flags more than ${MAX_ACTIONS_ELEMENTS} buttons in an actions block`, () => {
    const many = Array.from({ length: 26 }, (_v, i) => button({ action_id: `go:${i}` }));
    expectProblem(message({ type: 'actions', elements: many }), '26 items, over 25');
  });

  it('flags button text, action ids, values, urls and styles', () => {
    const one = (extra: Json) => message({ type: 'actions', elements: [button(extra)] });
    expectProblem(one({ text: plain(x(MAX_BUTTON_TEXT_LENGTH + 1)) }), '.text.text: 76 characters, over 75');
    expectProblem(one({ action_id: x(MAX_ACTION_ID_LENGTH + 1) }), '.action_id: 256 characters, over 255');
    expectProblem(one({ action_id: undefined }), '.action_id: missing');
    expectProblem(one({ value: x(MAX_BUTTON_VALUE_LENGTH + 1) }), '.value: 2001 characters, over 2000');
    expectProblem(one({ url: 'not a url' }), '.url: not a valid URL');
    expectProblem(one({ url: `https://x.example/${x(MAX_BUTTON_URL_LENGTH)}` }), 'over 3000');
    expectProblem(one({ style: 'green' }), '.style: "green" is not primary or danger');
    expectProblem(message({ type: 'actions', elements: [{ type: 'select' }] }), 'not a button');
  });

  it('flags action ids used twice in a message, even across blocks', () => {
    const block = { type: 'actions', elements: [button()] };
    expectProblem(message(block, block), '$.blocks[1].elements[0].action_id: duplicate action_id "go:0"');
  });

  it('flags confirmation dialogs over their limits', () => {
    const withConfirm = (extra: Json) =>
      message({ type: 'actions', elements: [button({ confirm: confirm(extra) })] });
    expectProblem(withConfirm({ title: plain(x(MAX_CONFIRM_TITLE_LENGTH + 1)) }), '.confirm.title.text: 101');
    expectProblem(withConfirm({ text: plain(x(MAX_CONFIRM_TEXT_LENGTH + 1)) }), '.confirm.text.text: 301');
    expectProblem(
      withConfirm({ confirm: plain(x(MAX_CONFIRM_BUTTON_LENGTH + 1)) }),
      '.confirm.confirm.text: 31',
    );
    expectProblem(withConfirm({ deny: plain(x(MAX_CONFIRM_BUTTON_LENGTH + 1)) }), '.confirm.deny.text: 31');
    expectProblem(withConfirm({ deny: undefined }), '.confirm.deny: not a text object');
    expectProblem(withConfirm({ style: 'blue' }), '.confirm.style: "blue"');
  });

  it('flags long and duplicate block ids', () => {
    expectProblem(
      message({ type: 'divider', block_id: x(MAX_BLOCK_ID_LENGTH + 1) }),
      '.block_id: 256 characters',
    );
    expectProblem(
      message({ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }),
      '$.blocks[1].block_id: duplicate block_id "a"',
    );
  });

  it('flags block types the renderer does not emit', () => {
    expectProblem(message({ type: 'carousel' }), 'block type "carousel" is not one renderBlockKit emits');
    expectProblem(message('divider'), '$.blocks[0]: not a block object');
  });
});
