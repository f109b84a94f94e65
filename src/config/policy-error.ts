import { type Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { z } from 'zod';

/** A policy file the bot must not start with; the message names the file, the line and the fix. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}

type PathPart = string | number;

/** Where a problem is, in words and lines; built once per file so every check can point at it. */
export interface PolicyLocator {
  file: string;
  /** The line of the value at `path`, or of its nearest ancestor that exists. */
  lineOf(path: readonly PathPart[]): number;
  /** The line of a key in a map (an unknown command name), not of its value. */
  keyLineOf(mapPath: readonly PathPart[], key: string): number;
  /** What is at `path`, for quoting the offending value. */
  valueAt(path: readonly PathPart[]): { kind: 'missing' | 'collection' } | { kind: 'scalar'; value: unknown };
}

export function createPolicyLocator(file: string, text: string, document: Document): PolicyLocator {
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  const lineOfNode = (node: unknown): number | undefined => {
    const range = (node as Node | undefined)?.range;
    return range ? lineAt(range[0]) : undefined;
  };
  return {
    file,
    lineOf(path) {
      for (let length = path.length; length >= 0; length -= 1) {
        const line = lineOfNode(document.getIn(path.slice(0, length), true));
        if (line !== undefined) return line;
      }
      return 1;
    },
    keyLineOf(mapPath, key) {
      const map = document.getIn(mapPath, true);
      const pair = isMap(map)
        ? (map.items as Pair[]).find((item) => isScalar(item.key) && String(item.key.value) === key)
        : undefined;
      return lineOfNode(pair?.key) ?? this.lineOf(mapPath);
    },
    valueAt(path) {
      const node = document.getIn(path, true);
      if (isScalar(node)) return { kind: 'scalar', value: node.value };
      if (isSeq(node) || isMap(node)) return { kind: 'collection' };
      return { kind: 'missing' };
    },
  };
}

export function policyError(
  locator: PolicyLocator,
  line: number,
  where: string,
  problem: string,
  fix: string,
): PolicyError {
  const place = where ? ` (${where})` : '';
  return new PolicyError(
    `The bot cannot start: ${locator.file} line ${line}${place}: ${problem}. Fix: ${fix}, then start again.`,
  );
}

/** Turns the first schema issue into the start-up error. Zod messages are written as the fix. */
export function errorFromIssue(locator: PolicyLocator, issue: z.core.$ZodIssue): PolicyError {
  const path = issue.path.filter((part): part is PathPart => typeof part !== 'symbol');
  const line = locator.lineOf(path);
  const where = describePath(path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return policyError(
      locator,
      locator.keyLineOf(path, issue.keys[0] ?? ''),
      where,
      `unknown setting ${keys}`,
      'remove it or correct its spelling',
    );
  }
  return policyError(locator, line, where, describeProblem(locator, path), issue.message);
}

function describeProblem(locator: PolicyLocator, path: readonly PathPart[]): string {
  const found = locator.valueAt(path);
  if (found.kind === 'scalar') return `${JSON.stringify(found.value)} is not accepted`;
  if (found.kind === 'collection') return 'this entry is not complete or not of the right kind';
  return `${String(path.at(-1) ?? 'a value')} is missing`;
}

/** `members[1].slack`, `commands["snapshot delete"].approvals`. */
export function describePath(path: readonly PathPart[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      if (/^[a-z][\w-]*$/i.test(part)) return index === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join('');
}
