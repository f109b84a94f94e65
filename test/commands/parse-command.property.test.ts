import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandCatalog } from '../../src/commands/catalog.js';
import {
  MAX_COMMAND_LENGTH,
  MAX_MESSAGE_LENGTH,
  type ParseResult,
  parseCommand,
} from '../../src/commands/parse-command.js';

const PROBLEMS = [
  'empty',
  'too-long',
  'unknown-command',
  'missing-argument',
  'invalid-argument',
  'unexpected-words',
];

/** Words the parser reacts to: command phrases, aliases, argument keywords, enum values, examples. */
const catalogWords = [
  ...new Set(
    commandCatalog.flatMap((spec) => [
      ...spec.words,
      ...spec.aliases.map((alias) => (typeof alias === 'string' ? alias : alias.phrase)),
      ...spec.args.flatMap((arg) => [...(arg.keywords ?? []), ...(arg.values ?? [])]),
      ...spec.examples.flatMap((example) => example.split(' ')),
    ]),
  ),
];

/** What platforms and people put around commands, and what breaks naive parsers. */
const fragments = [
  '<at>',
  '</at>',
  '<at>Recovery Bot</at>',
  '<at id="0">',
  '<@U0BOT>',
  '<@U0BOT|bot>',
  '<!channel>',
  '<https://x.example|x>',
  '&nbsp;',
  '&amp;',
  '&lt;',
  '&#x1F600;',
  '&#0;',
  '&#xD800;',
  '&#99999999;',
  '"',
  '“',
  '”',
  '`',
  '*',
  '--dry-run',
  '--',
  '—',
  'dry run',
  'because',
  '/recovery',
  '@bot',
  '--help',
  '?',
  '..',
  '../',
  '\\',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udc00',
  '\t',
  '\n',
  '\r\n',
  '  ',
  '7d',
  '0d',
  '2025-06-01T10:30Z',
  'vm-web-01',
  'shop',
];

const anyCodeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
});
const piece = fc.oneof(
  fc.constantFrom(...catalogWords),
  fc.constantFrom(...fragments),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  anyCodeUnits.map((text) => text.slice(0, 12)),
);
/** Real commands, dressed the way people and platforms dress them. */
const examples = commandCatalog.flatMap((spec) => spec.examples);
const dressed = fc
  .record({
    example: fc.constantFrom(...examples),
    before: fc.constantFrom('', '<at>Recovery Bot</at> ', '<@U0BOT> ', 'please ', '/recovery ', '@bot '),
    after: fc.constantFrom('', ' --dry-run', ' because the disk is full', ' please', ' thanks', '?'),
    upper: fc.boolean(),
  })
  .map(({ example, before, after, upper }) => `${before}${upper ? example.toUpperCase() : example}${after}`);
const mixed = fc
  .tuple(fc.array(piece, { maxLength: 25 }), fc.constantFrom(' ', '', '\u00a0'))
  .map(([pieces, glue]) => pieces.join(glue));

function expectWellFormed(result: ParseResult): void {
  if (result.ok) {
    const { command } = result;
    expect(command.spec.id).toBe(command.id);
    expect(typeof command.dryRun).toBe('boolean');
    expect(typeof command.text).toBe('string');
    expect(typeof command.canonical).toBe('string');
    const declared = command.spec.args.map((arg) => arg.name);
    for (const [name, value] of Object.entries(command.args)) {
      expect(declared).toContain(name);
      expect(['string', 'number', 'boolean', 'undefined']).toContain(typeof value);
    }
    if (command.reason !== undefined) expect(command.reason.length).toBeGreaterThan(0);
    return;
  }
  expect(PROBLEMS).toContain(result.problem);
  expect(result.message.trim().length).toBeGreaterThan(0);
  expect(result.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  expect(result.message).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  expect(result.suggestions.length).toBeLessThanOrEqual(3);
  for (const suggestion of result.suggestions) expect(typeof suggestion).toBe('string');
}

describe('parseCommand properties', () => {
  it('never throws and always answers in the declared shape, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, anyCodeUnits, fc.string({ unit: 'binary' })), (text) => {
        expectWellFormed(parseCommand(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads its own canonical spelling back to the same command', () => {
    fc.assert(
      fc.property(fc.oneof(dressed, mixed), (text) => {
        const first = parseCommand(text);
        if (!first.ok) return;
        const again = parseCommand(first.command.canonical);
        expect(again.ok && again.command.id).toBe(first.command.id);
        if (again.ok) expect(again.command.args).toEqual(first.command.args);
      }),
      { numRuns: 2000 },
    );
  });

  it('understands every example however it is dressed', () => {
    fc.assert(
      fc.property(dressed, (text) => {
        const result = parseCommand(text);
        expect(result.ok ? result.command.id : result.message, text).toMatch(/^[a-z.-]+$/);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses anything over the limit without repeating it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: MAX_COMMAND_LENGTH + 1, maxLength: 12_000 }), (text) => {
        const result = parseCommand(text);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.problem).toBe('too-long');
          expect(result.message.length).toBeLessThan(200);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('handles long junk near the limit', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 200, maxLength: 800 }), (pieces) => {
        expectWellFormed(parseCommand(pieces.join(' ').slice(0, MAX_COMMAND_LENGTH)));
      }),
      { numRuns: 100 },
    );
  });

  it('survives values that are not strings at all', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expectWellFormed(parseCommand(value as unknown as string));
    }
  });
});
