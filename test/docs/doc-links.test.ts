import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The pages the README sends each audience to; each says first whom it is for. */
const audiencePages = [
  'docs/using-the-bot.md',
  'docs/teams.md',
  'docs/slack.md',
  'docs/replicas-and-postgresql.md',
  'docs/real-azure.md',
  'docs/simulator.md',
  'docs/measurements-and-fault-tests.md',
  'docs/configuration.md',
  'docs/development.md',
];

const readmeLimit = 12_000;

/** README.md, every page under docs/ and every folder README under src/, adapters/, cards/ and manifest/. */
function documentationFiles(): string[] {
  const docs = readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  const folderReadmes = ['src', 'adapters', 'cards', 'manifest'].flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((path) => path === 'README.md' || path.endsWith('/README.md'))
      .map((path) => join(root, path)),
  );
  return ['README.md', ...docs, ...folderReadmes].sort();
}

/** The text outside fenced code blocks, so that examples in code are not taken for links or headings. */
function proseLines(markdown: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced) lines.push(line);
  }
  return lines;
}

/** GitHub's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces to hyphens. */
function slugOf(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings, with GitHub's `-1`, `-2` for repeated ones. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = slugOf(heading[1] ?? '');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The targets of a Markdown text's inline links and images, code left out. */
function linkTargetsOf(markdown: string): string[] {
  const prose = proseLines(markdown)
    .join('\n')
    .replace(/``[^`]*``|`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (match) => match[1] ?? '',
  );
}

/**
 * The links of `markdown` (as if it were the file `file`) that lead nowhere: a relative path that does
 * not exist, or an anchor no heading of the target Markdown file has. Web and mail links are skipped.
 */
function brokenLinksOf(file: string, markdown: string): string[] {
  const broken: string[] = [];
  for (const target of linkTargetsOf(markdown)) {
    if (/^(https?:|mailto:)/i.test(target)) continue;
    const hash = target.indexOf('#');
    const path = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
    const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const resolved = path === '' ? file : normalize(join(dirname(file), path));
    if (!existsSync(resolved)) {
      broken.push(`${file}: ${target} (no file ${resolved})`);
      continue;
    }
    if (anchor === undefined || !resolved.endsWith('.md')) continue;
    const text = path === '' ? markdown : readFileSync(resolved, 'utf8');
    if (!anchorsOf(text).has(anchor)) {
      broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
    }
  }
  return broken;
}

describe('documentation links', () => {
  it('finds the links it should check, and reports broken ones', () => {
    const sample = [
      '[ok](docs/teams.md#register-the-bot) ![ok](docs/chat-page.png) [web](https://example.com/x.md)',
      '[no file](docs/missing.md) [no heading](docs/teams.md#no-such-heading) ![no image](docs/nope.png)',
      '`[in code](docs/also-missing.md)`',
      '```',
      '[in a block](docs/missing-too.md)',
      '```',
    ].join('\n');
    expect(brokenLinksOf('README.md', sample)).toEqual([
      'README.md: docs/missing.md (no file docs/missing.md)',
      'README.md: docs/teams.md#no-such-heading (no heading #no-such-heading in docs/teams.md)',
      'README.md: docs/nope.png (no file docs/nope.png)',
    ]);
  });

  it('makes anchors as GitHub does', () => {
    expect(slugOf('Admin API (`/_simulator/`)')).toBe('admin-api-_simulator');
    expect(slugOf('DR safety (issue 18)')).toBe('dr-safety-issue-18');
    expect(slugOf('Using `npm run simulator` from another client')).toBe(
      'using-npm-run-simulator-from-another-client',
    );
    expect([...anchorsOf('# A\n## Settings\n```\n## Not a heading\n```\n## Settings\n')]).toEqual([
      'a',
      'settings',
      'settings-1',
    ]);
  });

  it.each(documentationFiles())('%s: every relative link and anchor leads somewhere', (file) => {
    expect(brokenLinksOf(file, readFileSync(file, 'utf8'))).toEqual([]);
  });
});

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it(`is under ${readmeLimit} characters`, () => {
    expect(readme.length).toBeLessThan(readmeLimit);
  });

  it('links to every page under docs/', () => {
    const targets = new Set(linkTargetsOf(readme).map((target) => target.split('#')[0]));
    const pages = readdirSync('docs')
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`);
    expect(pages).toEqual(expect.arrayContaining(audiencePages));
    expect(pages.filter((page) => !targets.has(page))).toEqual([]);
  });

  it.each(audiencePages)('%s says first whom it is for', (page) => {
    const firstParagraph = readFileSync(page, 'utf8').split('\n\n')[1] ?? '';
    expect(firstParagraph).toMatch(/^For /);
  });
});
