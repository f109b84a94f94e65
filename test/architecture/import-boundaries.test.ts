import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript source file under the product folders (tests aside). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

const files = ['src', 'adapters', 'cards'].flatMap(sources);
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );

function offenders(pattern: RegExp, allowed: RegExp): string[] {
  return files.filter((file) => !allowed.test(file) && importsOf(file).some((spec) => pattern.test(spec)));
}

describe('import boundaries (DESIGN.md layout)', () => {
  it('finds the product sources', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('keeps botbuilder inside adapters/teams (and the console connector)', () => {
    expect(offenders(/^botbuilder|^botframework-/, /^adapters\/(teams|console)\//)).toEqual([]);
  });

  it('keeps @slack/* inside adapters/slack', () => {
    expect(offenders(/^@slack\//, /^adapters\/slack\//)).toEqual([]);
  });

  it('keeps @azure/* inside src/azure', () => {
    expect(offenders(/^@azure\//, /^src\/azure\//)).toEqual([]);
  });

  it('keeps src/azure and src/simulator apart (src/main.ts wires them)', () => {
    const azureToSimulator = sources('src/azure').filter((f) =>
      importsOf(f).some((s) => s.includes('/simulator/') && !s.endsWith('simulator-types.js')),
    );
    const simulatorToAzure = sources('src/simulator').filter((f) =>
      importsOf(f).some((s) => s.includes('/azure/')),
    );
    expect([...azureToSimulator, ...simulatorToAzure]).toEqual([]);
  });

  it('reads process.env only in src/main.ts and src/config', () => {
    const readers = files.filter((f) => readFileSync(f, 'utf8').includes('process.env'));
    expect(readers.filter((f) => !/^src\/(main\.ts|config\/)/.test(f))).toEqual([]);
  });

  it('catches a violation when there is one', () => {
    expect(offenders(/^\.\.?\//, /^$/).length).toBeGreaterThan(0);
  });
});
