import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCommandMarkdown } from '../../src/commands/render-command-markdown.js';

const start = '<!-- commands:start -->';
const end = '<!-- commands:end -->';

/** The README's command list is the catalog's; `UPDATE_GOLDEN=1 npm test` rewrites it. */
describe('README command list', () => {
  it('matches the command catalog', () => {
    const readme = readFileSync('README.md', 'utf8');
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    expect(from, 'README.md lacks the commands markers').toBeGreaterThan(-1);
    expect(to).toBeGreaterThan(from);
    const expected = `${start}\n${renderCommandMarkdown().trim()}\n${end}`;
    const actual = readme.slice(from, to + end.length);
    if (actual !== expected && process.env.UPDATE_GOLDEN === '1') {
      writeFileSync('README.md', readme.replace(actual, expected));
      return;
    }
    expect(actual, 'README commands are stale: run UPDATE_GOLDEN=1 npm test').toBe(expected);
  });
});
