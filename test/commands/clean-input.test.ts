import { describe, expect, it } from 'vitest';
import { cleanInput } from '../../src/commands/clean-input.js';
import { parseCommand } from '../../src/commands/parse-command.js';

describe('cleanInput: a suggestion copied from a card with its quotes', () => {
  it.each([
    ['“snapshot vm-web-01”', 'snapshot vm-web-01'],
    ['"snapshot vm-web-01"', 'snapshot vm-web-01'],
    ['`snapshot vm-web-01`', 'snapshot vm-web-01'],
    ["'snapshot vm-web-01'", 'snapshot vm-web-01'],
    ['  “dr cleanup shop notes "checked the shop page"”. ', 'dr cleanup shop notes "checked the shop page"'],
    ['“recovery points vm-sql-01 since 7d”.', 'recovery points vm-sql-01 since 7d'],
  ])('reads %s as the command inside', (typed, command) => {
    expect(cleanInput(typed)).toBe(command);
  });

  it('keeps quotes that are part of the command', () => {
    expect(cleanInput('dr cleanup shop notes "all good"')).toBe('dr cleanup shop notes "all good"');
    expect(cleanInput('"a" and "b"')).toBe('"a" and "b"');
    expect(cleanInput('“a” and “b”')).toBe('"a" and "b"');
  });

  it('reads the look-alikes cards use for markdown characters as the characters', () => {
    expect(cleanInput('snapshot vmˍwebˍ01 ‐‐dry-run')).toBe('snapshot vm_web_01 --dry-run');
    expect(cleanInput('vms rg∗')).toBe('vms rg*');
  });

  it('parses a copied suggestion as the command', () => {
    const result = parseCommand('“snapshot vm-web-01”');
    expect(result.ok && result.command.id).toBe('snapshot.create');
    const code = parseCommand('`recovery points vm-sql-01 since 7d`');
    expect(code.ok && code.command.args).toMatchObject({ vm: 'vm-sql-01', since: '7d' });
  });
});
