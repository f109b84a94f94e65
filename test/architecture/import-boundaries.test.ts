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

  it('keeps imports between the capabilities of src/operations one way (src/operations/README.md)', () => {
    expect(capabilityImports().filter((edge) => !allowedBetweenCapabilities(edge))).toEqual([]);
  });

  it('keeps the shared helpers at the root of src/operations free of any capability (the registry aside)', () => {
    const rootFiles = readdirSync('src/operations')
      .filter((name) => name.endsWith('.ts') && name !== 'operation-registry.ts')
      .map((name) => join('src/operations', name));
    const reaching = rootFiles.filter((file) =>
      importsOf(file).some((spec) => capabilities.some((cap) => spec.startsWith(`./${cap}/`))),
    );
    expect(reaching).toEqual([]);
  });

  it('catches a capability import that goes the wrong way', () => {
    expect(allowedBetweenCapabilities({ from: 'backup', to: 'site-recovery', file: 'x' })).toBe(false);
    expect(allowedBetweenCapabilities({ from: 'snapshots', to: 'vms', file: 'x' })).toBe(false);
    expect(allowedBetweenCapabilities({ from: 'site-recovery', to: 'backup', file: 'x' })).toBe(true);
    // The edges the rule allows are there: the test reads the imports it means to.
    expect(capabilityImports().map((e) => `${e.from}->${e.to}`)).toContain('site-recovery->backup');
  });

  it('catches a violation when there is one', () => {
    expect(offenders(/^\.\.?\//, /^$/).length).toBeGreaterThan(0);
  });
});

/**
 * The capabilities of src/operations and which others each may use (src/operations/README.md): site
 * recovery follows jobs with backup's helpers; the VM views show snapshots and backup. Never back.
 */
const capabilities = ['snapshots', 'vms', 'backup', 'site-recovery', 'bot'] as const;
const mayUse: Record<string, readonly string[]> = {
  snapshots: [],
  backup: [],
  'site-recovery': ['backup'],
  vms: ['snapshots', 'backup'],
  bot: [],
};

interface CapabilityImport {
  from: string;
  to: string;
  file: string;
}

function capabilityImports(): CapabilityImport[] {
  return capabilities.flatMap((from) =>
    sources(join('src/operations', from)).flatMap((file) =>
      importsOf(file)
        .map((spec) => /^\.\.\/([a-z-]+)\//.exec(spec)?.[1])
        .filter((to): to is string => to !== undefined && (capabilities as readonly string[]).includes(to))
        .map((to) => ({ from, to, file })),
    ),
  );
}

function allowedBetweenCapabilities(edge: CapabilityImport): boolean {
  return edge.from === edge.to || (mayUse[edge.from] ?? []).includes(edge.to);
}
