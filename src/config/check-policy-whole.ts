import { type Document, isAlias, visit } from 'yaml';
import { PolicyError } from './policy-error.js';
import type { Policy } from './policy-model.js';

/**
 * What makes a policy file unsafe to start with although each entry in it is valid: aliases (a
 * few lines of `*a` can expand to billions of nodes, the "billion laughs"), a file that ends in the
 * middle of a line (a copy or an edit that did not finish: the bot would start with only the
 * members before the cut) and a file without members (emptied, or cut before the first one).
 */
export function refuseAliases(document: Document, text: string, path: string): void {
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  let line: number | undefined;
  visit(document, {
    Alias(_key, node) {
      if (isAlias(node)) {
        line = lineAt(node.range?.[0] ?? 0);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (line === undefined) return;
  throw new PolicyError(
    `The bot cannot start: ${path} line ${line} uses a YAML alias (*name); the policy allows none, since aliases can expand a small file into billions of entries. Fix: write the value out in full there.`,
  );
}

export function refuseCutShort(text: string, path: string): void {
  if (text.length === 0 || text.endsWith('\n')) return;
  const lastLine = text.split('\n').length;
  throw new PolicyError(
    `The bot cannot start: ${path} line ${lastLine} ends without a line break, so the file looks cut short (a copy or an edit that did not finish), and the bot would start with only the members before the cut. Fix: restore the whole file; if it is complete, end it with a newline.`,
  );
}

export function refuseNoMembers(policy: Policy, path: string, text: string): void {
  if (policy.members.length > 0) return;
  const membersLine = text.split('\n').findIndex((line) => /^members\s*:/.test(line)) + 1;
  const where =
    membersLine > 0 ? `line ${membersLine} lists no members` : 'line 1: the file has no members section';
  throw new PolicyError(
    `The bot cannot start: ${path} ${where}, so nobody could use the bot (an empty or cut-short file looks like this). Fix: list the members under members: with their role and ids (see config/policy.yaml in the repository).`,
  );
}
